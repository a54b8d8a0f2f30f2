// The event-agnostic machinery: publishing, in-order delivery, local fan-out and presence counting, in-process or
// through Redis. It knows nothing of the domain's events (see ../events): every type is generic over the event.
export {
  type Delivery,
  type DeliveryListener,
  type DeliveryObserver,
  LocalFanout,
  SharedFrames,
} from './fanout';
export { createLocalHub, type HubOrdering, type RealtimeHub } from './hub';
export { InOrderDelivery } from './ordering';
export { createLocalPresence, type PresenceTracker } from './presence';
export { type PresenceHold, PresenceHolds } from './presence-holds';
export { createRedisHub } from './redis-hub';
export { createRedisPresence } from './redis-presence';
