import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/**
 * Kysely builds an operation tree and compiles it to SQL on every execution; on the read paths that was as much
 * CPU as SQLite's own work for small queries. A prepared query is built and compiled once per database instance
 * (and per length of each list parameter, since `in (?, ?, …)` grows with it); each execution only puts the values
 * in their places. The SQL and its parameters are exactly what Kysely would have produced for those values.
 *
 * The build function must use its parameters only as values handed to Kysely (`where(col, '=', p.id)`,
 * `where(col, 'in', p.ids)`, `limit(p.limit)`), never look at them: while building, each one is a placeholder.
 * A query whose shape depends on a value (an optional filter) is one prepared query per shape.
 */
export type PreparedQuery<DB, P extends QueryParams, O> = (db: Kysely<DB>, params: P) => Promise<O[]>;

/** Parameter values: scalars, or lists of scalars for `in`. */
export type QueryParams = Record<string, ParamValue | readonly ParamValue[]>;
type ParamValue = string | number | bigint | boolean | null;

/** Stands for a parameter (or one item of a list parameter) while the query is built. */
class Slot {
  constructor(
    readonly name: string,
    /** The item of a list parameter; -1 for a scalar. */
    readonly index: number,
  ) {}
}

interface Template {
  compiled: CompiledQuery;
  /** Per SQL parameter: where its value comes from, or the constant Kysely put there. */
  sources: Array<Slot | { constant: unknown }>;
}

export function preparedQuery<DB, P extends QueryParams, O>(
  build: (db: Kysely<DB>, params: P) => Compilable<O>,
): PreparedQuery<DB, P, O> {
  // Transactions are Kysely instances of their own; theirs are dropped with them.
  const templates = new WeakMap<Kysely<DB>, Map<string, Template>>();

  function templateFor(db: Kysely<DB>, params: P): Template {
    let byShape = templates.get(db);
    if (!byShape) {
      byShape = new Map();
      templates.set(db, byShape);
    }
    const shape = shapeOf(params);
    let template = byShape.get(shape);
    if (!template) {
      template = compileTemplate(db, params);
      byShape.set(shape, template);
    }
    return template;
  }

  function compileTemplate(db: Kysely<DB>, params: P): Template {
    const placeholders: Record<string, Slot | Slot[]> = {};
    const slots: Slot[] = [];
    for (const [name, value] of Object.entries(params)) {
      const made = isList(value) ? value.map((_, index) => new Slot(name, index)) : new Slot(name, -1);
      placeholders[name] = made;
      slots.push(...(Array.isArray(made) ? made : [made]));
    }
    // The placeholders take the parameters' places; their types are the parameters' only to the builder.
    const compiled = build(db, placeholders as unknown as P).compile();
    // A placeholder that did not reach the parameters was looked at or turned into text: the template would be wrong.
    const used = new Set(compiled.parameters);
    if (compiled.sql.includes('[object Object]') || slots.some((slot) => !used.has(slot))) {
      throw new Error('a prepared query used a parameter as something other than a value');
    }
    return {
      compiled,
      sources: compiled.parameters.map((value) => (value instanceof Slot ? value : { constant: value })),
    };
  }

  return async (db, params) => {
    const { compiled, sources } = templateFor(db, params);
    const parameters = sources.map((source) => {
      if (!(source instanceof Slot)) return source.constant;
      const value = params[source.name];
      return source.index < 0 ? value : (value as readonly ParamValue[])[source.index];
    });
    const result = await db.executeQuery<O>({ ...compiled, parameters });
    return result.rows;
  };
}

function isList(value: ParamValue | readonly ParamValue[] | undefined): value is readonly ParamValue[] {
  return Array.isArray(value);
}

/** Which template fits: the parameter names, and the length of each list. */
function shapeOf(params: QueryParams): string {
  let shape = '';
  for (const name in params) {
    const value = params[name];
    shape += isList(value) ? `${name}[${value.length}],` : `${name},`;
  }
  return shape;
}
