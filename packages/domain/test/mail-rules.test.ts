import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../src/mail/backoff';
import { escapeHtml, oneLine } from '../src/mail/escape';
import { invitationMail } from '../src/mail/invitation-mail';
import { welcomeMail } from '../src/mail/welcome-mail';

// Issue 16: the retry schedule and the templates' escaping, which need no server.
describe('retryDelayMs', () => {
  const policy = { retryBaseMs: 1000, retryMaxMs: 60_000 };

  it('doubles per attempt, with equal jitter between half and the whole delay', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(2, policy, () => 1)).toBe(2000);
    expect(retryDelayMs(4, policy, () => 0.5)).toBe(6000);
  });

  it('never waits longer than the maximum, however many attempts', () => {
    expect(retryDelayMs(50, policy, () => 1)).toBe(60_000);
    expect(retryDelayMs(1000, policy, () => 0)).toBe(30_000);
  });
});

describe('mail templates', () => {
  it('escape what users typed in HTML and keep it on one line in subjects', () => {
    expect(escapeHtml(`<a href="x">O'Neil & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;',
    );
    expect(oneLine('Eve\r\nBcc: victim@example.com')).toBe('Eve Bcc: victim@example.com');
  });

  it('write an invitation with the inviter and product names escaped, and no password', () => {
    const mail = invitationMail({
      to: 'eve@example.com',
      productName: 'Chat <App>',
      inviterName: '<script>alert(1)</script>\nX-Injected: 1',
      link: 'http://127.0.0.1:8000/invitations/accept?token=abc&x="y"',
      expiresAt: Date.UTC(2026, 11, 7),
    });
    expect(mail.subject).toBe('<script>alert(1)</script> X-Injected: 1 invited you to Chat <App>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Chat &lt;App&gt;');
    expect(mail.html).toContain(
      'href="http://127.0.0.1:8000/invitations/accept?token=abc&amp;x=&quot;y&quot;"',
    );
    expect(mail.text).toContain('http://127.0.0.1:8000/invitations/accept?token=abc&x="y"');
    expect(mail.text).not.toMatch(/password:/i);
  });

  it('write a welcome mail without any password', () => {
    const mail = welcomeMail({
      to: 'a@example.com',
      productName: 'ChatApp',
      username: 'alice',
      signInUrl: null,
    });
    expect(mail.subject).toBe('Welcome to ChatApp!');
    expect(mail.text).toContain('Hello alice,');
    expect(mail.text).not.toMatch(/password:/i);
  });
});
