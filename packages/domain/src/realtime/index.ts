export { contactsOf, membersOf } from './audience';
export { type ContactPresence, contactPresence } from './contact-presence';
export { acknowledgeDelivery } from './delivery-acks';
export type { MessageSnapshot, RealtimeEvent } from './events';
export { type Delivery, type DeliveryListener, type DeliveryObserver, SharedFrames } from './fanout';
export { createLocalHub, type HubOrdering, type RealtimeHub } from './hub';
export { appendToJournal, latestJournalId } from './journal';
export { createLocalPresence, type PresenceTracker } from './presence';
export type { PresenceHold } from './presence-holds';
export {
  holdPresence,
  onlineContacts,
  presenceSweeper,
  publishConversationEvent,
  publishMessageEvent,
  publishTyping,
  publishUserCreated,
  recordConversationEvent,
  recordMessageEvent,
  sweepPresence,
  TYPING_TTL_MS,
  userConnected,
  userDisconnected,
} from './publish';
export { createRedisHub } from './redis-hub';
export { createRedisPresence } from './redis-presence';
export { loadJournalDelivery, type ReplayedEvent, replayAfter } from './replay';
export { loadMessageSnapshots } from './snapshots';
