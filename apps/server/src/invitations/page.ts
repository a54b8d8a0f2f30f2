import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiContext, createCaller, describeInputError } from '@chatapp/api';
import { invitations } from '@chatapp/domain';
import { TRPCError } from '@trpc/server';
import { BodyError, readObjectBody } from '../http/body';
import { escapeHtml, sendHtmlPage } from './html';

/** The set-a-password page an invitation's link opens (the mailed link: invitations.invitationLink). */
export const INVITATION_PAGE_PATH = invitations.INVITATION_PAGE_PATH;

/** Form fields are small; anything larger is not a person filling in this form. */
const FORM_LIMIT_BYTES = 16 * 1024;

export interface InvitationPageOptions {
  /** Whether the web UI is mounted: the success page then links to its sign-in page. */
  webSignInPath: string | null;
  productName: string;
}

/**
 * A plain server-rendered page for servers without the web UI (with it, dispatch.ts leaves this path to the UI's
 * own page, which can also sign the invitee in): GET shows whose link it is and a form; the form
 * posts back here, and the page calls the same procedure as the API (`invitations.accept`), which sets the
 * password, uses up the link and signs the account in. The web UI keeps its session in its own cookie, which
 * this page cannot create, so on success it says the password is set and links to the UI's sign-in page.
 */
export function createInvitationPage(options: InvitationPageOptions) {
  return async (req: IncomingMessage, res: ServerResponse, ctx: ApiContext): Promise<void> => {
    const caller = createCaller(ctx);
    if (req.method === 'GET' || req.method === 'HEAD') {
      const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
      try {
        const link = await caller.invitations.describe({ token });
        sendHtmlPage(res, 200, `Welcome to ${options.productName}`, form(token, link.email, null));
      } catch (error) {
        sendHtmlPage(res, 400, 'This link cannot be used', invalidLink(failureText(error)));
      }
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, HEAD, POST', 'Content-Length': '0' });
      res.end();
      return;
    }
    let fields: Record<string, unknown>;
    try {
      fields = await readObjectBody(req, FORM_LIMIT_BYTES);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      sendHtmlPage(
        res,
        error.reason === 'too_large' ? 413 : 400,
        'This form could not be read',
        `<p>${escapeHtml(error.message)}</p>`,
      );
      return;
    }
    const token = typeof fields.token === 'string' ? fields.token : '';
    const password = typeof fields.password === 'string' ? fields.password : '';
    const confirmation = typeof fields.confirm_password === 'string' ? fields.confirm_password : '';
    // The address is shown again only if the link is still usable (never from the form).
    const emailOf = async () =>
      (await caller.invitations.describe({ token }).catch(() => null))?.email ?? null;
    if (password !== confirmation) {
      const email = await emailOf();
      if (email === null)
        return sendHtmlPage(res, 400, 'This link cannot be used', invalidLink(invitations.LINK_NOT_VALID));
      return sendHtmlPage(
        res,
        400,
        `Welcome to ${options.productName}`,
        form(token, email, 'The two passwords differ'),
      );
    }
    try {
      await caller.invitations.accept({ token, password });
    } catch (error) {
      const message = failureText(error);
      const email = await emailOf();
      if (email === null) return sendHtmlPage(res, 400, 'This link cannot be used', invalidLink(message));
      return sendHtmlPage(res, 400, `Welcome to ${options.productName}`, form(token, email, message));
    }
    sendHtmlPage(res, 200, 'Your password is set', signedUp(options));
  };
}

function form(token: string, email: string, error: string | null): string {
  return `<p>Choose a password for <strong>${escapeHtml(email)}</strong>.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label>Password
<input type="password" name="password" autocomplete="new-password" required minlength="8" maxlength="128" autofocus>
</label>
<label>Password again
<input type="password" name="confirm_password" autocomplete="new-password" required minlength="8" maxlength="128">
</label>
<p class="muted">At least 8 characters, with an upper-case letter, a lower-case letter, a digit and a symbol.</p>
<button type="submit">Set my password</button>
</form>`;
}

function invalidLink(message: string): string {
  return `<p>${escapeHtml(message)}.</p><p class="muted">Ask the person who invited you to invite you again.</p>`;
}

function signedUp(options: InvitationPageOptions): string {
  const next = options.webSignInPath
    ? `<p><a class="button" href="${escapeHtml(options.webSignInPath)}">Sign in</a></p>`
    : '<p>You can now sign in with your address and this password.</p>';
  return `<p>You can sign in to ${escapeHtml(options.productName)} with your address and your new password. This link no longer works.</p>${next}`;
}

/** A procedure's failure as a person should read it; unexpected failures are not described. */
function failureText(error: unknown): string {
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
    return (error.code === 'BAD_REQUEST' && describeInputError(error.cause)) || error.message;
  }
  throw error;
}
