import { schemas } from '@chatapp/api';
import { media } from '@chatapp/domain';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';

const v1Error = z.object({ message: z.string(), code: z.string() });
const legacyNotFound = z.object({ detail: z.string() });
const binary = { type: 'string', format: 'binary' } as const;

function json(schema: z.ZodType, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * The two media routes that are not procedures: the upload (under the v1 base URL, like the generated paths) and
 * file serving (at the site root).
 */
export function mediaOpenApiPaths(): ZodOpenApiPathsObject {
  return {
    '/media': {
      post: {
        operationId: 'media-upload',
        tags: ['Media'],
        summary: 'Upload an image or audio clip; use the returned id as `media_id` when sending a message',
        description:
          `The content decides the type, not the declared one (${media.ACCEPTED_FORMATS}). Images are re-encoded ` +
          'without their metadata (EXIF, GPS) and get a thumbnail. Limits: MEDIA_MAX_IMAGE_BYTES and ' +
          'MEDIA_MAX_AUDIO_BYTES (10 MiB each by default), MEDIA_MAX_IMAGE_PIXELS (40 million).',
        security: [{ Authorization: [] }],
        requestBody: {
          required: true,
          content: {
            'application/octet-stream': { schema: binary },
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: binary }, required: ['file'] },
            },
          },
        },
        responses: {
          201: json(schemas.mediaSchema, 'Stored; not attached to any message yet'),
          400: json(v1Error, 'Empty or undecodable file, or a malformed multipart body'),
          401: json(v1Error, 'Missing, unknown, revoked or expired token'),
          413: json(v1Error, 'Larger than the limit for its kind'),
          415: json(v1Error, 'Not an accepted image or audio format, or an unsupported request content type'),
        },
      },
    },
    '/media/{folder}/{file}': {
      servers: [{ url: '/', description: 'Media files' }],
      get: {
        operationId: 'media-file',
        tags: ['Media'],
        summary: 'A stored file, e.g. `/media/ImgMessages/<sha256>.jpg` (the paths the API returns)',
        description:
          'Public. Supports `Range` (206, 416), `ETag`/`If-None-Match` and `If-Modified-Since` (304). ' +
          'Content-addressed names are cached for a year as immutable.',
        parameters: [
          { name: 'folder', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
        ],
        responses: {
          200: { description: 'The file', content: { '*/*': { schema: binary } } },
          206: { description: 'The requested byte range', content: { '*/*': { schema: binary } } },
          304: { description: 'Not modified' },
          404: json(legacyNotFound, 'No such file'),
          416: json(legacyNotFound, 'Range not satisfiable'),
        },
      },
    },
  };
}
