import type { ReactNode } from 'react';

/** http(s) URLs and bare www. hosts; trailing punctuation stays text ("see https://x.org." links x.org). */
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+[^\s<>"'.,;:!?)\]}]/gi;

/**
 * Text with its links made clickable, as React elements (never HTML: a message can contain no markup), each link
 * opening in a new tab without giving it our window (rel="noopener noreferrer").
 */
export function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parts.push(text.slice(last, start));
    const raw = match[0];
    const href = raw.startsWith('www.') ? `https://${raw}` : raw;
    parts.push(
      <a
        key={start}
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        className="break-all underline decoration-1 underline-offset-2 hover:opacity-80"
      >
        {raw}
      </a>,
    );
    last = start + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
