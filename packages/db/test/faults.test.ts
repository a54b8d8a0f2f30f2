import { describe, expect, it } from 'vitest';
import { storageFault } from '../src/faults';

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
