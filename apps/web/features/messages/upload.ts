import type { schemas } from '@chatapp/api';

/** What the API stored for an upload (its id goes into `messages.send` as `media_id`). */
export type UploadedMedia = schemas.MediaDto;

export class UploadError extends Error {
  override name = 'UploadError';

  /** True when the server never answered (offline, server down), false when it answered with a refusal. */
  constructor(
    message: string,
    readonly unreachable = false,
  ) {
    super(message);
  }
}

/**
 * Uploads a file to `POST /api/v1/media` with progress (XMLHttpRequest: fetch has no upload progress). The API
 * decides what the file is from its bytes and answers why it refuses one (not an image, too large).
 */
export function uploadMedia(
  file: Blob,
  token: string,
  onProgress: (fraction: number) => void,
): Promise<UploadedMedia> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/media');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status === 201 && body && typeof body === 'object') return resolve(body as UploadedMedia);
      const message =
        body && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
          ? body.message
          : `Upload failed (HTTP ${xhr.status})`;
      reject(new UploadError(message));
    };
    xhr.onerror = () => reject(new UploadError('Could not reach the server', true));
    xhr.send(file);
  });
}
