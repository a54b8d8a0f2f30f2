import type { LegacyRoute } from '../route';
import { accountRoutes } from './accounts';
import { assistantRoutes } from './assistant';
import { conversationRoutes } from './conversations';
import { invitationRoutes } from './invitations';
import { messageRoutes } from './messages';

/** Every legacy route, matched by exact, case-sensitive path (contract §2.1). */
export const legacyRoutes: LegacyRoute[] = [
  ...accountRoutes,
  ...invitationRoutes,
  ...conversationRoutes,
  ...messageRoutes,
  ...assistantRoutes,
];
