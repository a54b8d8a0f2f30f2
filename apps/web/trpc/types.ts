import type { AppRouter } from '@chatapp/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;

/** The API's shapes as the UI sees them, inferred from the router (never written by hand). */
export type Message = Outputs['messages']['list']['messages'][number];
export type MessagePage = Outputs['messages']['list'];
export type Conversation = Outputs['conversations']['list']['conversations'][number];
export type ConversationPage = Outputs['conversations']['list'];
export type Account = Outputs['users']['me'];
export type UserSummary = Conversation['members'][number];
export type { schemas } from '@chatapp/api';
