import { initTRPC } from '@trpc/server';
import { describe, expect, it } from 'vitest';

// patches/@trpc__server@11.22.1.patch replaces tRPC's object-spread helper and skips the response copies when there
// is no transformer. tRPC spreads every middleware's context and options with that helper: what a procedure sees
// must be what the original helper gave.
const tag = Symbol('tag');

describe('patched @trpc/server', () => {
  const t = initTRPC.context<{ base: string }>().create();
  const router = t.router({
    probe: t.procedure
      .use(({ next }) =>
        // Parsed JSON carries `__proto__` as an own key; a hidden symbol key rides along as well.
        next({ ctx: { ...JSON.parse('{"__proto__":{"polluted":true},"added":1}'), [tag]: 'kept' } }),
      )
      .use(({ ctx, next }) => next({ ctx: { added: ctx.added + 1 } }))
      .query(({ ctx }) => ({
        base: ctx.base,
        added: ctx.added,
        symbol: (ctx as Record<symbol, unknown>)[tag],
        plainPrototype: Object.getPrototypeOf(ctx) === Object.prototype,
        polluted: (ctx as { polluted?: unknown }).polluted,
        ownProto: Object.hasOwn(ctx, '__proto__'),
      })),
    echo: t.procedure.input((raw) => raw as { value: number }).query(({ input }) => ({ value: input.value })),
  });
  const caller = t.createCallerFactory(router)({ base: 'root' });

  it('merges contexts as a spread does: later keys win, symbols kept, __proto__ an own key', async () => {
    expect(await caller.probe()).toEqual({
      base: 'root',
      added: 2,
      symbol: 'kept',
      plainPrototype: true,
      polluted: undefined,
      ownProto: true,
    });
  });

  it('passes input and answers unchanged', async () => {
    expect(await caller.echo({ value: 7 })).toEqual({ value: 7 });
  });
});
