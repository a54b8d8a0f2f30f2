import { createChatClient, TRPCClientError } from '@chatapp/client';
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { API_ORIGIN_HEADER, sessionSecret } from './env';

/** Our opaque API token lives as long as this (sliding on the server); the cookie need not outlive it. */
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

function headerValue(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value: unknown = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
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
        const { api } = createChatClient({ url: origin });
        const who = identifier.includes('@') ? { email: identifier } : { username: identifier };
        try {
          const issued = await api.auth.logIn.mutate({ ...who, password });
          return { id: String(issued.id), apiToken: issued.token };
        } catch (error) {
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
