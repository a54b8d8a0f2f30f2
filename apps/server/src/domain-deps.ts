import type { Env } from '@chatapp/config';
import type { DatabaseHandle } from '@chatapp/db';
import { type DomainDeps, type DomainRuntime, media } from '@chatapp/domain';
import { mailSettingsFrom } from './mail/wiring';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The domain's dependencies from the environment: the server and the mail worker (worker.ts) build them alike. */
export function domainDeps(env: Env, database: DatabaseHandle, runtime: DomainRuntime): DomainDeps {
  return {
    db: database.db,
    now: Date.now,
    settings: {
      tokenTtlMs: env.TOKEN_TTL_DAYS * DAY_MS,
      scryptLogN: env.SCRYPT_LOG_N,
      legacyShowsEmails: env.LEGACY_SHOW_EMAILS,
    },
    runtime,
    mail: mailSettingsFrom(env),
    media: {
      storage: new media.LocalDiskStorage(env.MEDIA_ROOT),
      limits: {
        maxImageBytes: env.MEDIA_MAX_IMAGE_BYTES,
        maxAudioBytes: env.MEDIA_MAX_AUDIO_BYTES,
        maxImagePixels: env.MEDIA_MAX_IMAGE_PIXELS,
      },
    },
  };
}
