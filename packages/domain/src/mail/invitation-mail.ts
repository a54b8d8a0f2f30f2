import { escapeHtml, oneLine } from './escape';
import { htmlLayout } from './html-layout';
import type { MailMessage } from './types';

export interface InvitationMailInput {
  to: string;
  productName: string;
  /** The inviter's name as others see it (first and last name, else username). */
  inviterName: string;
  /** The one-time link to choose a password. */
  link: string;
  expiresAt: number;
}

/** The invitation: who invited you, and a link to choose your password. Never a password (S11, S13). */
export function invitationMail(input: InvitationMailInput): MailMessage {
  const product = oneLine(input.productName);
  const inviter = oneLine(input.inviterName);
  const expires = new Date(input.expiresAt).toUTCString();
  const subject = `${inviter} invited you to ${product}`;
  const text = [
    'Hello,',
    '',
    `${inviter} invited you to ${product}.`,
    '',
    'Choose your password with this link to sign in:',
    input.link,
    '',
    `The link works once and expires on ${expires}.`,
    'If you did not expect this invitation, ignore this mail: no account is usable without its password.',
    '',
    `The ${product} team`,
    '',
  ].join('\n');
  const html = htmlLayout(product, `You are invited to ${product}`, [
    { paragraph: `<strong>${escapeHtml(inviter)}</strong> invited you to ${escapeHtml(product)}.` },
    { paragraph: 'Choose your password to sign in:' },
    { button: { label: 'Choose my password', href: input.link } },
    {
      paragraph: `Or open this address: <a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a><br>It works once and expires on ${escapeHtml(expires)}.`,
    },
    {
      paragraph:
        'If you did not expect this invitation, ignore this mail: no account is usable without its password.',
    },
  ]);
  return { to: input.to, subject, text, html };
}
