import { createChatClient, TRPCClientError } from '@chatapp/client';
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import {
  API_ORIGIN_HEADER,
  CLIENT_ADDRESS_HEADER,
  sessionSecret,
  TOO_MANY_ATTEMPTS,
  WEB_KEY_HEADER,
  webKey,
} from './env';

/** Our opaque API token lives as long as this (sliding on the server); the cookie need not outlive it. */
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value: unknown = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The browser's address, named to the API with the mount's key, so that sign-ins are limited per address. */
function forwardedAddress(headers: unknown): Record<string, string> {
  const address = headerValue(headers, CLIENT_ADDRESS_HEADER);
  const key = webKey();
  return address && key ? { [CLIENT_ADDRESS_HEADER]: address, [WEB_KEY_HEADER]: key } : {};
}

/**
 * Sessions for the web UI. Sign-in calls the same `auth.logIn` procedure as every other client, through the typed
 * client, and keeps the opaque token it returns inside the (encrypted) session cookie; the browser's API calls
 * and its socket send that token, so there is one kind of credential for every door.
 */
export const authOptions: NextAuthOptions = {
  secret: sessionSecret(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'ChatApp',
      credentials: {
        identifier: { label: 'Username or email', type: 'text' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req): Promise<User | null> {
        const identifier = credentials?.identifier?.trim() ?? '';
        const password = credentials?.password ?? '';
        const origin = headerValue(req.headers, API_ORIGIN_HEADER);
        if (!identifier || !password || !origin) return null;
        const { api } = createChatClient({ url: origin, headers: forwardedAddress(req.headers) });
        const who = identifier.includes('@') ? { email: identifier } : { username: identifier };
        try {
          const issued = await api.auth.logIn.mutate({ ...who, password });
          return { id: String(issued.id), apiToken: issued.token };
        } catch (error) {
          // A refusal for too many attempts is not a wrong password: next-auth hands the thrown message to the form.
          if (error instanceof TRPCClientError && error.data?.code === 'TOO_MANY_REQUESTS')
            throw new Error(TOO_MANY_ATTEMPTS);
          // A wrong password is a 401 from the API: next-auth answers the browser 401 "CredentialsSignin".
          if (error instanceof TRPCClientError) return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.apiToken = user.apiToken;
        token.userId = Number(user.id);
      }
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, apiToken: token.apiToken, userId: token.userId };
    },
  },
};
