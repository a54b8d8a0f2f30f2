/**
 * next-auth's settings, handed over by the server process that mounts this app (apps/server/src/web/auth-env.ts
 * validates them and exports them before Next starts).
 */
export const sessionSecret = (): string | undefined => process.env.NEXTAUTH_SECRET;

/** The request header on which our server stamps its own address, so sign-in can call the login procedure. */
export const API_ORIGIN_HEADER = 'x-chatapp-api-origin';

/**
 * The browser's address as our server read it, stamped on the request like the origin; sign-in names it to the API
 * with the mount's key (CHATAPP_WEB_KEY, handed over like the secret), so sign-ins are limited per browser address.
 */
export const CLIENT_ADDRESS_HEADER = 'x-chatapp-client-address';
export const WEB_KEY_HEADER = 'x-chatapp-web-key';
export const webKey = (): string | undefined => process.env.CHATAPP_WEB_KEY;

/** What authorize throws when the API refuses for too many attempts; the sign-in form words it. */
export const TOO_MANY_ATTEMPTS = 'TooManyAttempts';
