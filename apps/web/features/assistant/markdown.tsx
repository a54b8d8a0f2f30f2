import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

/** The parts of a markdown syntax tree this file touches. */
interface MarkdownNode {
  type: string;
  value?: string;
  children?: MarkdownNode[];
}

/**
 * A model's reply may hold HTML (asked for, or made up). It must never become markup, and dropping it would hide
 * what was said: every raw HTML node becomes plain text, shown exactly as written.
 */
function htmlAsText() {
  const walk = (node: MarkdownNode) => {
    if (node.type === 'html') node.type = 'text';
    for (const child of node.children ?? []) walk(child);
  };
  return walk;
}

const REMARK_PLUGINS = [htmlAsText];

/** Links leave the app in a new tab, with no opener and no referrer (the chat's URL stays with us). */
function Anchor({ node: _node, ...props }: ComponentPropsWithoutRef<'a'> & { node?: unknown }) {
  return (
    <a
      {...props}
      target="_blank"
      rel="noopener noreferrer"
      className="font-medium text-accent-strong underline underline-offset-2 break-words"
    />
  );
}

const COMPONENTS: Components = {
  a: Anchor,
  p: ({ node: _node, ...props }) => <p className="my-1.5 first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-1.5 list-disc pl-5" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-1.5 list-decimal pl-5" {...props} />,
  li: ({ node: _node, ...props }) => <li className="my-0.5" {...props} />,
  h1: ({ node: _node, ...props }) => <p className="mt-2 mb-1 text-base font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <p className="mt-2 mb-1 font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <p className="mt-2 mb-1 font-semibold" {...props} />,
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-1.5 border-l-2 border-border pl-3 text-muted" {...props} />
  ),
  pre: ({ node: _node, ...props }) => (
    <pre
      className="my-2 overflow-x-auto rounded-lg border border-border bg-surface-2 px-3 py-2 font-mono text-[13px] leading-5"
      {...props}
    />
  ),
  // Inline code gets a chip; code inside <pre> keeps the block's look (the selector undoes the chip there).
  code: ({ node: _node, ...props }) => (
    <code
      className="rounded bg-surface-2 px-1 py-0.5 font-mono text-[13px] [pre_&]:bg-transparent [pre_&]:p-0"
      {...props}
    />
  ),
  table: ({ node: _node, ...props }) => (
    <div className="my-2 overflow-x-auto">
      <table className="border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => <th className="border border-border px-2 py-1 text-left" {...props} />,
  td: ({ node: _node, ...props }) => <td className="border border-border px-2 py-1" {...props} />,
  img: ({ node: _node, alt }) => <span>{alt ?? ''}</span>,
};

/**
 * The assistant's text as markdown, safely: no raw HTML (shown as text), links out with rel="noopener noreferrer",
 * pictures as their description (no request to a host the model named), unsafe URLs dropped (react-markdown's
 * default URL check).
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="min-w-0 break-words [overflow-wrap:anywhere]">
      <ReactMarkdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
