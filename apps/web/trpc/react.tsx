'use client';

import type { AppRouter } from '@chatapp/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** Typed hooks over the one router: `useTRPC().messages.send.mutationOptions()` and so on. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
