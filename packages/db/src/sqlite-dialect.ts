import { type Driver, SqliteDialect } from 'kysely';

/**
 * Kysely's SQLite dialect, except that a failed transaction keeps its own error. On some errors (SQLITE_FULL,
 * SQLITE_IOERR, SQLITE_NOMEM...) SQLite has already rolled the transaction back when the statement fails, so the
 * ROLLBACK Kysely then sends fails with "cannot rollback - no transaction is active", and that error replaced the
 * one that said what happened: a full disk answered as an internal error instead of "storage full".
 */
export class SqliteDialectKeepingErrors extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      try {
        await rollback(connection);
      } catch (error) {
        if (!(error instanceof Error && /no transaction is active/.test(error.message))) throw error;
      }
    };
    return driver;
  }
}
