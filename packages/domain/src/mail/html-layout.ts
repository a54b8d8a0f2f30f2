import { escapeHtml } from './escape';

/** A paragraph of already-escaped HTML, or a call-to-action button. */
export type HtmlBlock = { paragraph: string } | { button: { label: string; href: string } };

/**
 * The one HTML frame of every mail: a centred card with inline styles (mail programs ignore style sheets).
 * `blocks` hold escaped HTML; the title and product name are escaped here.
 */
export function htmlLayout(productName: string, title: string, blocks: readonly HtmlBlock[]): string {
  const body = blocks
    .map((block) =>
      'paragraph' in block
        ? `<p style="margin:0 0 16px;line-height:1.5">${block.paragraph}</p>`
        : `<p style="margin:24px 0"><a href="${escapeHtml(block.button.href)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#2563eb;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(block.button.label)}</a></p>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2937">
<div style="max-width:520px;margin:0 auto;padding:32px;background:#ffffff;border-radius:8px">
<h1 style="margin:0 0 24px;font-size:20px">${escapeHtml(title)}</h1>
${body}
<p style="margin:32px 0 0;font-size:13px;color:#6b7280">${escapeHtml(productName)}</p>
</div>
</body>
</html>
`;
}
