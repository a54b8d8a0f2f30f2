import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '@chatapp/config';

const SECRET_FILE = 'auth-secret';

/**
 * The web session's secret: AUTH_SECRET when configured, otherwise one generated on the first start and kept in
 * DATA_DIR, so that a fresh machine needs no setup and sessions survive a restart.
 */
export function webSessionSecret(env: Pick<Env, 'AUTH_SECRET' | 'DATA_DIR'>): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = join(env.DATA_DIR, SECRET_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // Owner-only: whoever reads it can forge sessions.
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * next-auth (inside the Next app, in this process) reads its settings from process.env. The server is the one
 * place that validated them, so it hands them over before Next starts: the secret; the public origin when
 * PUBLIC_URL is set; otherwise the request's own host (we are the only server in front of Next).
 */
export function exportNextAuthEnv(env: Pick<Env, 'AUTH_SECRET' | 'DATA_DIR' | 'PUBLIC_URL'>): void {
  process.env.NEXTAUTH_SECRET = webSessionSecret(env);
  if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL;
  else process.env.AUTH_TRUST_HOST = 'true';
}

/** The mount's key for the UI's sign-in (web-app.ts), handed to the Next app the same way. */
export function exportWebKey(key: string): void {
  process.env.CHATAPP_WEB_KEY = key;
}
