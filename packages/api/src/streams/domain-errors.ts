import { DomainError } from '@chatapp/domain';
import { TRPCError } from '@trpc/server';
import { TRPC_CODE_BY_KIND } from '../errors';

/**
 * A subscription's failures happen while it is iterated, after the procedure's middleware has returned, so they
 * miss its mapping of domain errors; a subscription passes what it throws through this instead.
 */
export function asTrpcError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return new TRPCError({ code: TRPC_CODE_BY_KIND[error.kind], message: error.message, cause: error });
}
