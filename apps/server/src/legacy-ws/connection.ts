import { type ApiContext, createCaller, createSocketContext } from '@chatapp/api';
import { accounts, type DomainDeps, realtime } from '@chatapp/domain';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_UNAUTHORIZED, type SocketLimits, sendBounded, TokenBucket } from '../ws/limits';
import { type CommandFrame, legacyCommands } from './commands';
import { errorFrame, eventFrame } from './frames';

/** How often an open socket re-checks that its token is still valid (logout, expiry, password change). */
const REVALIDATE_MS = 60_000;
/** Bursts of list changes (several conversations created at once) are coalesced into one pushed list. */
const LIST_PUSH_DELAY_MS = 50;

/**
 * One legacy socket: per-socket state (fixes C15: tabs no longer share or pop each other's state), frame parsing
 * that never throws (binary or malformed frames get an error frame and the socket stays open, C18b), delivery of
 * every event for its user, and presence limited to the user's contacts.
 */
export class LegacyConnection {
  readonly joined = new Set<number>();
  readonly ctx: ApiContext;
  private readonly bucket: TokenBucket;
  private onlineContacts = new Set<number>();
  private stopListening: (() => void) | undefined;
  private revalidateTimer: NodeJS.Timeout | undefined;
  private pendingLists = new Set<'conversation_update' | 'user_list_update'>();
  private listTimer: NodeJS.Timeout | undefined;
  private released: Promise<void> | undefined;
  private connected: Promise<void> | undefined;
  /** Presence changes seen before the initial snapshot was taken; replayed onto it (they are at least as new). */
  private earlyPresence: Array<{ userId: number; online: boolean }> | undefined = [];

  constructor(
    readonly ws: WebSocket,
    readonly deps: DomainDeps,
    token: string,
    readonly userId: number,
    private readonly limits: SocketLimits,
  ) {
    this.ctx = createSocketContext(deps, token, null);
    this.caller = createCaller(this.ctx);
    this.bucket = new TokenBucket(limits.framesPerSecond, limits.burst);
  }

  /** The router as this socket's user: built once, as the context lives as long as the socket. */
  readonly caller: ReturnType<typeof createCaller>;

  async start(): Promise<void> {
    this.ws.on('message', (data, isBinary) => void this.onFrame(data, isBinary));
    this.ws.on('close', () => void this.release());
    this.ws.on('error', () => this.ws.terminate());
    this.stopListening = this.deps.runtime.hub.listen(this.userId, (delivery, shared) =>
      this.onDelivery(delivery, shared),
    );
    this.connected = realtime.userConnected(this.deps, this.userId);
    await this.connected;
    this.onlineContacts = new Set(await realtime.onlineContacts(this.deps, this.userId));
    for (const change of this.earlyPresence ?? []) {
      if (change.online) this.onlineContacts.add(change.userId);
      else this.onlineContacts.delete(change.userId);
    }
    this.earlyPresence = undefined;
    this.sendPresence();
    this.revalidateTimer = setInterval(() => void this.revalidate(), REVALIDATE_MS);
    this.revalidateTimer.unref();
  }

  send(frame: unknown): void {
    sendBounded(
      this.ws,
      typeof frame === 'string' ? frame : JSON.stringify(frame),
      this.limits.maxBufferedBytes,
    );
  }

  private async onFrame(data: RawData, isBinary: boolean): Promise<void> {
    if (!this.bucket.take()) return this.send(errorFrame('Too many frames: slow down'));
    if (isBinary) return this.send(errorFrame('Binary frames are not supported; send JSON text frames'));
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch (error) {
      return this.send(errorFrame(`Invalid JSON: ${(error as Error).message}`));
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      return this.send(errorFrame('A frame must be a JSON object with a "type"'));
    }
    const command = legacyCommands[String((frame as CommandFrame).type)];
    // Unknown types are ignored, as the legacy service did.
    if (!command) return;
    try {
      await command(this, frame as CommandFrame);
    } catch (error) {
      this.send(errorFrame(error));
    }
  }

  private onDelivery(
    delivery: realtime.Delivery<realtime.RealtimeEvent>,
    shared: realtime.SharedFrames,
  ): void {
    const { event } = delivery;
    switch (event.type) {
      case 'presence': {
        if (this.earlyPresence) {
          this.earlyPresence.push({ userId: event.userId, online: event.online });
          return;
        }
        const known = this.onlineContacts.has(event.userId);
        if (known === event.online) return;
        if (event.online) this.onlineContacts.add(event.userId);
        else this.onlineContacts.delete(event.userId);
        this.sendPresence();
        return;
      }
      case 'conversation.changed':
        this.queueList('conversation_update');
        // New members may be new contacts whose presence this socket has not seen yet.
        void this.refreshContacts();
        return;
      case 'user.created':
        if (event.userId !== this.userId) this.queueList('user_list_update');
        return;
      case 'typing':
        if (event.userId === this.userId) return;
        break;
    }
    const frame = shared.get('legacy', () => eventFrame(event));
    if (frame) this.send(frame);
    if (event.type === 'message.created') realtime.acknowledgeDelivery(this.deps, this.userId, event);
  }

  private sendPresence(): void {
    this.send({ type: 'connected_users', users: [...this.onlineContacts] });
  }

  private async refreshContacts(): Promise<void> {
    const online = new Set(await realtime.onlineContacts(this.deps, this.userId));
    const changed =
      online.size !== this.onlineContacts.size || [...online].some((id) => !this.onlineContacts.has(id));
    this.onlineContacts = online;
    if (changed) this.sendPresence();
  }

  /** Pushes a full list the legacy client already understands (it replaces its own list). */
  private queueList(kind: 'conversation_update' | 'user_list_update'): void {
    this.pendingLists.add(kind);
    this.listTimer ??= setTimeout(() => {
      this.listTimer = undefined;
      const kinds = [...this.pendingLists];
      this.pendingLists.clear();
      for (const list of kinds) {
        const command =
          legacyCommands[list === 'conversation_update' ? 'get_all_conversations' : 'fetch_all_users'];
        command?.(this, { type: list }).catch((error: unknown) => this.send(errorFrame(error)));
      }
    }, LIST_PUSH_DELAY_MS);
  }

  private async revalidate(): Promise<void> {
    const token = this.ctx.token;
    const session = token ? await accounts.authenticate(this.deps, token) : null;
    if (!session) this.ws.close(CLOSE_UNAUTHORIZED, 'token revoked or expired');
  }

  /** Releases presence exactly once, whichever way the socket ends (every caller waits for the same release). */
  release(): Promise<void> {
    this.released ??= this.releaseOnce();
    return this.released;
  }

  private async releaseOnce(): Promise<void> {
    this.stopListening?.();
    clearInterval(this.revalidateTimer);
    clearTimeout(this.listTimer);
    await this.connected?.catch(() => undefined);
    await realtime.userDisconnected(this.deps, this.userId).catch((error: unknown) => {
      console.error('presence release failed', error);
    });
  }

  /** Server shutdown: close the socket and release presence before the process goes. */
  async shutdown(): Promise<void> {
    this.ws.close(1001, 'server shutting down');
    await this.release();
  }
}
