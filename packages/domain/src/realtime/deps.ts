import type { RealtimeEvent } from './events';
import type { RealtimeHub } from './hub';
import type { PresenceTracker } from './presence';

/** The realtime collaborators a process wires into its domain dependencies. */
export interface RealtimeDeps {
  hub: RealtimeHub<RealtimeEvent>;
  presence: PresenceTracker;
}

/** How long a typing signal shows before it expires on its own, unless renewed. */
export const TYPING_TTL_MS = 5_000;
