import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** The Next.js UI as mounted in our server: which paths it owns and how it answers them. */
export interface WebApp {
  handles(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Dev-mode HMR sockets; returns false when the upgrade is not the UI's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/** Placeholder until the UI is mounted: serves nothing, so every unknown path answers JSON 404. */
export async function createWebApp(_options: { dev: boolean }): Promise<WebApp | null> {
  return null;
}
