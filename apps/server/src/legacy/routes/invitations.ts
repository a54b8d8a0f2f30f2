import { z } from 'zod';
import { text } from '../fields';
import { defineRoute } from '../route';

export const invitationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/addbyemail/',
    // The legacy view took anyone (S12); the legacy client already sends its token.
    auth: true,
    tag: 'Legacy: User',
    summary:
      'Invite an address (legacy): 201 `{email}`; 400 "Email is required" or an invalid address; 409 when the address has an account; 429 over the rate limits. The invitee is mailed a one-time link to choose a password. A `password` field is ignored: no password is chosen for anyone (S13, S30).',
    errors: 'message',
    conflictStatus: 409,
    toInput: (body) => ({ email: text(body, 'email') }),
    call: (caller, input) => caller.invitations.create(input),
    status: 201,
    message: 'User registered successfully',
    toData: (invited) => ({ email: invited.email }),
    docs: {
      request: z.object({ email: z.string() }),
      data: z.object({ email: z.string() }),
    },
  }),
];
