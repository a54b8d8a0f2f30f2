import { createTransport } from 'nodemailer';
import type { MailMessage, MailTransport } from './types';

/**
 * Mail through an SMTP server (nodemailer). Connections are pooled and reused between mails. Every wait is bounded
 * by `timeoutMs`, which the composition root keeps below the sender's lease: a send can never outlive the claim
 * that protects it from a second sender.
 */
export function smtpTransport(url: string, from: string, timeoutMs: number): MailTransport {
  const transporter = createTransport(
    {
      url,
      pool: true,
      maxConnections: 2,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    },
    { from },
  );
  const target = new URL(url);
  return {
    // Never the credentials: only where mail goes.
    description: `SMTP to ${target.hostname}:${target.port || (target.protocol === 'smtps:' ? 465 : 587)}`,
    async send(mail: MailMessage) {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html || undefined,
      });
    },
    async close() {
      transporter.close();
    },
  };
}
