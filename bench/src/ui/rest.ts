/** The REST v1 calls the UI bench needs to set up users and conversations, and to send as a peer. */

export interface RestUser {
  id: number;
  username: string;
  password: string;
  token: string;
}

async function post<T>(baseUrl: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** Signs up (`/api/v1/auth/signup`), then logs in for an API token. */
export async function signUp(baseUrl: string, username: string, firstName: string): Promise<RestUser> {
  const password = 'Bench-passw0rd!';
  await post(baseUrl, '/api/v1/auth/signup', {
    username,
    email: `${username}@bench.invalid`,
    password,
    first_name: firstName,
    last_name: 'Bench',
  });
  const login = await post<{ id: number; token: string }>(baseUrl, '/api/v1/auth/login', {
    username,
    password,
  });
  return { id: login.id, username, password, token: login.token };
}

/** The one-to-one conversation of `user` with `otherId` (created if new); returns its id. */
export async function openDirect(baseUrl: string, user: RestUser, otherId: number): Promise<number> {
  const opened = await post<{ conversation: { id: number } }>(
    baseUrl,
    '/api/v1/conversations/direct',
    { user_id: otherId },
    user.token,
  );
  return opened.conversation.id;
}

/** Sends a text message as `user`; resolves when the server has answered (stored and published). */
export async function sendText(
  baseUrl: string,
  user: RestUser,
  conversationId: number,
  body: string,
): Promise<number> {
  const sent = await post<{ message: { id: number } }>(
    baseUrl,
    `/api/v1/conversations/${conversationId}/messages`,
    { body },
    user.token,
  );
  return sent.message.id;
}
