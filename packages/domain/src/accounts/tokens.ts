import { createHash, randomBytes } from 'node:crypto';

/**
 * Login tokens are 256 random bits sent as 64 lower-case hex characters (the legacy token's shape) and stored only
 * as their SHA-256, so a database leak does not hand out sessions.
 */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Reads a token from an `Authorization` header value: `Bearer <t>`, `bearer <t>` or a bare `<t>`.
 * Hex case is folded (the legacy MySQL lookup was case-insensitive). Anything not shaped like a token is null.
 */
export function parseAuthorization(header: string | undefined | null): string | null {
  if (!header) return null;
  const value = header.trim().replace(/^bearer\s+/i, '');
  return normalizeToken(value);
}

export function normalizeToken(value: string | undefined | null): string | null {
  if (!value) return null;
  const token = value.trim();
  return /^[0-9a-fA-F]{64}$/.test(token) ? token.toLowerCase() : null;
}
