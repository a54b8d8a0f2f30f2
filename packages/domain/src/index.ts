export * as accounts from './accounts';
export * as assistant from './assistant';
export * as conversations from './conversations';
export type { DomainDeps, DomainRuntime, DomainSettings, RuntimeWorker } from './deps';
export {
  conflict,
  DomainError,
  type DomainErrorKind,
  forbidden,
  invalid,
  notFound,
  storageUnavailable,
  unauthorized,
} from './errors';
export * as events from './events';
export * as invitations from './invitations';
export * as limits from './limits';
export * as mail from './mail';
export * as media from './media';
export * as messages from './messages';
export * as realtime from './realtime';
export { createRuntime, type RuntimeParts } from './runtime';
