import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Env } from '@chatapp/config';
import next from 'next';
import { clientAddress, WEB_CLIENT_ADDRESS_HEADER } from '../http/client-address';
import { exportNextAuthEnv, exportWebKey } from './auth-env';

/** The Next.js UI as mounted in our server: which paths it owns and how it answers them. */
export interface WebApp {
  handles(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Dev-mode HMR sockets; returns false when the upgrade is not the UI's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
  /**
   * This mount's key: the UI's sign-in presents it when it calls the API for a browser, so that the API limits the
   * sign-in by the browser's address (http/client-address.ts). Made at start, never leaves the process.
   */
  readonly key: string;
}

export interface WebAppOptions {
  /** `next dev` behaviour (compile on demand, HMR) instead of serving the `next build` output. */
  dev: boolean;
  /** The Next app's directory; defaults to apps/web next to this package. */
  dir?: string;
  /** Where warnings go (tests pass a spy). */
  warn?: (message: string) => void;
  /** The settings next-auth needs (its secret, the public origin). */
  auth: Pick<Env, 'AUTH_SECRET' | 'DATA_DIR' | 'PUBLIC_URL'>;
  /** TRUST_PROXY: how a browser's address is read from its request (see clientAddress). */
  trustProxy: boolean;
}

/** apps/server/src/web → apps/web. Resolved from this file, not the cwd, so any start directory works. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../web/', import.meta.url));

/**
 * The UI's own pages. Everything else stays with our dispatcher, which answers unknown paths with JSON 404
 * (legacy contract: never HTML). Add a page to apps/web/app → add its path here.
 */
const PAGE_PATHS = new Set([
  '/',
  '/favicon.ico',
  '/icon.svg',
  '/apple-icon.png',
  // The installable app's manifest (apps/web/app/manifest.ts); its PNG icons are under /icons/.
  '/manifest.webmanifest',
  '/sign-in',
  '/sign-up',
  // Opens (creating on first use) the assistant chat, then shows it at /c/<id>.
  '/assistant',
  // The invitation mail's link: with the UI mounted, its page signs the invitee in (dispatch.ts yields it here).
  '/invitations/accept',
]);
/**
 * `/c/<id>` is a conversation; `/api/auth/*` is next-auth's session API (sign-in, session, sign-out); `/icons/*`
 * the app icons in apps/web/public.
 */
const PAGE_PREFIXES = ['/_next/', '/c/', '/api/auth/', '/icons/'];

/**
 * next-auth's sign-in (inside Next) calls our login procedure over HTTP. It must reach this very server, so the
 * address the request arrived on is stamped here, replacing anything a client sent under that name.
 */
export const API_ORIGIN_HEADER = 'x-chatapp-api-origin';

function stampApiOrigin(req: IncomingMessage): void {
  const { localAddress, localPort } = req.socket;
  if (!localAddress || !localPort) return;
  const host = localAddress.includes(':') ? `[${localAddress}]` : localAddress;
  req.headers[API_ORIGIN_HEADER] = `http://${host}:${localPort}`;
}

/**
 * The browser's address, read here where its request arrives (a client-sent header of that name is replaced), so
 * that the UI's sign-in can name it to the API. Read as for any client: a browser on loopback is a client too.
 */
function stampClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  const address = clientAddress(req, { trustProxy, webKey: null });
  if (address) req.headers[WEB_CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[WEB_CLIENT_ADDRESS_HEADER];
}

function ownsPath(pathname: string, dev: boolean): boolean {
  if (PAGE_PATHS.has(pathname) || PAGE_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return true;
  // The dev error overlay fetches source maps and stack frames from these; they do not exist in production.
  return dev && pathname.startsWith('/__nextjs_');
}

/**
 * Mounts apps/web inside our HTTP server. Returns null (after a warning) when production mode has no build to
 * serve, so the API still starts and the UI paths fall through to JSON 404.
 */
export async function createWebApp(options: WebAppOptions): Promise<WebApp | null> {
  const { dev, dir = DEFAULT_WEB_DIR, warn = console.warn, auth, trustProxy } = options;
  if (!dev && !existsSync(join(dir, '.next', 'BUILD_ID'))) {
    warn(`Web UI not served: no production build in ${join(dir, '.next')}. Run \`pnpm build\` first.`);
    return null;
  }

  // Next attaches its own `upgrade` listener to whatever server it sees, and that listener ends sockets that are
  // not its own (our WebSockets). Handing it a dummy emitter keeps it away from the real server; we forward
  // only its HMR upgrades (stack-notes: "Custom server + ws").
  exportNextAuthEnv(auth);
  const key = randomBytes(32).toString('base64url');
  exportWebKey(key);
  const upgradeSink = new EventEmitter();
  const app = next({ dev, dir, httpServer: upgradeSink as unknown as Server });
  await app.prepare();
  const handle = app.getRequestHandler();

  return {
    handles: (pathname) => ownsPath(pathname, dev),
    handle: (req, res) => {
      stampApiOrigin(req);
      stampClientAddress(req, trustProxy);
      return handle(req, res);
    },
    handleUpgrade(req, socket, head) {
      // Production pages open no sockets of their own; in dev only /_next/ (webpack-hmr) is Next's.
      if (!dev || !req.url?.startsWith('/_next/')) return false;
      upgradeSink.emit('upgrade', req, socket, head);
      return true;
    },
    close: () => app.close(),
    key,
  };
}
