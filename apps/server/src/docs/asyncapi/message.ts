import type { z } from 'zod';

/** One message of the AsyncAPI document: its zod schema (the one the code uses), its words and its examples. */
export interface DocumentedMessage {
  /** The key in its channel's `messages`. */
  name: string;
  title: string;
  summary: string;
  description: string;
  schema: z.ZodType;
  /** `input`: what a client sends; `output`: what the server sends. */
  io: 'input' | 'output';
  examples: Array<{ name: string; summary: string; payload: unknown }>;
}

/** A message with its one example. */
export function documented(
  message: Omit<DocumentedMessage, 'examples'> & { example: unknown; exampleSummary?: string },
): DocumentedMessage {
  const { example, exampleSummary, ...rest } = message;
  return {
    ...rest,
    examples: [
      { name: `${message.name}Example`, summary: exampleSummary ?? message.summary, payload: example },
    ],
  };
}
