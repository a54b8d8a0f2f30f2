import { loadEnv } from '@chatapp/config';
import { backupSqlite, dumpMysql, mysqlDumpArgs, refuseToOverwrite } from './backup';

// `pnpm db:backup <file>`: a consistent backup of DATABASE_URL while the servers keep running (docs/deploy.md).
// SQLite: SQLite's online backup into <file>. MySQL/MariaDB: `mariadb-dump --single-transaction` into <file>, or,
// without the program on this machine, the command to run where it is.
const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: pnpm db:backup <file>\n');
  process.exit(2);
}
const env = loadEnv();
try {
  refuseToOverwrite(target);
  if (env.DATABASE_URL.startsWith('file:')) {
    const { pages } = await backupSqlite(env.DATABASE_URL.slice('file:'.length), target);
    process.stdout.write(`Backed up ${pages} pages to ${target} (integrity check: ok).\n`);
  } else {
    try {
      await dumpMysql(env.DATABASE_URL, target);
      process.stdout.write(`Dumped to ${target} (mariadb-dump --single-transaction).\n`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const { args } = mysqlDumpArgs(env.DATABASE_URL);
      process.stdout.write(
        `mariadb-dump is not installed here. Run, where it is (password in MYSQL_PWD):\n  mariadb-dump ${args.join(' ')} > ${target}\n`,
      );
      process.exit(3);
    }
  }
} catch (error) {
  process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
