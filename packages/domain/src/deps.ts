import type { Database } from '@chatapp/db';
import type { Kysely } from 'kysely';
import type { MediaDeps } from './media/types';
import type { RealtimeDeps } from './realtime/deps';

/** What domain services need from the outside world; transports build one per process. */
export interface DomainDeps {
  db: Kysely<Database>;
  /** Epoch milliseconds; injectable so expiry can be tested without waiting. */
  now: () => number;
  settings: DomainSettings;
  /** Fan-out and presence (in-process, or shared through Redis). */
  realtime: RealtimeDeps;
  /** Where media files are stored, and the limits uploads are checked against. */
  media: MediaDeps;
}

export interface DomainSettings {
  /** Sliding lifetime of a login token. */
  tokenTtlMs: number;
  /** log2 of scrypt's N for new password hashes. */
  scryptLogN: number;
}
