import type { media } from '@chatapp/domain';
import { z } from 'zod';

/** A media file's URL: the request's media base plus the stored relative path, each segment escaped. */
export function mediaUrl(mediaBaseUrl: string, path: string): string {
  return mediaBaseUrl + path.split('/').map(encodeURIComponent).join('/');
}

export const mediaSchema = z
  .object({
    id: z.number().int().positive(),
    kind: z.enum(['image', 'audio', 'profile']),
    mime: z.string().describe('The type found in the content, e.g. image/jpeg or audio/webm'),
    size_bytes: z.number().int().nonnegative(),
    width: z.number().int().nullable().describe('Pixels; null for audio'),
    height: z.number().int().nullable().describe('Pixels; null for audio'),
    url: z.string().describe('Absolute URL of the file'),
    thumbnail_url: z.string().nullable().describe('Absolute URL of a small WebP preview; null for audio'),
  })
  .meta({ id: 'Media' });

export type MediaDto = z.infer<typeof mediaSchema>;

export function toMediaDto(summary: media.MediaSummary, mediaBaseUrl: string): MediaDto {
  return {
    id: summary.id,
    kind: summary.kind,
    mime: summary.mime,
    size_bytes: summary.size_bytes,
    width: summary.width,
    height: summary.height,
    url: mediaUrl(mediaBaseUrl, summary.path),
    thumbnail_url: summary.thumb_path === null ? null : mediaUrl(mediaBaseUrl, summary.thumb_path),
  };
}
