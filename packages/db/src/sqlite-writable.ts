import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';

/**
 * SQLite opens a file it cannot write read-only without a word, and then fails on the first WAL pragma with
 * "unable to open database file", which names neither the file nor the cause. The server must write its database
 * (and the WAL beside it), so a folder that cannot be written is said plainly at start-up instead.
 */
export function requireWritableSqliteFolder(file: string): void {
  const folder = dirname(file);
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'it is on a read-only file system' : `it cannot be written (${code})`;
    throw new Error(
      `The SQLite database ${file} cannot be used: ${why}. The server writes the database and its WAL next to it; ` +
        'mount the folder read-write (or point DATABASE_URL at one that is).',
      { cause: error },
    );
  }
}
