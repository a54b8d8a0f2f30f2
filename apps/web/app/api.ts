/**
 * The few REST v1 calls the UI makes. Same origin as the page (the UI is mounted in the API server), so paths
 * are relative and no CORS is involved.
 */
const API_BASE = '/api/v1';

export interface LogInResult {
  id: number;
  token: string;
  expires_at: string;
}

export interface Me {
  id: number;
  username: string;
  email: string;
}

/** A non-2xx answer; the API's errors are JSON `{ message, code }`. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

function field(data: unknown, key: string): string | undefined {
  if (typeof data !== 'object' || data === null || !(key in data)) return undefined;
  const value: unknown = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

async function call<T>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  // POSTs always declare JSON, even with no body (logout): the REST adapter parses by content type.
  if (method === 'POST') headers['content-type'] = 'application/json';
  const response = await fetch(`${API_BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page, say: fall through to the status-based message.
  }
  if (!response.ok) {
    const message = field(data, 'message') ?? `Request failed (HTTP ${response.status})`;
    throw new ApiError(message, response.status, field(data, 'code') ?? 'UNKNOWN');
  }
  return data as T;
}

/** Anything with an `@` is taken as an email, as the API accepts either. */
export function logIn(identifier: string, password: string): Promise<LogInResult> {
  const who = identifier.includes('@') ? { email: identifier } : { username: identifier };
  return call<LogInResult>('POST', '/auth/login', undefined, { ...who, password });
}

export function getMe(token: string): Promise<Me> {
  return call<Me>('GET', '/users/me', token);
}

export function logOut(token: string): Promise<{ ok: true }> {
  return call<{ ok: true }>('POST', '/auth/logout', token);
}
