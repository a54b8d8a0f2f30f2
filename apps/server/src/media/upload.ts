import type { IncomingMessage, ServerResponse } from 'node:http';
import { schemas, TRPC_CODE_BY_KIND, V1_BASE_PATH } from '@chatapp/api';
import { accounts, type DomainDeps, DomainError, media } from '@chatapp/domain';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { ContextFactory } from '../context';
import { BodyError } from '../http/body';
import { sendJson } from '../http/respond';
import { readUploadBody } from '../http/upload-body';

export const MEDIA_UPLOAD_PATH = `${V1_BASE_PATH}/media`;

/**
 * `POST /api/v1/media`: a direct upload, answered with the stored media and its id for `media_id` in a send.
 * trpc-to-openapi only carries JSON, so this one route is handled here; it authenticates like every procedure
 * and leaves every rule to the media domain. Errors have the v1 shape `{message, code}`.
 */
export function createMediaUploadHandler(deps: DomainDeps, createContext: ContextFactory) {
  const maxFileBytes = media.maxInputBytes(deps.media.limits, 'upload');

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ctx = createContext(req);
    const session = ctx.token ? await accounts.authenticate(deps, ctx.token) : null;
    if (!session) {
      req.resume();
      return fail(res, new DomainError('unauthorized', 'Unauthorized'));
    }
    let bytes: Buffer;
    try {
      bytes = await readUploadBody(req, maxFileBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      const kind = { too_large: 'too_large', unsupported_type: 'unsupported' } as const;
      return fail(res, new DomainError(kind[error.reason as keyof typeof kind] ?? 'invalid', error.message));
    }
    try {
      const stored = await media.uploadMedia(deps, session.user.id, bytes);
      sendJson(res, 201, schemas.toMediaDto(stored, ctx.mediaBaseUrl));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      fail(res, error);
    }
  };
}

function fail(res: ServerResponse, error: DomainError): void {
  const code = TRPC_CODE_BY_KIND[error.kind];
  sendJson(res, getHTTPStatusCodeFromError(new TRPCError({ code })), { message: error.message, code });
}
