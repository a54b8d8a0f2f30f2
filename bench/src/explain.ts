import type { Database } from '@chatapp/db';
import { accounts, conversations, type DomainDeps, messages } from '@chatapp/domain';
import SQLite from 'better-sqlite3';
import {
  type CompiledQuery,
  Kysely,
  type LogEvent,
  MysqlDialect,
  CompiledQuery as Raw,
  SqliteDialect,
} from 'kysely';
import { createPool } from 'mysql2';
import type { BenchDatabase } from './database';

/** One query a read endpoint runs, exactly as Kysely generated it, with the engine's plan for it. */
export interface ExplainEntry {
  /** Which part of the request ran it. */
  step: string;
  sql: string;
  plan: string[];
  /** The plan reads a whole table (SQLite `SCAN`, MariaDB type ALL/index) rather than seeking an index. */
  fullScan: boolean;
}

/**
 * Runs the domain functions behind the HTTP read endpoints against the seeded database through a Kysely instance
 * with a query log, and EXPLAINs each captured statement with its own parameters. The SQL is the product's, not
 * a hand-written copy, so a plan regression in the domain shows up here.
 */
export async function explainReads(
  database: BenchDatabase,
  viewer: { id: number; token: string; conversationId: number },
): Promise<ExplainEntry[]> {
  const captured: CompiledQuery[] = [];
  const log = (event: LogEvent) => {
    if (event.level === 'query') captured.push(event.query);
  };
  const db = openLogged(database, log);
  const deps = readPathDeps({
    db,
    now: Date.now,
    settings: { tokenTtlMs: 24 * 60 * 60 * 1000, scryptLogN: 10, legacyShowsEmails: true },
  });
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['authenticate (every request)', () => accounts.authenticate(deps, viewer.token)],
    [
      'conversation list (/getAllConversations/, GET /api/v1/conversations)',
      () =>
        conversations.listConversations(deps, viewer.id, {
          limit: conversations.CONVERSATION_LIMITS.pageMax,
        }),
    ],
    [
      'message history (/getConversationMessages/)',
      () => messages.listRecentMessages(deps, viewer.id, viewer.conversationId),
    ],
    [
      'message page (GET /api/v1/conversations/{id}/messages)',
      () => messages.listMessages(deps, viewer.id, viewer.conversationId, {}),
    ],
  ];
  const entries: ExplainEntry[] = [];
  try {
    for (const [step, run] of steps) {
      captured.length = 0;
      await run();
      const seen = new Set<string>();
      for (const query of [...captured]) {
        // requireMember runs in both history steps; a statement is explained once per step.
        if (seen.has(query.sql)) continue;
        seen.add(query.sql);
        if (!/^\s*select/i.test(query.sql)) continue;
        entries.push({ step, sql: query.sql, ...(await explain(db, database.dialect, query)) });
      }
    }
  } finally {
    await db.destroy();
  }
  return entries;
}

async function explain(
  db: Kysely<Database>,
  dialect: BenchDatabase['dialect'],
  query: CompiledQuery,
): Promise<{ plan: string[]; fullScan: boolean }> {
  if (dialect === 'sqlite') {
    const { rows } = await db.executeQuery<{ id: number; parent: number; detail: string }>(
      Raw.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
    );
    const depth = new Map<number, number>();
    const plan = rows.map((row) => {
      const level = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, level);
      return `${'  '.repeat(level)}${row.detail}`;
    });
    // `SCAN t` reads every row of t; `SEARCH t USING INDEX` seeks. A scan of a subquery, a list or a FROM
    // subquery's own result (`CO-ROUTINE page` then `SCAN page`: the 24-row page) is not a stored table.
    const derived = new Set(
      rows.flatMap((row) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(row.detail)?.slice(1) ?? []),
    );
    const fullScan = rows.some((row) => {
      const scanned = /^SCAN (\S+)/.exec(row.detail)?.[1];
      return scanned !== undefined && !derived.has(scanned) && !/LIST SUBQUERY|CONSTANT ROW/.test(row.detail);
    });
    return { plan, fullScan };
  }
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    Raw.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
  );
  const plan = rows.map(
    (row) =>
      `${row.table ?? '?'}: type=${row.type ?? '?'} key=${row.key ?? 'NULL'} rows=${row.rows ?? '?'}${row.Extra ? ` (${row.Extra})` : ''}`,
  );
  // A derived table (`<derived3>`: a FROM subquery's own result, here the 24-row page) is read whole by design; only
  // a scan of a stored table counts.
  const fullScan = rows.some(
    (row) => (row.type === 'ALL' || row.type === 'index') && !String(row.table ?? '').startsWith('<'),
  );
  return { plan, fullScan };
}

/**
 * Domain dependencies for read paths, which use only the database, the clock and the settings. The rest (realtime,
 * media, …) is left out on purpose rather than faked: if a read path ever touches it, explaining fails loudly.
 */
function readPathDeps(base: Pick<DomainDeps, 'db' | 'now' | 'settings'>): DomainDeps {
  return new Proxy(base, {
    get(target, key) {
      if (key in target) return Reflect.get(target, key);
      throw new Error(`the read path used deps.${String(key)}: give explainReads a real one`);
    },
  }) as DomainDeps;
}

/** A Kysely like @chatapp/db's, plus a query log (openDatabase takes no options, and need not for the product). */
function openLogged(database: BenchDatabase, log: (event: LogEvent) => void): Kysely<Database> {
  if (database.dialect === 'sqlite') {
    const sqlite = new SQLite(database.url.slice('file:'.length));
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
  }
  const pool = createPool({
    uri: database.url,
    charset: 'utf8mb4_unicode_ci',
    connectionLimit: 1,
    supportBigNumbers: true,
    bigNumberStrings: false,
    timezone: 'Z',
  });
  return new Kysely<Database>({ dialect: new MysqlDialect({ pool }), log });
}

export function formatExplain(entries: readonly ExplainEntry[]): string {
  const lines: string[] = [];
  let step = '';
  for (const entry of entries) {
    if (entry.step !== step) {
      step = entry.step;
      lines.push(`  ${step}`);
    }
    lines.push(`    ${entry.sql.length > 300 ? `${entry.sql.slice(0, 300)}…` : entry.sql}`);
    for (const line of entry.plan) lines.push(`      ${line}`);
    if (entry.fullScan) lines.push('      !! full scan');
  }
  return lines.join('\n');
}
