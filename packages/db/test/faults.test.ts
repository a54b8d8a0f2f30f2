import { describe, expect, it } from 'vitest';
import { retryContended, storageFault } from '../src/faults';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('storageFault', () => {
  it('names a database that cannot be reached, on MariaDB', () => {
    for (const code of [
      'ECONNREFUSED',
      'PROTOCOL_CONNECTION_LOST',
      'ER_SERVER_SHUTDOWN',
      'ER_CON_COUNT_ERROR',
    ])
      expect(storageFault(withCode(code))).toBe('unreachable');
    expect(storageFault(new Error("Can't add new command when connection is in closed state"))).toBe(
      'unreachable',
    );
  });

  it('names a full or read-only disk, on SQLite (extended codes included) and MariaDB', () => {
    expect(storageFault(withCode('SQLITE_FULL'))).toBe('full');
    expect(storageFault(withCode('ER_RECORD_FILE_FULL'))).toBe('full');
    expect(storageFault(withCode('SQLITE_READONLY'))).toBe('read_only');
    expect(storageFault(withCode('SQLITE_IOERR_WRITE'))).toBe('read_only');
    expect(storageFault(withCode('ER_OPTION_PREVENTS_STATEMENT'))).toBe('read_only');
  });

  it('looks through causes, and leaves every other error alone', () => {
    expect(storageFault(new Error('wrapped', { cause: withCode('SQLITE_FULL') }))).toBe('full');
    expect(storageFault(withCode('ER_DUP_ENTRY'))).toBeNull();
    expect(storageFault(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFault(new Error('boom'))).toBeNull();
    expect(storageFault('not an error')).toBeNull();
  });
});

describe('a transaction that lost a lock race', () => {
  it('is named contended: a deadlock victim, a lock wait that timed out, a busy SQLite', () => {
    for (const code of ['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY'])
      expect(storageFault(withCode(code))).toBe('contended');
  });

  it('runs again, up to three times, and only for that', async () => {
    let runs = 0;
    const flaky = () => {
      runs += 1;
      if (runs < 3) throw withCode('ER_LOCK_DEADLOCK', 'Deadlock found when trying to get lock');
      return Promise.resolve('stored');
    };
    expect(await retryContended(async () => flaky())).toBe('stored');
    expect(runs).toBe(3);

    runs = 0;
    const always = async () => {
      runs += 1;
      throw withCode('ER_LOCK_DEADLOCK');
    };
    await expect(retryContended(always)).rejects.toMatchObject({ code: 'ER_LOCK_DEADLOCK' });
    expect(runs).toBe(3);

    runs = 0;
    const broken = async () => {
      runs += 1;
      throw withCode('ER_DUP_ENTRY');
    };
    await expect(retryContended(broken)).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect(runs).toBe(1);
  });
});
