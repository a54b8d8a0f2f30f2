export * from './conversation';
export * from './input';
export * from './media';
export * from './message';
export * from './stream-event';
export * from './time';
export * from './user';
