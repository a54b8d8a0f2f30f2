import type { ServerResponse } from 'node:http';
import { mail } from '@chatapp/domain';

/** Text into HTML: every value a page shows goes through this (the same escaping as mail templates). */
export const escapeHtml = mail.escapeHtml;

/**
 * A small page of our own, self-contained (no script, inline styles only). The headers keep the link's token in
 * this page: no Referer leaves it, no cache keeps it, no other site frames it, and forms post only here.
 */
export function sendHtmlPage(res: ServerResponse, status: number, title: string, body: string): void {
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light dark; --bg: #f4f5f7; --card: #fff; --text: #1f2937; --muted: #6b7280; --accent: #2563eb; --error: #b91c1c; --border: #d1d5db; }
  @media (prefers-color-scheme: dark) { :root { --bg: #111827; --card: #1f2937; --text: #f3f4f6; --muted: #9ca3af; --accent: #60a5fa; --error: #fca5a5; --border: #4b5563; } }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { width: min(420px, calc(100vw - 32px)); padding: 32px; background: var(--card); border-radius: 12px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }
  h1 { margin: 0 0 16px; font-size: 1.4rem; }
  p { margin: 0 0 16px; }
  .muted { color: var(--muted); font-size: 0.9rem; }
  .error { color: var(--error); font-weight: 600; }
  label { display: block; margin: 0 0 16px; font-weight: 600; }
  input { display: block; box-sizing: border-box; width: 100%; margin-top: 6px; padding: 10px 12px; border: 1px solid var(--border); border-radius: 8px; background: transparent; color: inherit; font: inherit; }
  button, .button { display: inline-block; padding: 10px 18px; border: 0; border-radius: 8px; background: var(--accent); color: #fff; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(page),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(res.req.method === 'HEAD' ? undefined : page);
}
