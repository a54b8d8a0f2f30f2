import type { IncomingMessage } from 'node:http';
import { accounts } from '@chatapp/domain';

/** Node requests carry a header record; trpc-to-openapi's standalone adapter hands over fetch-style `Headers`. */
type HeaderSource = Pick<IncomingMessage, 'headers'> | { headers: Headers };

export function headerValue(req: HeaderSource, name: string): string | null {
  const { headers } = req;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** The token of an HTTP request: `Authorization: Bearer <t>`, `bearer <t>` or a bare `<t>`. */
export function tokenFromRequest(req: HeaderSource): string | null {
  return accounts.parseAuthorization(headerValue(req, 'authorization'));
}
