import { afterAll, beforeAll } from 'vitest';
import { createUser, type TestUser } from './accounts';
import { client, type TestClient } from './http';
import { startTestServer, type TestServer } from './server';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from './smtp-sink';
import { eventually } from './sockets';

/** A server that mails through a real SMTP server on loopback, with its first account (the admin) and an inviter. */
export interface InvitationServer {
  sink: SmtpSink;
  server: TestServer;
  api: TestClient;
  /** The first account: an administrator of the mail queue. */
  admin: TestUser;
  /** An account named "Zoe O'Neil" (a character HTML must escape). */
  inviter: TestUser;
  /** The first mail to `address`, once it has arrived. */
  mailTo(address: string): Promise<ReceivedMail>;
}

/** The token of an invitation link. */
export const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

/**
 * One such server for the calling file: started before its tests, closed after them; its parts are read through
 * the returned object once it has started. Invitations are limited to 8 an hour per caller; the mail worker polls and
 * retries every 100 ms.
 */
export function sharedInvitationServer(): InvitationServer {
  let running: InvitationServer | undefined;
  let sink: SmtpSink | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer({
      SMTP_URL: sink.url,
      MAIL_PRODUCT_NAME: 'ChatApp',
      MAIL_POLL_MS: '100',
      MAIL_RETRY_BASE_MS: '100',
      INVITES_PER_HOUR: '8',
      ADMIN_USERNAMES: 'Mail.Admin, someone_else',
    });
    const api = client(server.baseUrl);
    const admin = await createUser(api);
    const inviter = await createUser(api);
    const named = await api.put(
      '/update/',
      { first_name: 'Zoe', last_name: "O'Neil" },
      { token: inviter.token },
    );
    if (named.status !== 200) throw new Error(`update failed: ${JSON.stringify(named.body)}`);
    const received = sink;
    running = {
      sink,
      server,
      api,
      admin,
      inviter,
      async mailTo(address) {
        await eventually(() => received.received.some((mail) => mail.to.includes(address)), 5_000);
        const mail = received.received.find((m) => m.to.includes(address));
        if (!mail) throw new Error(`no mail to ${address}`);
        return mail;
      },
    };
  });
  afterAll(async () => {
    await server?.close();
    await sink?.stop();
  });
  const current = () => {
    if (!running) throw new Error('the invitation server has not started');
    return running;
  };
  return {
    get sink() {
      return current().sink;
    },
    get server() {
      return current().server;
    },
    get api() {
      return current().api;
    },
    get admin() {
      return current().admin;
    },
    get inviter() {
      return current().inviter;
    },
    mailTo: (address) => current().mailTo(address),
  };
}
