/** One mail as the templates write it and the transports send it: a plain-text and an HTML part. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where mail goes: SMTP (nodemailer), or .eml files on disk when no SMTP server is configured. */
export interface MailTransport {
  /** For the start-up line: `SMTP to mail.example.com:587`, `.eml files in ./data/mail`. */
  readonly description: string;
  /** Resolves once the mail was accepted; rejects with the server's answer otherwise. */
  send(mail: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** What the mail-writing services need (the composition root fills it from the environment). */
export interface MailSettings {
  /** The product name in subjects and bodies. */
  productName: string;
  /** The public origin links in mail point to; when null, the origin the request arrived on. */
  publicUrl: string | null;
  /** How long an invitation's set-a-password link works. */
  inviteLinkTtlMs: number;
  /** Lower-cased usernames of administrators, besides the first account. */
  adminUsernames: readonly string[];
}

/** How a sender retries, and how it shares the outbox with other senders. */
export interface SenderPolicy {
  /** A mail is dead after this many attempts. */
  maxAttempts: number;
  /** The first retry waits about this long; each later one twice as long, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a claimed mail belongs to its sender. */
  leaseMs: number;
  /** How often the outbox is read for mail queued by other processes. */
  pollMs: number;
  /** How many mails one claim takes. */
  batchSize: number;
}
