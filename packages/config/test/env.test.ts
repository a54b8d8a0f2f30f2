import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../src';

describe('loadEnv', () => {
  it('runs on embedded defaults with nothing set', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 8000,
      DATABASE_URL: 'file:./data/chatapp.db',
      TOKEN_TTL_DAYS: 30,
      SERVE_WEB: true,
    });
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(loadEnv({ PORT: '', REDIS_URL: '' }).PORT).toBe(8000);
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'postgres://x' })).toThrow(ConfigError);
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'postgres://x' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('DATABASE_URL');
    }
  });

  it('parses flags and numbers', () => {
    const env = loadEnv({ SERVE_WEB: 'false', PORT: '0', DATABASE_URL: 'mysql://root@127.0.0.1:3306/test' });
    expect(env.SERVE_WEB).toBe(false);
    expect(env.PORT).toBe(0);
  });

  it('takes the web session secret as AUTH_SECRET or its alias NEXTAUTH_SECRET, and refuses a short one', () => {
    const secret = 'x'.repeat(32);
    expect(loadEnv({}).AUTH_SECRET).toBeUndefined();
    expect(loadEnv({ AUTH_SECRET: secret }).AUTH_SECRET).toBe(secret);
    expect(loadEnv({ NEXTAUTH_SECRET: secret }).AUTH_SECRET).toBe(secret);
    expect(() => loadEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
  });
});
