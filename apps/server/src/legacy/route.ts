import type { AppCaller } from '@chatapp/api';
import type { z } from 'zod';
import type { ErrorFamily } from './envelope';

export type LegacyMethod = 'GET' | 'POST' | 'PUT';

/** What an input/output mapper may know about the request besides its body. */
export interface LegacyRequestInfo {
  token: string | null;
}

/**
 * One legacy route: exact path and method, how its loose body maps onto a procedure's input, and how the result
 * is shaped. No rule lives here: validation, auth and persistence all happen in the procedure.
 */
export interface LegacyRoute<TInput = unknown, TOutput = unknown> {
  method: LegacyMethod;
  path: string;
  /** Whether the route needs a token (for the docs; the procedure enforces it). */
  auth: boolean;
  summary: string;
  tag: string;
  /** Envelope family of this route's errors. */
  errors: ErrorFamily;
  /** DRF answered body-parse errors of some routes with `{detail}` (contract §1.3). */
  parseErrors?: 'route' | 'drf';
  toInput(body: Record<string, unknown>): TInput;
  call(caller: AppCaller, input: TInput): Promise<TOutput>;
  status: number | ((output: TOutput) => number);
  message: string | ((output: TOutput) => string);
  toData(output: TOutput, request: LegacyRequestInfo): unknown;
  docs: { request?: z.ZodType; data: z.ZodType };
}

/** Keeps each route's input/output types checked while the table holds them side by side. */
export function defineRoute<TInput, TOutput>(route: LegacyRoute<TInput, TOutput>): LegacyRoute {
  return route as unknown as LegacyRoute;
}

/** A legacy field that was missing or null reads as "" (the legacy views' defaults); other values pass as-is. */
export function text(body: Record<string, unknown>, key: string): unknown {
  const value = body[key];
  return value === undefined || value === null ? '' : value;
}

/** A legacy optional field: falsy values ("", null, missing) mean "not given". */
export function optional(body: Record<string, unknown>, key: string): unknown {
  const value = body[key];
  return value === undefined || value === null || value === '' ? undefined : value;
}
