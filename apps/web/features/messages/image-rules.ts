/** The server's default image limit (MEDIA_MAX_IMAGE_BYTES): refused here at once instead of after an upload. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Why a picked file cannot be sent as a picture, or null. The server checks the bytes again. */
export function imageProblem(file: File): string | null {
  if (!file.type.startsWith('image/'))
    return `“${file.name}” is not an image: only pictures can be sent here.`;
  if (file.size > MAX_IMAGE_BYTES)
    return `“${file.name}” is too large (${(file.size / 1024 / 1024).toFixed(1)} MB): pictures can be up to 10 MB.`;
  return null;
}
