import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { MailMessage, MailTransport } from './types';

/**
 * With no SMTP server configured, each mail is written as an `.eml` file (the complete message, openable by any
 * mail program) into `folder`, so the embedded default works and invitation links can be read by an operator.
 * A file appears whole or not at all (written aside, then renamed).
 */
export function emlFileTransport(folder: string, from: string): MailTransport {
  const builder = createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from });
  return {
    description: `.eml files in ${folder}`,
    async send(mail: MailMessage) {
      const info = await builder.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html || undefined,
      });
      await mkdir(folder, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      const partial = join(folder, `.${name}.partial`);
      await writeFile(partial, info.message);
      await rename(partial, join(folder, name));
    },
    async close() {},
  };
}
