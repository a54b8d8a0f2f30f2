import type { Log } from '@chatapp/db';
import type { MessageView } from '../model/message';
import { MESSAGE_LIMITS } from '../model/message';
import { noAnswer, upstreamFailure } from './upstream-errors';

/** What a listener of a reply hears: its text in order, then the stored message (or the failure, thrown). */
export type ReplyEvent = { type: 'delta'; text: string } | { type: 'reply'; message: MessageView };

/** Where a reply's text comes from: the model, streamed or whole, stopped through `signal`. */
export type ReplySource = (signal: AbortSignal) => AsyncIterable<string>;

/** A failure is the model's (a DomainError: 502/504) or, rarely, storing's (anything else: a server error). */
type Outcome = { ok: true; message: MessageView } | { ok: false; error: unknown };

/**
 * One reply being written. It runs on its own, not inside any request (the SDK's calls never block the event loop,
 * and the reply is bounded by its timeout: P8): a client that stops listening does not stop it, and it stores the
 * reply once, when complete (through `store`). Nothing is stored when the model fails or runs out of time (C41).
 * Listeners may join at any point and first hear what was already said.
 */
export class ReplyJob {
  /** Settles when the reply is stored (with it) or has failed (with a DomainError for the model's failures). */
  readonly done: Promise<MessageView>;
  private readonly deltas: string[] = [];
  private outcome: Outcome | null = null;
  private wake: (() => void) | null = null;
  private wakeUp: Promise<void>;

  constructor(
    source: ReplySource,
    store: (text: string) => Promise<MessageView>,
    timeoutMs: number,
    private readonly log: Log,
  ) {
    this.wakeUp = this.nextWakeUp();
    this.done = this.run(source, store, timeoutMs);
    // Listeners read the outcome from events(); this keeps an unlistened failure from being "unhandled".
    this.done.catch(() => undefined);
  }

  /** The reply's text so far, then every new piece as it comes, then the stored message; a failure is thrown. */
  async *events(signal?: AbortSignal): AsyncGenerator<ReplyEvent> {
    let heard = 0;
    for (;;) {
      while (heard < this.deltas.length) {
        const text = this.deltas[heard++] as string;
        yield { type: 'delta', text };
      }
      if (this.outcome) {
        if (!this.outcome.ok) throw this.outcome.error;
        yield { type: 'reply', message: this.outcome.message };
        return;
      }
      await this.changed(signal);
      if (signal?.aborted) return;
    }
  }

  private async run(
    source: ReplySource,
    store: (text: string) => Promise<MessageView>,
    timeoutMs: number,
  ): Promise<MessageView> {
    try {
      const text = await this.generate(source, timeoutMs);
      // Storing is ours, not the model's: a failure here is a server error, not a 502.
      const message = await store(text);
      this.settle({ ok: true, message });
      return message;
    } catch (error) {
      this.settle({ ok: false, error });
      throw error;
    }
  }

  /** The whole reply from the model within `timeoutMs`, or the 502/504 DomainError its failure means. */
  private async generate(source: ReplySource, timeoutMs: number): Promise<string> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const text = await this.collect(source, controller);
      if (text.trim() === '') throw noAnswer();
      return text;
    } catch (error) {
      throw upstreamFailure(error, timedOut, this.log);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads the source to its end, or until the reply reaches the longest message a chat can store. */
  private async collect(source: ReplySource, controller: AbortController): Promise<string> {
    let text = '';
    for await (const piece of source(controller.signal)) {
      const room = MESSAGE_LIMITS.body - text.length;
      const kept = piece.length > room ? piece.slice(0, room) : piece;
      if (kept) {
        text += kept;
        this.deltas.push(kept);
        this.notify();
      }
      if (text.length >= MESSAGE_LIMITS.body) {
        // The model would go on past what can be stored: stop it (the token cap should have come first).
        controller.abort();
        break;
      }
    }
    return text;
  }

  private settle(outcome: Outcome): void {
    this.outcome = outcome;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wakeUp = this.nextWakeUp();
    wake?.();
  }

  private nextWakeUp(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** Resolves at the next piece of text or the outcome, or when the listener's signal aborts. */
  private changed(signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return this.wakeUp;
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const onAbort = () => resolve();
      signal.addEventListener('abort', onAbort, { once: true });
      void this.wakeUp.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
