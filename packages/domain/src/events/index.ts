// The domain's events: what is pushed to clients (types.ts), the journal they are recorded in, and the publishers
// the areas call after commit, per kind. Delivery itself is the event-agnostic machinery of ../realtime.
export { contactsOf, membersOf } from './audience';
export { publishConversationEvent, recordConversationEvent } from './conversation-events';
export { appendToJournal, latestJournalId } from './journal';
export { type JournalRetention, journalPruner } from './journal-pruner';
export { journalGapAfter, type PruneOptions, pruneJournal, type ResyncReason } from './journal-retention';
export { publishMessageEvent, recordMessageEvent } from './message-events';
export {
  type ContactPresence,
  contactPresence,
  holdPresence,
  onlineContacts,
  presenceSweeper,
  sweepPresence,
  userConnected,
  userDisconnected,
} from './presence';
export { loadJournalDelivery, type ReplayedEvent, type ReplayPage, replayAfter } from './replay';
export { publishSessionsRevoked } from './session-events';
export { loadMessageSnapshots } from './snapshots';
export type {
  DurableEventType,
  HubEvent,
  MessageSnapshot,
  RealtimeEvent,
  Receipt,
  SessionsRevoked,
} from './types';
export { publishTyping, TYPING_TTL_MS } from './typing';
