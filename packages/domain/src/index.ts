export * as accounts from './accounts';
export type { DomainDeps, DomainSettings } from './deps';
export { conflict, DomainError, type DomainErrorKind, forbidden, invalid, notFound, unauthorized } from './errors';
