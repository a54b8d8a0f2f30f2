import type { BucketRule } from './bucket';

/**
 * Every limited door, each a bucket per key (bucket.ts). The keys: a client address, an account (by its
 * lower-cased login name, so unknown names are limited too), a user id or a recipient's address.
 */
export interface RateLimitSettings {
  /** Sign-in attempts per client address, and per account name. */
  signInPerAddress: BucketRule | null;
  signInPerAccount: BucketRule | null;
  /**
   * Failed passwords per account name and per address: after `capacity` failures the next attempt waits, and each
   * further failure pushes it further away (the bucket goes below zero): a lockout that grows.
   */
  signInFailuresPerAccount: BucketRule | null;
  signInFailuresPerAddress: BucketRule | null;
  /** New accounts per client address. */
  signUpPerAddress: BucketRule | null;
  /** Messages sent over HTTP per user (socket frames have their own rate: WS_FRAMES_PER_SECOND). */
  sendsPerUser: BucketRule | null;
  /** Invitations per inviter, and invitation mails per recipient address (S14: no open relay). */
  invitationsPerUser: BucketRule | null;
  invitationsPerRecipient: BucketRule | null;
  /** Questions to the assistant per user. */
  assistantPerUser: BucketRule | null;
}

export type RateRuleName = keyof RateLimitSettings;

/** No limit anywhere (RATE_LIMITS=false; tests that measure something else). */
export const NO_RATE_LIMITS: RateLimitSettings = {
  signInPerAddress: null,
  signInPerAccount: null,
  signInFailuresPerAccount: null,
  signInFailuresPerAddress: null,
  signUpPerAddress: null,
  sendsPerUser: null,
  invitationsPerUser: null,
  invitationsPerRecipient: null,
  assistantPerUser: null,
};
