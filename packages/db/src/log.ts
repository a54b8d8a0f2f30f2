/**
 * What library code needs of the process's logger: a message with its details first (pino's `Logger` is one).
 * The composition root creates the logger and hands it down; nothing here writes to the console.
 */
export interface Log {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** For tools and unit tests that build pieces without a process logger. */
export const silentLog: Log = { info() {}, warn() {}, error() {} };
