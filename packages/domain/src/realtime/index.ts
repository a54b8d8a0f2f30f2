export { contactsOf, membersOf } from './audience';
export { type ContactPresence, contactPresence } from './contact-presence';
export { acknowledgeDelivery, flushDeliveryAcks } from './delivery-acks';
export { type RealtimeDeps, TYPING_TTL_MS } from './deps';
export type { MessageSnapshot, RealtimeEvent } from './events';
export { type Delivery, type DeliveryListener, memoize } from './fanout';
export { createLocalHub, type HubOrdering, type RealtimeHub } from './hub';
export { appendToJournal, latestJournalId } from './journal';
export { createLocalPresence, type PresenceTracker } from './presence';
export { holdPresence, type PresenceHold, releasePresenceHolds } from './presence-holds';
export {
  onlineContacts,
  publishConversationEvent,
  publishMessageEvent,
  publishTyping,
  publishUserCreated,
  recordConversationEvent,
  recordMessageEvent,
  sweepPresence,
  userConnected,
  userDisconnected,
} from './publish';
export { createRedisHub } from './redis-hub';
export { createRedisPresence } from './redis-presence';
export { loadJournalDelivery, type ReplayedEvent, replayAfter } from './replay';
export { loadMessageSnapshots } from './snapshots';
