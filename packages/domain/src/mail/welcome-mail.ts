import { escapeHtml, oneLine } from './escape';
import { htmlLayout } from './html-layout';
import type { MailMessage } from './types';

export interface WelcomeMailInput {
  to: string;
  productName: string;
  username: string;
  /** Where to sign in, when the public address is known. */
  signInUrl: string | null;
}

/** The welcome mail after sign-up: the username to sign in with, never the password (S11). */
export function welcomeMail(input: WelcomeMailInput): MailMessage {
  const product = oneLine(input.productName);
  const username = oneLine(input.username);
  const subject = `Welcome to ${product}!`;
  const text = [
    `Hello ${username},`,
    '',
    `Welcome to ${product}! Your account has been created.`,
    `Sign in with your username (${username}) or this address, and the password you chose.`,
    ...(input.signInUrl ? ['', input.signInUrl] : []),
    '',
    'If you did not create this account, you can ignore this mail.',
    '',
    `The ${product} team`,
    '',
  ].join('\n');
  const html = htmlLayout(product, subject, [
    { paragraph: `Hello ${escapeHtml(username)},` },
    { paragraph: `Welcome to ${escapeHtml(product)}! Your account has been created.` },
    {
      paragraph: `Sign in with your username (<strong>${escapeHtml(username)}</strong>) or this address, and the password you chose.`,
    },
    ...(input.signInUrl ? [{ button: { label: `Open ${product}`, href: input.signInUrl } }] : []),
    { paragraph: 'If you did not create this account, you can ignore this mail.' },
  ]);
  return { to: input.to, subject, text, html };
}
