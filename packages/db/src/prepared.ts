import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema';

/** Stands for a parameter (or one item of a list parameter) while a prepared query is built. */
class Placeholder {
  constructor(
    readonly name: string,
    /** The item of a list parameter; -1 for a scalar. */
    readonly index: number,
  ) {}
}

interface Template {
  compiled: CompiledQuery;
  /** Per SQL parameter: where its value comes from, or the constant Kysely put there. */
  sources: Array<Placeholder | { constant: unknown }>;
}

/** Runs on `db` or a transaction with these values; called directly, it resolves to the rows. */
export interface PreparedQuery<P, R, DB = Database> {
  (db: Kysely<DB>, params: P): Promise<R[]>;
  execute(db: Kysely<DB>, params: P): Promise<QueryResult<R>>;
  rows(db: Kysely<DB>, params: P): Promise<R[]>;
  first(db: Kysely<DB>, params: P): Promise<R | undefined>;
}

/**
 * A query built and compiled once per dialect (and per length of each list parameter, since `in (?, ?, …)` grows
 * with it) instead of on every call. Kysely builds an immutable operation tree and compiles it to SQL for every
 * query it runs; on the send and read paths that cost more CPU than SQLite spent running the statements. The query
 * is still written with Kysely's builder (one query path, both dialects); each call only puts the values in their
 * places, so the SQL and its parameters are exactly what Kysely would have produced. The same SQL text also lets
 * SQLite's statement cache hit without rehashing a fresh string.
 *
 * `build` receives placeholders instead of values: it must use each parameter only as a value handed to Kysely
 * (`where(col, '=', p.id)`, `where(col, 'in', p.ids)`, `set`, `values`, `limit`), never look at it, branch on it
 * or turn it into text. A query whose shape depends on a value (an optional filter) is one prepared query per shape.
 */
export function preparedQuery<P extends Record<string, unknown>, R, DB = Database>(
  build: (db: Kysely<DB>, params: P) => Compilable<R>,
): PreparedQuery<P, R, DB> {
  // Keyed by the dialect's adapter: a Kysely instance and its transactions share it, and the SQL differs by dialect.
  // The one kind of module-level state the code keeps outside the runtime (DomainRuntime): prepared queries are
  // module constants, so their templates are too. They are a memo of compiled SQL, the same whatever runs it, never
  // state a process could observe or need to close.
  const templatesByAdapter = new WeakMap<object, Map<string, Template>>();

  const templateFor = (db: Kysely<DB>, params: P): Template => {
    const executor = db.getExecutor();
    // Plugins transform the query as it is compiled, possibly differently each time: with any, compile per call,
    // exactly as an ordinary Kysely query would be.
    if (executor.plugins.length > 0) return compileTemplate(db, params);
    let byShape = templatesByAdapter.get(executor.adapter);
    if (!byShape) {
      byShape = new Map();
      templatesByAdapter.set(executor.adapter, byShape);
    }
    const shape = shapeOf(params);
    let template = byShape.get(shape);
    if (!template) {
      template = compileTemplate(db, params);
      byShape.set(shape, template);
    }
    return template;
  };

  const compileTemplate = (db: Kysely<DB>, params: P): Template => {
    const placeholders: Record<string, Placeholder | Placeholder[]> = {};
    const made: Placeholder[] = [];
    for (const [name, value] of Object.entries(params)) {
      const slot = Array.isArray(value)
        ? value.map((_, index) => new Placeholder(name, index))
        : new Placeholder(name, -1);
      placeholders[name] = slot;
      made.push(...(Array.isArray(slot) ? slot : [slot]));
    }
    // The placeholders take the parameters' places; their types are the parameters' only to the builder.
    const given = new Proxy(placeholders, {
      get: (target, name) => {
        if (typeof name === 'string' && !(name in target)) {
          throw new Error(`Prepared query parameter "${name}" is missing`);
        }
        return Reflect.get(target, name);
      },
    });
    const compiled = build(db, given as unknown as P).compile();
    // A placeholder that did not reach the parameters was looked at or turned into text: the template would be wrong.
    const used = new Set(compiled.parameters);
    if (compiled.sql.includes('[object Object]') || made.some((slot) => !used.has(slot))) {
      throw new Error('A prepared query used a parameter as something other than a value');
    }
    return {
      compiled,
      sources: compiled.parameters.map((value) =>
        value instanceof Placeholder ? value : { constant: value },
      ),
    };
  };

  const execute = async (db: Kysely<DB>, params: P): Promise<QueryResult<R>> => {
    const { compiled, sources } = templateFor(db, params);
    const parameters = sources.map((source) => {
      if (!(source instanceof Placeholder)) return source.constant;
      const value = params[source.name];
      return source.index < 0 ? value : (value as readonly unknown[])[source.index];
    });
    return db.executeQuery<R>({ ...compiled, parameters } as CompiledQuery<R>);
  };

  const rows = async (db: Kysely<DB>, params: P) => (await execute(db, params)).rows;
  return Object.assign(rows, {
    execute,
    rows,
    first: async (db: Kysely<DB>, params: P) => (await execute(db, params)).rows[0],
  });
}

/**
 * Item `index` of a list parameter, typed as an item: a build maps over one list (`p.ids.map((id, i) => …)`) and
 * takes the same position of the others, which are as long.
 */
export function listItem<T>(list: readonly T[], index: number): T {
  return list[index] as T;
}

/** Which template fits: the parameter names, and the length of each list. */
function shapeOf(params: Record<string, unknown>): string {
  let shape = '';
  for (const name in params) {
    const value = params[name];
    shape += Array.isArray(value) ? `${name}[${value.length}],` : `${name},`;
  }
  return shape;
}
