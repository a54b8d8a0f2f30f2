import type { AppRouter, schemas } from '@chatapp/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';
import type { TestUser } from './accounts';
import type { TestServer } from './server';

/**
 * Helpers for suites that drive the procedures through tRPC as a given user, bound to one test server.
 */
export function procedures(server: () => TestServer) {
  function trpc(user: TestUser) {
    return createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${server().baseUrl}/trpc`,
          headers: () => ({ authorization: `Bearer ${user.token}` }),
        }),
      ],
    });
  }

  return {
    trpc,
    /** The HTTP status of a failed tRPC call (fails the test if the call succeeded). */
    async statusOf(call: Promise<unknown>): Promise<number | undefined> {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TRPCClientError);
      return (error as TRPCClientError<AppRouter>).data?.httpStatus;
    },
    async directChat(a: TestUser, b: TestUser): Promise<number> {
      return (await trpc(a).conversations.openDirect.mutate({ user_id: b.id })).conversation.id;
    },
    async sendText(user: TestUser, conversationId: number, body: string): Promise<schemas.MessageDto> {
      return (await trpc(user).messages.send.mutate({ conversation_id: conversationId, body })).message;
    },
  };
}
