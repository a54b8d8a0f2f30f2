import { join } from 'node:path';
import type { Env } from '@chatapp/config';
import { type DomainRuntime, mail } from '@chatapp/domain';

/** What mail says and who may receive how much of it, from the environment. */
export function mailSettingsFrom(env: Env): mail.MailSettings {
  return {
    productName: env.MAIL_PRODUCT_NAME,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    inviteLinkTtlMs: env.INVITE_LINK_TTL_MINUTES * 60 * 1000,
    adminUsernames: env.ADMIN_USERNAMES,
  };
}

/** The sender's retry and sharing policy, from the environment. */
export function senderPolicyFrom(env: Env): mail.SenderPolicy {
  return {
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    retryBaseMs: env.MAIL_RETRY_BASE_MS,
    retryMaxMs: Math.max(env.MAIL_RETRY_MAX_MS, env.MAIL_RETRY_BASE_MS),
    leaseMs: env.MAIL_LEASE_MS,
    pollMs: env.MAIL_POLL_MS,
    batchSize: 5,
  };
}

/**
 * SMTP when SMTP_URL is set; otherwise .eml files under DATA_DIR/mail. An SMTP wait is bounded by half the lease,
 * so a send always ends while its claim still holds.
 */
export function createMailTransport(env: Env): mail.MailTransport {
  if (env.SMTP_URL) return mail.smtpTransport(env.SMTP_URL, env.MAIL_FROM, Math.floor(env.MAIL_LEASE_MS / 2));
  return mail.emlFileTransport(join(env.DATA_DIR, 'mail'), env.MAIL_FROM);
}

/** Registers this process's mail sender on the runtime (before it starts); returns what the start-up line says. */
export function registerMailSender(env: Env, runtime: DomainRuntime): string {
  const transport = createMailTransport(env);
  runtime.register(mail.mailSender(transport, senderPolicyFrom(env)));
  return `sent here through ${transport.description}`;
}
