import { describe, expect, it } from 'vitest';
import { greetingFor } from '../src/assistant/greeting';
import { apiBaseUrl } from '../src/assistant/model-client';

describe("the assistant's greeting", () => {
  it('greets by username, as the legacy service did', () => {
    expect(greetingFor({ username: 'alice2', first_name: 'Alice', email: 'a@example.com' })).toBe(
      'Hello alice2, how can I help you? 👋',
    );
  });

  it('never greets with an empty name (C43): first name, then the email, then "there"', () => {
    expect(greetingFor({ username: '', first_name: 'Zoe', email: 'z@example.com' })).toBe(
      'Hello Zoe, how can I help you? 👋',
    );
    expect(greetingFor({ username: ' ', first_name: '', email: 'invited@example.com' })).toBe(
      'Hello invited, how can I help you? 👋',
    );
    expect(greetingFor({ username: '', first_name: '', email: '' })).toBe(
      'Hello there, how can I help you? 👋',
    );
  });
});

describe("the model server's base URL", () => {
  it('cuts an endpoint URL (the legacy COMET_API_URL, a pasted chat completions URL) back to its base', () => {
    expect(apiBaseUrl('https://api.cometapi.com/v1/responses')).toBe('https://api.cometapi.com/v1');
    expect(apiBaseUrl('http://127.0.0.1:11434/v1/chat/completions/')).toBe('http://127.0.0.1:11434/v1');
    expect(apiBaseUrl('http://127.0.0.1:8000/v1')).toBe('http://127.0.0.1:8000/v1');
    expect(apiBaseUrl(undefined)).toBeUndefined();
  });
});
