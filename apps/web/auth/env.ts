/**
 * next-auth's settings, handed over by the server process that mounts this app (apps/server/src/web/auth-env.ts
 * validates them and exports them before Next starts).
 */
export const sessionSecret = (): string | undefined => process.env.NEXTAUTH_SECRET;

/** The request header on which our server stamps its own address, so sign-in can call the login procedure. */
export const API_ORIGIN_HEADER = 'x-chatapp-api-origin';
