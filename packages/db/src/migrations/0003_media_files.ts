import { type Kysely, MysqlAdapter } from 'kysely';

/**
 * Media files are content-addressed (`ImgMessages/<sha256>.jpg`), so two uploads of the same bytes share one file
 * while each keeps its own row (its owner, and whether it is attached yet). `media.path` therefore stops being
 * unique; both paths get a plain index, because "is this file still referenced?" is asked on every removal.
 * `attached_at` is set once an upload is attached to a message or becomes a profile picture: an upload can be used
 * once, and a conditional update on this column decides which of two concurrent sends gets it.
 */
// Migrations must not depend on the evolving Database type: the schema builder needs none.
export async function up(db: Kysely<unknown>): Promise<void> {
  await dropIndex(db, 'media_path_uq');
  await db.schema.createIndex('media_path_idx').on('media').column('path').execute();
  await db.schema.createIndex('media_thumb_path_idx').on('media').column('thumb_path').execute();
  await db.schema.alterTable('media').addColumn('attached_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('attached_at').execute();
  await dropIndex(db, 'media_thumb_path_idx');
  await dropIndex(db, 'media_path_idx');
  await db.schema.createIndex('media_path_uq').on('media').column('path').unique().execute();
}

/** MySQL names the table in DROP INDEX; SQLite refuses it (index names are global there). */
async function dropIndex(db: Kysely<unknown>, name: string): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  const drop = db.schema.dropIndex(name);
  await (mysql ? drop.on('media') : drop).execute();
}
