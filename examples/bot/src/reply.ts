/** What the bot says back to a message addressed to it; null when it has nothing to say. */
export function replyTo(body: string, botUsername: string): string | null {
  const text = body.replace(new RegExp(`@${botUsername}\\b`, 'gi'), '').trim();
  if (text === '') return 'Yes?';
  if (/^ping\b/i.test(text)) return 'pong';
  if (/^help\b/i.test(text)) return 'Say "ping", or anything at all and I will repeat it.';
  return `You said: ${text}`;
}

/** In a group, a message is for the bot only when it names it (`@bot`); in a one-to-one chat, always. */
export function isAddressedTo(body: string, botUsername: string, direct: boolean): boolean {
  return direct || new RegExp(`@${botUsername}\\b`, 'i').test(body);
}
