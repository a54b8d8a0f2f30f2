import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { media } from '@chatapp/domain';
import { sendJson, sendNotFound } from '../http/respond';
import { entityTag, isNotModified, requestedRange } from './conditional';
import { contentTypeOf } from './content-types';
import { MEDIA_PREFIX } from './urls';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Legacy names could be overwritten in place (same-second profile updates), so caches revalidate them. */
const REVALIDATE = 'public, no-cache';

export function isMediaPath(pathname: string): boolean {
  return pathname.startsWith(MEDIA_PREFIX);
}

/**
 * `GET/HEAD /media/<path>`: public, like the legacy service (S22 is answered by unguessable names instead). The
 * path is decoded one segment at a time and must be a safe relative path, so no spelling of `..`, an encoded
 * slash or backslash can leave the media root; anything else, a directory or a missing file is a JSON 404.
 */
export async function serveMedia(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  storage: media.MediaStorage,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const allow = 'GET, HEAD, OPTIONS';
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { Allow: allow });
      res.end();
      return;
    }
    return sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` }, { Allow: allow });
  }
  const path = decodePath(pathname.slice(MEDIA_PREFIX.length));
  const stat = path === null ? null : await storage.stat(path);
  if (path === null || stat === null) return sendNotFound(res);

  const etag = entityTag(path, stat);
  const lastModified = new Date(stat.modifiedMs).toUTCString();
  const headers: Record<string, string> = {
    ETag: etag,
    'Last-Modified': lastModified,
    'Cache-Control': media.isContentAddressed(path) ? IMMUTABLE : REVALIDATE,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    // Even if a legacy file held HTML or SVG, it could not run script in our origin.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': 'inline',
  };
  if (isNotModified(req, etag, stat.modifiedMs)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }

  const range = requestedRange(req, stat.size, etag, lastModified);
  if (range.kind === 'unsatisfiable') {
    return sendJson(
      res,
      416,
      { detail: 'Requested range not satisfiable.' },
      { 'Content-Range': `bytes */${stat.size}`, 'Accept-Ranges': 'bytes' },
    );
  }
  const partial = range.kind === 'partial' ? { start: range.start, end: range.end } : undefined;
  const length = partial ? partial.end - partial.start + 1 : stat.size;
  headers['Content-Type'] = contentTypeOf(path);
  headers['Content-Length'] = String(length);
  if (partial) headers['Content-Range'] = `bytes ${partial.start}-${partial.end}/${stat.size}`;

  if (req.method === 'HEAD') {
    res.writeHead(partial ? 206 : 200, headers);
    res.end();
    return;
  }
  const stream = await storage.open(path, partial);
  if (!stream) return sendNotFound(res);
  res.writeHead(partial ? 206 : 200, headers);
  // A client that goes away mid-file is normal (seeking aborts the previous range request).
  await pipeline(stream, res).catch(() => res.destroy());
}

/** The relative path named by the URL, or null when it is malformed or unsafe. */
function decodePath(encoded: string): string | null {
  try {
    const segments = encoded.split('/').map(decodeURIComponent);
    // An encoded slash inside a segment is refused rather than read as a separator.
    if (segments.some((segment) => segment.includes('/'))) return null;
    return media.normalizeMediaPath(segments.join('/'));
  } catch {
    return null;
  }
}
