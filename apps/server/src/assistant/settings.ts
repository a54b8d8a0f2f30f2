import type { Env } from '@chatapp/config';
import type { assistant } from '@chatapp/domain';

/**
 * The assistant's settings from the environment, or null when it is not configured: it needs a model, and a server
 * or a key (a key alone means api.openai.com). Without them every other feature runs and the assistant answers 503.
 */
export function assistantSettingsFrom(env: Env): assistant.AssistantSettings | null {
  if (!env.AI_MODEL || (!env.OPENAI_BASE_URL && !env.OPENAI_API_KEY)) return null;
  return {
    baseUrl: env.OPENAI_BASE_URL,
    apiKey: env.OPENAI_API_KEY,
    model: env.AI_MODEL,
    systemPrompt: env.AI_SYSTEM_PROMPT,
    history: { maxMessages: env.AI_HISTORY_MESSAGES, maxChars: env.AI_HISTORY_CHARS },
    maxReplyTokens: env.AI_MAX_REPLY_TOKENS,
    tokenLimitParameter: env.AI_TOKEN_LIMIT_PARAMETER,
    timeoutMs: env.AI_TIMEOUT_MS,
    maxRetries: env.AI_MAX_RETRIES,
  };
}

/** For the start-up line: which model answers, where, or that the assistant is off. */
export function describeAssistant(settings: assistant.AssistantSettings | null): string {
  if (!settings) return 'not configured (503; see docs/assistant.md)';
  return `${settings.model} at ${settings.baseUrl ?? 'api.openai.com'}`;
}
