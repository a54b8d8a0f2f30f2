/**
 * The rate limits of test servers, explicit: suites sign up and sign in dozens of users from 127.0.0.1 within
 * seconds and send over HTTP in loops, which the production defaults rightly refuse. Per-address and per-user
 * send limits are lifted here; the assistant's and the invitations' limits keep their defaults (their suites test
 * them), and the rate-limit suites set what they test. Overrides passed to a server win over these.
 */
export const TEST_RATE_LIMITS: Record<string, string> = {
  LOGIN_PER_ADDRESS_PER_MINUTE: '100000',
  LOGIN_PER_ACCOUNT_PER_MINUTE: '100000',
  LOGIN_FAILURES_BEFORE_LOCKOUT: '1000',
  SIGNUP_PER_ADDRESS_PER_HOUR: '100000',
  SENDS_PER_USER_PER_MINUTE: '100000',
};
