import type { IncomingMessage } from 'node:http';
import { BodyError, readRawBody } from './body';

/** Room for multipart boundaries and part headers on top of the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Declared types accepted for a raw upload; only the content decides what the file is. */
const RAW_TYPES = /^(application\/octet-stream|image\/[\w.+-]+|audio\/[\w.+-]+|video\/(webm|mp4|ogg))$/;

/**
 * The file of a direct upload: the raw body (`application/octet-stream`, or a declared image/audio type), or the
 * first file of a `multipart/form-data` body (field `file` preferred). Other content types are refused.
 */
export async function readUploadBody(req: IncomingMessage, maxFileBytes: number): Promise<Buffer> {
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (RAW_TYPES.test(type)) return readRawBody(req, maxFileBytes);
  if (type !== 'multipart/form-data') {
    req.resume();
    throw new BodyError(
      'unsupported_type',
      `Unsupported media type "${type}": send the file as application/octet-stream or multipart/form-data`,
    );
  }
  const raw = await readRawBody(req, maxFileBytes + MULTIPART_OVERHEAD);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new BodyError('malformed', 'Malformed multipart/form-data body');
  }
  const named = form.get('file');
  const file = named instanceof Blob ? named : [...form.values()].find((value) => value instanceof Blob);
  if (!(file instanceof Blob)) throw new BodyError('malformed', 'The multipart body has no file part');
  if (file.size > maxFileBytes) {
    throw new BodyError('too_large', `Request body exceeds the limit of ${maxFileBytes} bytes`);
  }
  return Buffer.from(await file.arrayBuffer());
}
