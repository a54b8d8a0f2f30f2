import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '@chatapp/api';
import { BodyError, readObjectBody } from '../http/body';
import { sendJson } from '../http/respond';
import { legacyCaller } from './caller';
import { errorBody, legacyFailure } from './envelope';
import type { LegacyRoute } from './route';

/** Answers a request if its path is a legacy route's (true), or leaves it to the next transport (false). */
export type LegacyRequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  ctx: ApiContext,
) => Promise<boolean>;

/** Serves a route table (legacy/routes: the legacy contract's routes) by exact, case-sensitive path. */
export function createLegacyHandler(
  routes: readonly LegacyRoute[],
  maxBodyBytes: number,
): LegacyRequestHandler {
  const routesByPath = new Map<string, LegacyRoute[]>();
  for (const route of routes) routesByPath.set(route.path, [...(routesByPath.get(route.path) ?? []), route]);
  return (req, res, pathname, ctx) => serveLegacyRequest(req, res, pathname, ctx, routesByPath, maxBodyBytes);
}

function allowedMethods(routes: LegacyRoute[]): string[] {
  const methods = routes.map((r) => r.method as string);
  if (methods.includes('GET')) methods.push('HEAD');
  return [...methods, 'OPTIONS'];
}

/**
 * Serves a legacy route if `pathname` is one. Order follows the legacy service: unknown path → not handled;
 * wrong method → 405 (before any auth); then body parsing, then the procedure (which authenticates).
 */
async function serveLegacyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  ctx: ApiContext,
  routesByPath: ReadonlyMap<string, LegacyRoute[]>,
  maxBodyBytes: number,
): Promise<boolean> {
  const routes = routesByPath.get(pathname);
  if (!routes) return redirectMissingSlash(req, res, pathname, routesByPath);

  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const allow = allowedMethods(routes).join(', ');
  if (method === 'OPTIONS') {
    const route = routes[0];
    sendJson(
      res,
      200,
      { name: route?.summary ?? '', description: '', renders: ['application/json'], parses: PARSES },
      {
        Allow: allow,
      },
    );
    return true;
  }
  const route = routes.find((r) => r.method === method);
  if (!route) {
    sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` }, { Allow: allow });
    return true;
  }

  let body: Record<string, unknown> = {};
  if (route.method !== 'GET') {
    try {
      body = await readObjectBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      const status =
        error.reason === 'too_large'
          ? 413
          : error.reason === 'unsupported_type' && route.parseErrors === 'drf'
            ? 415
            : 400;
      sendJson(
        res,
        status,
        route.parseErrors === 'drf' ? { detail: error.message } : errorBody(route.errors, error.message),
      );
      return true;
    }
  }

  try {
    const { status, message, data } = await route.answer(legacyCaller(ctx), body, { token: ctx.token });
    sendJson(res, status, route.envelope === 'top-level' ? topLevel(data) : { success: true, message, data });
  } catch (error) {
    const failure = legacyFailure(error, route.errors, route.conflictStatus);
    // Only the unexpected is logged here: 502-504 are the assistant's answers, logged on one line where they arise.
    if (failure.status === 500)
      ctx.deps.runtime.log.error(
        { err: error, route: route.path, method: route.method },
        'legacy call failed',
      );
    const headers =
      failure.retryAfter === undefined ? undefined : { 'Retry-After': String(failure.retryAfter) };
    sendJson(res, failure.status, failure.body, headers);
  }
  return true;
}

const PARSES = ['application/json', 'application/x-www-form-urlencoded'];

/** Family C: the route's fields beside `success`, with no `message` or `data`. */
function topLevel(data: unknown): Record<string, unknown> {
  return { success: true, ...(typeof data === 'object' && data !== null ? data : {}) };
}

/** Django's APPEND_SLASH: a GET/HEAD to a legacy path without its slash is redirected (contract §1.2). */
function redirectMissingSlash(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  routesByPath: ReadonlyMap<string, LegacyRoute[]>,
): boolean {
  const slashed = `${pathname}/`;
  if (!routesByPath.has(slashed) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
  res.writeHead(301, { Location: `${slashed}${query}`, 'Content-Length': '0' });
  res.end();
  return true;
}
