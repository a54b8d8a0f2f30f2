import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initial from './migrations/0001_initial';
import * as realtimeSequence from './migrations/0002_realtime_sequence';
import * as mediaFiles from './migrations/0003_media_files';
import * as messageSequence from './migrations/0004_message_sequence';
import * as journalConversationKey from './migrations/0005_journal_conversation_key';
import * as profilesSequence from './migrations/0006_profiles_sequence';
import * as sqliteClientIdPartialIndex from './migrations/0007_sqlite_client_id_partial_index';
import * as lastSeen from './migrations/0008_last_seen';
import * as mailOutboxAndPasswordLinks from './migrations/0009_mail_outbox_and_password_links';
import * as assistantAccount from './migrations/0010_assistant_account';
import * as memberMuted from './migrations/0011_member_muted';
import type { Database } from './schema';

/** Migrations are listed here (not read from disk) so they run the same under tsx, Vitest and bundlers. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_realtime_sequence': realtimeSequence,
  '0003_media_files': mediaFiles,
  '0004_message_sequence': messageSequence,
  '0005_journal_conversation_key': journalConversationKey,
  '0006_profiles_sequence': profilesSequence,
  '0007_sqlite_client_id_partial_index': sqliteClientIdPartialIndex,
  '0008_last_seen': lastSeen,
  '0009_mail_outbox_and_password_links': mailOutboxAndPasswordLinks,
  '0010_assistant_account': assistantAccount,
  '0011_member_muted': memberMuted,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the newest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
