import { type ApiContext, type AppCaller, createCaller } from '@chatapp/api';

/**
 * A procedure's input as a legacy body fills it: the procedure's own fields, so a misspelt one does not compile,
 * with whatever values the body held. Legacy clients sent numbers as strings, lists as "2,3," and flags as "false";
 * the routes only reshape those, and the procedure's zod schema is what accepts or refuses them.
 */
type LooseInput<T> = T extends Record<string, unknown> ? { [K in keyof T]: unknown } : T;

/** The router as legacy transports call it: every procedure, with loose inputs (see LooseInput). */
export type LegacyCaller = {
  [K in keyof AppCaller]: LooseProcedures<AppCaller[K]>;
};

type LooseProcedures<T> = T extends (...args: infer A) => infer R
  ? (...args: { [I in keyof A]: LooseInput<A[I]> }) => R
  : { [K in keyof T]: LooseProcedures<T[K]> };

/**
 * The caller the legacy routes and the legacy socket use. The one place their inputs are loosened: the procedures
 * are the same, and they still validate every input. Also the one place their lists keep the legacy shapes' other
 * users' email addresses (unless LEGACY_SHOW_EMAILS=false: S26).
 */
export function legacyCaller(ctx: ApiContext): LegacyCaller {
  const showsOthersEmails = ctx.deps.settings.legacyShowsEmails;
  return createCaller({ ...ctx, showsOthersEmails }) as unknown as LegacyCaller;
}
