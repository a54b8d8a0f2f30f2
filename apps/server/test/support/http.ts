/** A small fetch wrapper for tests: JSON in, parsed JSON (or text) out, with status and headers. */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  /** Raw `Authorization` header, when a test needs an unusual form. */
  authorization?: string;
  headers?: Record<string, string>;
  /** A raw string body, sent as-is (for malformed JSON). */
  raw?: string;
  contentType?: string;
}

export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  let payload: string | undefined;
  if (options.raw !== undefined) payload = options.raw;
  else if (body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload, redirect: 'manual' });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: tests assert on the text.
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export function client(baseUrl: string) {
  return {
    get: <T = unknown>(path: string, options?: RequestOptions) =>
      request<T>(baseUrl, 'GET', path, undefined, options),
    post: <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
      request<T>(baseUrl, 'POST', path, body, options),
    put: <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
      request<T>(baseUrl, 'PUT', path, body, options),
    patch: <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
      request<T>(baseUrl, 'PATCH', path, body, options),
    send: <T = unknown>(method: string, path: string, body?: unknown, options?: RequestOptions) =>
      request<T>(baseUrl, method, path, body, options),
  };
}

export type TestClient = ReturnType<typeof client>;
