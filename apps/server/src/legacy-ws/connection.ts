import type { SocketSession } from '@chatapp/api';
import { type DomainDeps, events, type realtime } from '@chatapp/domain';
import type { RawData } from 'ws';
import { type LegacyCaller, legacyCaller } from '../legacy/caller';
import type { CoalescingWebSocket } from '../ws/coalescing-socket';
import { type CommandClient, type CommandFrame, legacyCommands } from './commands';
import type { ConnectedUsersFrame } from './frame-schemas';
import { errorFrame, eventFrame } from './frames';

/** Bursts of conversation changes (several created at once) are coalesced into one pushed list. */
const LIST_PUSH_DELAY_MS = 50;

/**
 * One legacy socket's translation, over its session (SocketSession: authentication, presence, listening, acks,
 * limits). Client frames become commands (a frame never throws: binary or malformed ones get an error frame and the
 * socket stays open, C18b); the user's events become the legacy frames, `connected_users` limited to the user's
 * contacts, and list pushes. Per-socket state (fixes C15: tabs no longer share or pop each other's state).
 */
export class LegacyConnection implements CommandClient {
  readonly joined = new Set<number>();
  /** The router as this socket's user: built once, as the session's context lives as long as the socket. */
  readonly caller: LegacyCaller;
  private onlineContacts = new Set<number>();
  /** Presence changes seen before the initial snapshot was taken; replayed onto it (they are at least as new). */
  private earlyPresence: Array<{ userId: number; online: boolean }> | undefined = [];
  private listTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: CoalescingWebSocket,
    private readonly session: SocketSession,
    private readonly deps: DomainDeps,
    readonly userId: number,
  ) {
    this.caller = legacyCaller(session.context);
  }

  /** Listens to both sides, then sends the first `connected_users` once the user counts as online. */
  async start(): Promise<void> {
    this.ws.on('message', (data, isBinary) => void this.onFrame(data, isBinary));
    this.ws.on('error', () => this.ws.terminate());
    this.session.listen((delivery, shared) => this.onDelivery(delivery, shared));
    await this.session.counted();
    this.onlineContacts = new Set(await events.onlineContacts(this.deps, this.userId));
    for (const change of this.earlyPresence ?? []) {
      if (change.online) this.onlineContacts.add(change.userId);
      else this.onlineContacts.delete(change.userId);
    }
    this.earlyPresence = undefined;
    this.sendPresence();
  }

  send(frame: unknown): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  private async onFrame(data: RawData, isBinary: boolean): Promise<void> {
    if (!this.session.takeFrame()) return this.send(errorFrame('Too many frames: slow down'));
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

  private onDelivery(delivery: realtime.Delivery<events.RealtimeEvent>, shared: realtime.SharedFrames): void {
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
        this.queueConversationList();
        // New members may be new contacts whose presence this socket has not seen yet.
        void this.refreshContacts();
        return;
      case 'typing':
        if (event.userId === this.userId) return;
        break;
    }
    const frame = shared.get('legacy', () => eventFrame(event));
    if (frame) this.send(frame);
    this.session.pushed(event);
  }

  private sendPresence(): void {
    this.send({ type: 'connected_users', users: [...this.onlineContacts] } satisfies ConnectedUsersFrame);
  }

  private async refreshContacts(): Promise<void> {
    const online = new Set(await events.onlineContacts(this.deps, this.userId));
    const changed =
      online.size !== this.onlineContacts.size || [...online].some((id) => !this.onlineContacts.has(id));
    this.onlineContacts = online;
    if (changed) this.sendPresence();
  }

  /**
   * Pushes the full conversation list as `conversation_update`, which the legacy client already understands (it
   * replaces its own list). The user list is never pushed: a sign-up is not an event (legacy clients read that list
   * when they connect, as Django's did).
   */
  private queueConversationList(): void {
    this.listTimer ??= setTimeout(() => {
      this.listTimer = undefined;
      legacyCommands
        .get_all_conversations?.(this, { type: 'conversation_update' })
        .catch((error: unknown) => this.send(errorFrame(error)));
    }, LIST_PUSH_DELAY_MS);
  }

  /** The socket has closed (or is closing): its session ends, releasing presence (every caller waits for it). */
  close(): Promise<void> {
    clearTimeout(this.listTimer);
    return this.session.close();
  }
}
