import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail the sink accepted, with its plain-text part decoded. */
export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** SMTP_URL for the server under test. */
  url: string;
  /** Every mail accepted (answered 250), in order. */
  received: ReceivedMail[];
  /** Mails whose DATA arrived while the sink was stalling (never answered). */
  stalled: number;
  /** While true, DATA is read but never answered: a send hangs as if the network died mid-send. */
  stall: boolean;
  stop(): Promise<void>;
}

/** A free loopback port (for a sink started later, at a port the server was already told about). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A real SMTP server (smtp-server) on loopback, as a mail provider looks to our sender. `refuse` lists recipients
 * it answers 550 to (a permanently refused address).
 */
export async function startSmtpSink(options: { port?: number; refuse?: string[] } = {}): Promise<SmtpSink> {
  const refused = new Set((options.refuse ?? []).map((address) => address.toLowerCase()));
  const sink: Omit<SmtpSink, 'port' | 'url' | 'stop'> = { received: [], stalled: 0, stall: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error('5.1.1 Recipient address rejected: no such user'), {
          responseCode: 550,
        });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (sink.stall) {
          sink.stalled += 1;
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        sink.received.push({
          ...parseMail(raw),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
        });
        callback();
      });
    },
  });
  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return Object.assign(sink, {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Headers (unfolded) and body of one MIME entity. */
function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The subject and the decoded text and HTML parts of a message as nodemailer writes it. */
function parseMail(raw: string): { subject: string; text: string; html: string } {
  const { headers, body } = splitEntity(raw);
  const subject = headers.get('subject') ?? '';
  const type = headers.get('content-type') ?? 'text/plain';
  const parts: Array<{ headers: Map<string, string>; body: string }> = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      parts.push(splitEntity(chunk.replace(/^\r?\n/, '')));
    }
  } else {
    parts.push({ headers, body });
  }
  const find = (mime: string) => {
    const part = parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith(mime));
    return part ? decodeBody(part.body, part.headers.get('content-transfer-encoding')).trim() : '';
  };
  return { subject, text: find('text/plain'), html: find('text/html') };
}

/** The set-a-password link in an invitation's text. */
export function invitationLinkIn(mail: ReceivedMail): string {
  const link = /https?:\/\/\S+\/invitations\/accept\?token=[0-9a-f]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no invitation link in:\n${mail.text}`);
  return link;
}
