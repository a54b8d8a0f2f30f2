import { type Log, silentLog } from '@chatapp/db';
import type { DomainDeps, RuntimeWorker } from '../deps';
import { type ClaimedMail, claimDueMails, recordFailure, recordSent, releaseClaims } from './claims';
import type { MailTransport, SenderPolicy } from './types';

/** Where the sender reports what it did (the process's log by default; tests may listen). */
export interface SenderLog {
  sent(mail: ClaimedMail): void;
  failed(mail: ClaimedMail, error: string, dead: boolean): void;
  broken(error: unknown): void;
}

/** The default report: failures to the process's logger (never the mail's address or body). */
function senderLogOf(log: Log): SenderLog {
  return {
    sent: () => {},
    failed: (mail, error, dead) =>
      log.warn(
        { mailId: mail.id, attempts: mail.attempts, dead, error },
        dead ? 'mail is dead after its last attempt' : 'mail attempt failed',
      ),
    broken: (error) => log.error({ err: error }, 'the mail sender could not read the outbox'),
  };
}

/**
 * The background sender: claims due mail from the outbox (with a lease, so several senders, in this process's
 * server or in `pnpm worker` processes, never send the same mail twice), sends it through the transport and
 * records the outcome. It wakes when this process commits a mail (`deps.runtime.mailQueued`) and polls every
 * `pollMs` for mail other processes queued. A failed mail waits for its retry without holding up the others.
 */
export function mailSender(
  transport: MailTransport,
  policy: SenderPolicy,
  report?: SenderLog,
): RuntimeWorker {
  let log: SenderLog = report ?? senderLogOf(silentLog);
  let deps: DomainDeps | null = null;
  let stopping = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopListening: (() => void) | null = null;

  /** One pass at a time; a wake-up during a pass makes it go round once more. */
  function wake(): void {
    if (stopping || !deps) return;
    if (running) {
      again = true;
      return;
    }
    running = drain(deps).finally(() => {
      running = null;
    });
  }

  async function drain(current: DomainDeps): Promise<void> {
    do {
      again = false;
      try {
        while (!stopping) {
          const claimed = await claimDueMails(current.db, {
            now: current.now(),
            leaseMs: policy.leaseMs,
            limit: policy.batchSize,
          });
          for (const [index, mail] of claimed.entries()) {
            if (stopping) {
              // Shutting down: what this sender has not started is handed back rather than left to its lease.
              await releaseClaims(current.db, claimed.slice(index), current.now());
              break;
            }
            await deliver(current, mail);
          }
          if (claimed.length < policy.batchSize) break;
        }
      } catch (error) {
        // The database is unreachable or closing: the next poll tries again.
        if (!stopping) log.broken(error);
      }
    } while (again && !stopping);
  }

  async function deliver(current: DomainDeps, mail: ClaimedMail): Promise<void> {
    try {
      await transport.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? '' });
    } catch (error) {
      const reason = describeFailure(error);
      const dead = await recordFailure(current.db, mail, reason, policy, current.now());
      log.failed(mail, reason, dead);
      return;
    }
    await recordSent(current.db, mail, current.now());
    log.sent(mail);
  }

  return {
    name: 'mail sender',
    start(started) {
      deps = started;
      if (!report) log = senderLogOf(started.runtime.log);
      stopListening = started.runtime.mailQueued.listen(wake);
      timer = setInterval(wake, policy.pollMs);
      timer.unref();
      wake();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      stopListening?.();
      // A send in flight finishes and is recorded (its wait is bounded by the transport's timeout); the rest of its
      // claim is handed back.
      await running;
      await transport.close();
    },
  };
}

/** The server's answer when there is one (`550 5.1.1 <x@y>: Recipient address rejected`), else the error text. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const response = (error as Error & { response?: unknown }).response;
    return typeof response === 'string' && response ? response : error.message;
  }
  return String(error);
}
