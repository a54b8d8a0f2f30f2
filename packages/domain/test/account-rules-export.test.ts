import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The web UI imports the account field rules as `@chatapp/domain/account-rules` to check fields as the user types.
describe('@chatapp/domain/account-rules', () => {
  it('exposes the same field rules the API applies', async () => {
    const rules = await import('@chatapp/domain/account-rules');
    const server = await import('../src/accounts/validation');
    expect(rules.usernameProblem).toBe(server.usernameProblem);
    expect(rules.usernameProblem('9x')).toBe("Username must start with a letter not with '9'");
    expect(rules.passwordProblem('Passw0rd!')).toBeNull();
    expect(rules.LIMITS.username).toBe(20);
  });

  it('imports nothing, so a browser bundle gets no server code with it', () => {
    const source = readFileSync(new URL('../src/accounts/validation.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*(import|export\s+[^;]*\sfrom)\s/m);
    expect(source).not.toMatch(/\brequire\(|\bimport\(/);
  });
});
