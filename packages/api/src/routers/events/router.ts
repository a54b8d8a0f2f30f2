import { conversations, events, type realtime } from '@chatapp/domain';
import { tracked } from '@trpc/server';
import { type ResyncEvent, toStreamEvent } from '../../schemas/stream-event';
import { toIso } from '../../schemas/time';
import { BoundedQueue } from '../../streams/bounded-queue';
import { protectedProcedure, router } from '../../trpc';
import { streamConnection } from './connection';
import { deliveredInput, okOutput, streamInput, typingInput, typingOutput } from './schemas';

/** Events a subscriber may fall behind by before it is cut off (it then resumes from the journal). */
const MAX_PENDING_EVENTS = 10_000;
const REPLAY_PAGE = 500;

/** A delivery as the stream queues it, with the frames its other listeners on this process share. */
interface Heard {
  delivery: realtime.Delivery<events.RealtimeEvent>;
  shared: realtime.SharedFrames;
}

export const eventsRouter = router({
  /**
   * Every event for the signed-in user: messages created/edited/deleted, conversation changes, presence, typing
   * and receipts. Each is `tracked()` by its durable journal id. Subscribe first, then replay what was missed
   * after `lastEventId` from the database, then pass live events through, dropping those already replayed: nothing
   * is lost and nothing comes twice (the hub delivers durable events in id order, so the id is a watermark). When the
   * journal no longer holds what was missed (older than its retention, or an id it never issued), one `resync` event
   * comes instead of the replay, telling the client to reload its state, then live events.
   * While it is open its connection counts the user online (with their other sockets, of either kind).
   */
  stream: protectedProcedure.input(streamInput).subscription(async function* ({ ctx, input, signal }) {
    const userId = ctx.session.user.id;
    // The socket's session (or, over HTTP, one of the stream's own): it hears the user's events and, while it does,
    // counts the user online.
    const stream = await streamConnection(ctx, signal);
    const queue = new BoundedQueue<Heard>(MAX_PENDING_EVENTS);
    const stopListening = stream.connection.listen((delivery, shared) => queue.push({ delivery, shared }));
    try {
      let cursor = input?.lastEventId ? Number(input.lastEventId) : null;
      // Typed by the stream's schema, not the domain's: the router's inferred type must name only the api's types.
      let resync: ResyncEvent['reason'] | null = null;
      while (cursor !== null) {
        const page = await events.replayAfter(ctx.deps.db, userId, cursor, REPLAY_PAGE);
        if (page.resync) {
          resync = page.resync;
          break;
        }
        for (const replayed of page.events)
          yield tracked(String(replayed.id), toStreamEvent(replayed.event, ctx.mediaBaseUrl));
        if (page.lastId === null) break;
        cursor = page.lastId;
      }
      if (resync) {
        // What was missed is gone: the client reloads its state, then follows live events from the newest one
        // (its id is where the client resumes from next; the events up to it are in what it reloads).
        cursor = await events.latestJournalId(ctx.deps.db);
        const event: ResyncEvent = { type: 'resync', reason: resync };
        yield tracked(String(cursor), event);
      }
      // Ephemeral events carry the last durable id, so resuming from them skips nothing.
      let lastId = cursor ?? (await events.latestJournalId(ctx.deps.db));
      for await (const { delivery, shared } of queue.drain(stream.signal)) {
        if (delivery.id !== null) {
          if (cursor !== null && delivery.id <= cursor) continue;
          lastId = delivery.id;
        }
        // Built once per broadcast and shared by its subscribers on this process (nobody mutates it).
        const event = shared.get(`stream ${ctx.mediaBaseUrl}`, () =>
          toStreamEvent(delivery.event, ctx.mediaBaseUrl),
        );
        yield tracked(String(lastId), event);
        stream.connection.pushed(delivery.event);
      }
    } finally {
      // Once per stream; the last listener of a connection releases its presence (failures are logged).
      await stopListening();
      await stream.release();
    }
  }),

  typing: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/{conversation_id}/typing',
        tags: ['Realtime'],
        summary: 'Show a typing indicator to the other members (expires on its own)',
        protect: true,
      },
    })
    .input(typingInput)
    .output(typingOutput)
    .mutation(async ({ ctx, input }) => ({
      expires_at: toIso(await events.publishTyping(ctx.deps, ctx.session.user.id, input.conversation_id)),
    })),

  delivered: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/conversations/{conversation_id}/delivered',
        tags: ['Realtime'],
        summary:
          'Acknowledge delivery up to a message (automatic in one-to-one chats); the sender gets a receipt',
        protect: true,
      },
    })
    .input(deliveredInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await conversations.markDelivered(
        ctx.deps,
        ctx.session.user.id,
        input.conversation_id,
        input.message_id,
      );
      return { ok: true as const };
    }),
});
