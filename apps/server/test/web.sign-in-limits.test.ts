import { describe, expect, it } from 'vitest';
import { createUsers, PASSWORD } from './support/accounts';
import { useWebServer } from './support/web-server';

/** Signs in through next-auth's credentials endpoint, as the sign-in form does, from `address` (via the proxy). */
async function webSignIn(
  baseUrl: string,
  address: string,
  identifier: string,
  headers = {},
): Promise<string> {
  const forwarded = { 'x-forwarded-for': address, ...headers };
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: forwarded });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const answer = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { ...forwarded, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, identifier, password: PASSWORD, json: 'true' }),
    redirect: 'manual',
  });
  const { url } = (await answer.json()) as { url: string };
  // next-auth answers where the browser goes next: the app, or its error page with the reason.
  return new URL(url).searchParams.get('error') ?? 'signed in';
}

describe('sign-in through the web UI', () => {
  // The UI's sign-in calls the API from inside this process; it must still be limited per browser address.
  const suite = useWebServer(() => ({ TRUST_PROXY: 'true', LOGIN_PER_ADDRESS_PER_MINUTE: '3' }));

  it('is limited per browser address, which a browser cannot forge', async () => {
    const { baseUrl } = suite.server();
    const users = await createUsers(suite.api(), 5);
    const [a, b, c, d, e] = users.map((u) => u.username) as [string, string, string, string, string];
    const outcomes = [];
    for (const username of [a, b, c, d]) outcomes.push(await webSignIn(baseUrl, '198.51.100.7', username));
    // Three sign-ins per minute from one address (each a different account, so no per-account limit applies).
    expect(outcomes).toEqual(['signed in', 'signed in', 'signed in', 'TooManyAttempts']);
    // Naming another address to the API is the server's word alone: the browser's own headers are replaced.
    const forged = { 'x-chatapp-client-address': '203.0.113.50', 'x-chatapp-web-key': 'guess' };
    expect(await webSignIn(baseUrl, '198.51.100.7', e, forged)).toBe('TooManyAttempts');
    // Another browser, behind the same proxy, is not held back by the first one's attempts.
    expect(await webSignIn(baseUrl, '198.51.100.8', e)).toBe('signed in');
  });
});
