/** The URL of a stored media file from the relative path the API lists (`profiles/…`), each segment escaped. */
export function mediaPath(relative: string | null | undefined): string | null {
  if (!relative) return null;
  return `/media/${relative.split('/').map(encodeURIComponent).join('/')}`;
}
