import { waitFor } from '../concurrency';
import type { Recorder } from '../measure';
import { type ChatClients, SEND_MARKER } from './pair-clients';

interface InFlight {
  /** When the message was (or, open loop, should have been) sent. */
  at: number;
  sender: number;
  echoed: boolean;
  deliveredAfter: number;
}

/**
 * Drives pairs of clients: client i talks to client i^1 in conversation `conversationOf(i)`. A message counts
 * once it has been delivered to the recipient and echoed to its sender (which implies it was persisted first: the
 * server publishes after commit); its latency is send → delivery to the recipient.
 */
export class SendLoad {
  private readonly inFlight = new Map<number, InFlight>();
  private readonly lastSentAt: Float64Array;
  private nextSequence = 0;
  private running = false;
  private closedLoop = false;
  private ticker: NodeJS.Timeout | undefined;
  sent = 0;
  lost = 0;

  constructor(
    private readonly clients: ChatClients,
    private readonly conversationOf: (client: number) => number,
    private readonly recorder: Recorder,
    /** Spacing of one client's sends (the server limits each socket's frame rate). */
    private readonly minIntervalMs: number,
  ) {
    this.lastSentAt = new Float64Array(clients.count).fill(-Infinity);
  }

  /** The recipient or the sender saw message `sequence`. */
  onMessage(client: number, sequence: number): void {
    const message = this.inFlight.get(sequence);
    if (!message) return;
    if (client === message.sender) message.echoed = true;
    else message.deliveredAfter = performance.now() - message.at;
    if (!message.echoed || message.deliveredAfter < 0) return;
    this.inFlight.delete(sequence);
    this.recorder.record(message.deliveredAfter);
    if (this.running && this.closedLoop) this.scheduleNext(message.sender);
  }

  /** Maximum throughput: every client keeps one message in flight (sending again as soon as it completes). */
  startClosedLoop(): void {
    this.running = true;
    this.closedLoop = true;
    for (let client = 0; client < this.clients.count; client++) this.scheduleNext(client);
  }

  /**
   * A fixed offered rate, spread round-robin over the clients, whatever the latency (open loop): latency is
   * measured from the scheduled send time, so a stalled server cannot hide its backlog.
   */
  startOpenLoop(ratePerSecond: number): void {
    this.running = true;
    this.closedLoop = false;
    const start = performance.now();
    let issued = 0;
    let client = 0;
    this.ticker = setInterval(() => {
      const due = Math.floor(((performance.now() - start) * ratePerSecond) / 1000);
      for (; issued < due; issued++) {
        this.send(client, start + (issued * 1000) / ratePerSecond);
        client = (client + 1) % this.clients.count;
      }
    }, 1);
  }

  /** Stops sending and waits (bounded) for what is in flight; anything still missing then is counted as lost. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.ticker);
    await waitFor(() => this.inFlight.size === 0, 15_000);
    this.lost += this.inFlight.size;
    this.inFlight.clear();
  }

  private scheduleNext(client: number): void {
    const wait = (this.lastSentAt[client] ?? 0) + this.minIntervalMs - performance.now();
    if (wait <= 0) this.send(client, performance.now());
    else
      setTimeout(() => {
        if (this.running) this.send(client, performance.now());
      }, wait);
  }

  private send(client: number, at: number): void {
    const sequence = this.nextSequence++;
    this.inFlight.set(sequence, { at, sender: client, echoed: false, deliveredAfter: -1 });
    this.lastSentAt[client] = performance.now();
    this.sent += 1;
    this.clients.send(client, this.conversationOf(client), `${SEND_MARKER}${sequence}`);
  }
}
