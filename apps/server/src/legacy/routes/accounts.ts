import type { schemas } from '@chatapp/api';
import { z } from 'zod';
import { optional, text } from '../fields';
import { defineRoute } from '../route';
import { legacyTime } from '../timestamps';

type Account = schemas.AccountDto;

const offsetTime = z.string().describe('e.g. 2026-11-24T11:09:27.053000+00:00');

const accountData = z.object({
  id: z.number().int(),
  username: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  profile: z.string().nullable(),
  created_at: offsetTime,
  updated_at: offsetTime,
});

function accountView(account: Account) {
  return {
    id: account.id,
    username: account.username,
    email: account.email,
    first_name: account.first_name,
    last_name: account.last_name,
    profile: account.profile,
    created_at: legacyTime(account.created_at, 'offset'),
    updated_at: legacyTime(account.updated_at, 'offset'),
  };
}

const signUpRequest = z.object({
  username: z.string(),
  email: z.string(),
  password: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
});

export const accountRoutes = [
  defineRoute({
    method: 'POST',
    path: '/signup/',
    auth: false,
    tag: 'Legacy: Authentication',
    summary: 'Sign up (legacy). 201 with the new account; 400 lists what is wrong.',
    errors: 'message',
    toInput: (body) => ({
      username: text(body, 'username'),
      email: text(body, 'email'),
      password: text(body, 'password'),
      first_name: optional(body, 'first_name'),
      last_name: optional(body, 'last_name'),
    }),
    call: (caller, input) => caller.auth.signUp(input),
    status: 201,
    message: 'User registered successfully',
    toData: (account) => {
      const { profile: _profile, ...rest } = accountView(account);
      return rest;
    },
    docs: { request: signUpRequest, data: accountData.omit({ profile: true }) },
  }),

  defineRoute({
    method: 'POST',
    path: '/login/',
    auth: false,
    tag: 'Legacy: Authentication',
    summary: 'Log in by username (preferred when non-empty) or email. Every login issues a new token.',
    errors: 'message',
    toInput: (body) => ({
      username: optional(body, 'username'),
      email: optional(body, 'email'),
      password: text(body, 'password'),
    }),
    call: (caller, input) => caller.auth.logIn(input),
    status: 200,
    message: 'Login successful',
    toData: (result) => ({ id: result.id, token: result.token }),
    docs: {
      request: z.object({
        username: z.string().optional(),
        email: z.string().optional(),
        password: z.string(),
      }),
      data: z.object({ id: z.number().int(), token: z.string() }),
    },
  }),

  defineRoute({
    method: 'GET',
    path: '/get/',
    auth: true,
    tag: 'Legacy: User',
    summary: 'The current user, with the token used for this request.',
    errors: 'error',
    toInput: () => undefined,
    call: (caller) => caller.users.me(),
    status: 200,
    message: 'User fetched successfully',
    // The legacy body echoed the (single, stored) token; ours are per device, so it is the one presented.
    toData: (account, request) => {
      const { created_at, updated_at, ...rest } = accountView(account);
      return { ...rest, token: request.token, created_at, updated_at };
    },
    docs: { data: accountData.extend({ token: z.string() }) },
  }),

  defineRoute({
    method: 'PUT',
    path: '/update/',
    auth: true,
    tag: 'Legacy: User',
    summary:
      'Update the current user. Keys that are present are validated and saved; an empty password is ignored. A `profile` image replaces the old picture.',
    errors: 'message',
    parseErrors: 'drf',
    toInput: (body) => {
      const patch: Record<string, unknown> = {};
      for (const key of ['username', 'email', 'first_name', 'last_name'] as const) {
        if (key in body) patch[key] = text(body, key);
      }
      // The legacy view kept the old password when the value was falsy.
      if (body.password) patch.password = body.password;
      // A present key counts, whatever its value: `null` or bad base64 is refused (400), never stored (C24).
      if ('profile' in body) patch.profile = body.profile;
      return patch;
    },
    call: (caller, input) => caller.users.updateMe(input),
    status: 200,
    message: 'User updated successfully',
    toData: (account) => accountView(account),
    docs: {
      request: z.object({
        username: z.string().optional(),
        email: z.string().optional(),
        first_name: z.string().optional(),
        last_name: z.string().optional(),
        password: z.string().optional(),
        profile: z
          .string()
          .optional()
          .describe('A new picture: base64 or a data URL of a JPEG, PNG, WebP or GIF; stored square-cropped'),
      }),
      data: accountData,
    },
  }),

  defineRoute({
    method: 'GET',
    path: '/fetchAllUsers/',
    auth: true,
    tag: 'Legacy: User',
    summary: 'Every user except the caller.',
    errors: 'error',
    toInput: () => undefined,
    call: (caller) => caller.users.list(),
    status: 200,
    message: 'All users',
    toData: (users) => users,
    docs: {
      data: z.array(
        z.object({
          id: z.number().int(),
          username: z.string(),
          first_name: z.string(),
          last_name: z.string(),
          profile: z.string().nullable(),
          email: z.string(),
        }),
      ),
    },
  }),
];
