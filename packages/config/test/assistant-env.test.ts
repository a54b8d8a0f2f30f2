import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';

describe("the assistant's environment", () => {
  it('is optional: the app starts without it (C42)', () => {
    const env = loadEnv({});
    expect(env.AI_MODEL).toBeUndefined();
    expect(env.OPENAI_BASE_URL).toBeUndefined();
    expect(env.AI_HISTORY_MESSAGES).toBe(20);
    expect(env.AI_TOKEN_LIMIT_PARAMETER).toBe('max_tokens');
  });

  it("accepts the legacy service's COMET_* names, the new names winning when both are set", () => {
    const legacy = loadEnv({
      COMET_API_URL: 'https://api.cometapi.com/v1/responses',
      COMET_API_KEY: 'sk-legacy',
      COMET_MODEL: 'gpt-5.2-chat-latest',
    });
    expect(legacy.OPENAI_BASE_URL).toBe('https://api.cometapi.com/v1/responses');
    expect(legacy.OPENAI_API_KEY).toBe('sk-legacy');
    expect(legacy.AI_MODEL).toBe('gpt-5.2-chat-latest');
    const both = loadEnv({ COMET_MODEL: 'old', AI_MODEL: 'new' });
    expect(both.AI_MODEL).toBe('new');
  });

  it('refuses a malformed server URL or budget with a clear line', () => {
    expect(() => loadEnv({ OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL/);
    expect(() => loadEnv({ AI_HISTORY_MESSAGES: '0' })).toThrow(/AI_HISTORY_MESSAGES/);
  });
});
