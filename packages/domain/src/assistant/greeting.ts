import type { UserRow } from '@chatapp/db';

/**
 * The first message of a new assistant chat, as the legacy service wrote it, with a name that is never empty
 * (C43: accounts invited by email had no username and were greeted "Hello , …").
 */
export function greetingFor(user: Pick<UserRow, 'username' | 'first_name' | 'email'>): string {
  const name = user.username.trim() || user.first_name.trim() || user.email.split('@')[0]?.trim() || 'there';
  return `Hello ${name}, how can I help you? 👋`;
}
