import { loadEnv } from '@chatapp/config';
import { openDatabase } from './connect';
import { migrateToLatest } from './migrate';

// `pnpm db:migrate`: applies pending migrations to DATABASE_URL and reports what ran.
const env = loadEnv();
const handle = openDatabase(env.DATABASE_URL);
try {
  const applied = await migrateToLatest(handle.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
} finally {
  await handle.close();
}
