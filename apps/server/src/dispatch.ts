import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { V1_BASE_PATH } from '@chatapp/api';
import { type DomainDeps, storageUnavailable } from '@chatapp/domain';
import type { ContextFactory } from './context';
import { createDocsHandler } from './docs/handler';
import { answerPreflight, applyCorsHeaders } from './http/cors';
import { handleHealthRequest } from './http/health';
import type { OriginPolicy } from './http/origins';
import { sendJson, sendNotFound } from './http/respond';
import { createInvitationPage, INVITATION_PAGE_PATH } from './invitations/page';
import { createLegacyHandler } from './legacy/handler';
import { legacyRoutes } from './legacy/routes';
import { isMediaPath, serveMedia } from './media/serve';
import { createMediaUploadHandler, MEDIA_UPLOAD_PATH } from './media/upload';
import type { ServerMetrics } from './observability/metrics';
import { handleMetricsRequest } from './observability/metrics-endpoint';
import { createRestV1Handler } from './rest/v1';
import { createTrpcHttpHandler, TRPC_PATH } from './trpc/http';
import type { WebApp } from './web/web-app';

export interface DispatchOptions {
  deps: DomainDeps;
  createContext: ContextFactory;
  maxBodyBytes: number;
  web: WebApp | null;
  /** ALLOWED_ORIGINS, for CORS (the WebSocket upgrades check the same policy). */
  origins: OriginPolicy;
  /** The server's metrics, and METRICS_TOKEN: with it, `/metrics` is served here to that bearer. */
  metrics: ServerMetrics;
  metricsToken: string | undefined;
}

/**
 * The one HTTP entry point. Each transport is a thin adapter over the same router; this only picks which one
 * by path: health → metrics (with METRICS_TOKEN) → media files → tRPC → media upload → REST v1 → docs → the invitation page (without the UI) →
 * legacy routes → web UI → JSON 404.
 */
export function createDispatcher(options: DispatchOptions): RequestListener {
  const { deps, createContext, maxBodyBytes, web, origins, metrics, metricsToken } = options;
  const log = deps.runtime.log;
  const trpc = createTrpcHttpHandler(createContext, maxBodyBytes, log);
  const restV1 = createRestV1Handler(createContext, maxBodyBytes, log);
  const uploadMedia = createMediaUploadHandler(deps, createContext);
  const handleDocsRequest = createDocsHandler();
  const handleLegacyRequest = createLegacyHandler(legacyRoutes, maxBodyBytes);
  const invitationPage = createInvitationPage({
    webSignInPath: web ? '/sign-in' : null,
    productName: deps.mail.productName,
  });

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    applyCorsHeaders(req, res, origins);
    if (answerPreflight(req, res, origins)) return;
    if (await handleHealthRequest(req, res, pathname, deps.db, log)) return;
    if (await handleMetricsRequest(req, res, pathname, metrics, metricsToken)) return;
    if (isMediaPath(pathname)) return serveMedia(req, res, pathname, deps.media.storage);
    if (pathname === TRPC_PATH || pathname.startsWith(`${TRPC_PATH}/`)) return void trpc(req, res);
    if (pathname === MEDIA_UPLOAD_PATH && req.method === 'POST') return uploadMedia(req, res);
    if (pathname.startsWith(`${V1_BASE_PATH}/`)) return restV1(req, res);
    if (handleDocsRequest(req, res, pathname)) return;
    // The mailed link is one path either way: the UI's page when the UI is mounted (it can sign the invitee in),
    // else the plain page, which only sets the password.
    if (pathname === INVITATION_PAGE_PATH && !web?.handles(pathname))
      return invitationPage(req, res, createContext(req));
    if (await handleLegacyRequest(req, res, pathname, createContext(req))) return;
    if (web?.handles(pathname)) return web.handle(req, res);
    sendNotFound(res);
  }

  return (req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      // A door outside tRPC (an upload, a media file) that met a database away or a full disk: 503, not a 500.
      const unavailable = storageUnavailable(error);
      if (unavailable && !res.headersSent) {
        res.setHeader('Retry-After', String(Math.ceil((unavailable.retryAfterMs ?? 5_000) / 1000)));
        return sendJson(res, 503, { detail: unavailable.message });
      }
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { detail: 'Internal server error' });
      else res.destroy();
    });
  };
}
