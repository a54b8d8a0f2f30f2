import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../src/accounts/passwords';
import { hashToken, newToken, parseAuthorization } from '../src/accounts/tokens';
import { emailProblem, nameProblem, passwordProblem, usernameProblem } from '../src/accounts/validation';

describe('field rules (contract §3.1)', () => {
  it('checks usernames in the legacy order', () => {
    expect(usernameProblem('')).toBe('username is required');
    expect(usernameProblem('9x')).toBe("Username must start with a letter not with '9'");
    expect(usernameProblem('ébc')).toBe("Username can only contain letters, numbers, '.' and '_'");
    expect(usernameProblem('a b')).toBe("Username can only contain letters, numbers, '.' and '_'");
    expect(usernameProblem('alice.o_2')).toBeNull();
  });

  it('checks passwords rule by rule', () => {
    expect(passwordProblem('')).toBe('password is required');
    expect(passwordProblem('Aa1!')).toBe('Password must be at least 8 characters long');
    expect(passwordProblem('Passw0rd!')).toBeNull();
  });

  it('checks emails and names', () => {
    expect(emailProblem('')).toBe('email is required');
    expect(emailProblem('a@b')).toBe('Invalid email format');
    expect(emailProblem('a.b+c@mail.example.org')).toBeNull();
    expect(nameProblem('first', "Mary-Jane O'Hara")).toBeNull();
    expect(nameProblem('last', ' x')).toBe('Invalid last name: Name must start with a letter');
  });
});

describe('tokens', () => {
  it('are 64 lower-case hex characters, different every time', () => {
    const a = newToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newToken()).not.toBe(a);
    expect(hashToken(a)).not.toBe(a);
  });

  it('are read from every accepted Authorization form', () => {
    const token = newToken();
    expect(parseAuthorization(`Bearer ${token}`)).toBe(token);
    expect(parseAuthorization(`bearer ${token}`)).toBe(token);
    expect(parseAuthorization(token.toUpperCase())).toBe(token);
    expect(parseAuthorization('Bearer short')).toBeNull();
    expect(parseAuthorization(undefined)).toBeNull();
  });
});

describe('password hashes', () => {
  it('round-trips scrypt and refuses wrong passwords and unknown formats', async () => {
    const hash = await hashPassword('Passw0rd!', 10);
    expect(hash).toMatch(/^scrypt\$10\$8\$3\$/);
    expect(await verifyPassword('Passw0rd!', hash)).toBe(true);
    expect(await verifyPassword('Passw0rd?', hash)).toBe(false);
    expect(await verifyPassword('Passw0rd!', '!unusable')).toBe(false);
  });

  it('verifies Django pbkdf2_sha256 hashes (computed independently with Python hashlib)', async () => {
    const django = 'pbkdf2_sha256$870000$Vt4bM2xQp9LkZr7s$GjG/eqIKPZbZpzvDODpI+6rwABVa57AUv0WcLnpzFpQ=';
    expect(await verifyPassword('Legacy#Pass1', django)).toBe(true);
    expect(await verifyPassword('Legacy#Pass2', django)).toBe(false);
  });
});
