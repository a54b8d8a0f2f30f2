import { assistantRouter } from './routers/assistant/router';
import { authRouter } from './routers/auth/router';
import { conversationsRouter } from './routers/conversations/router';
import { eventsRouter } from './routers/events/router';
import { invitationsRouter } from './routers/invitations/router';
import { mailRouter } from './routers/mail/router';
import { messagesRouter } from './routers/messages/router';
import { usersRouter } from './routers/users/router';
import { createCallerFactory, router } from './trpc';

/** The one router: every transport (tRPC HTTP/WS, REST v1, legacy REST and WS) serves these procedures. */
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  conversations: conversationsRouter,
  messages: messagesRouter,
  events: eventsRouter,
  assistant: assistantRouter,
  invitations: invitationsRouter,
  mail: mailRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
export type AppCaller = ReturnType<typeof createCaller>;
