/**
 * The description of every v1 operation, by "METHOD path" (the summary says what; this says how it behaves). Kept
 * here, beside the document that shows them, rather than in the procedures' meta, which the API team edits;
 * test/docs.documents.test.ts fails when an operation has none, so a new one cannot go undocumented.
 */
export const v1Descriptions: Record<string, string> = {
  'POST /auth/signup':
    'No token needed. Usernames and emails are unique case-insensitively (409 when taken). Sends a welcome mail. Log in afterwards for a token.',
  'POST /auth/login':
    'Send `username` or `email` with the password. Each login issues its own token (one per device), valid for TOKEN_TTL_DAYS after its last use. Wrong password and unknown account answer the same 401; repeated failures are rate-limited (429).',
  'POST /auth/logout': 'Revokes only the token of this request; open sockets using it are closed with 4001.',
  'POST /auth/logout-all': 'Revokes every token of the account, this one included, and closes their sockets.',
  'POST /auth/password':
    'Needs the current password. Every other token is revoked; the token of this request stays valid.',
  'GET /users/me': 'Your account: id, username, names, email and profile picture.',
  'PATCH /users/me':
    'Send only the fields to change. A new username or email must be free (409); `profile` takes a data URL image, re-encoded square, or null to remove it.',
  'GET /users': 'Everyone but you, for a people picker; prefer `/users/search` on large servers.',
  'GET /users/search':
    'Case-insensitive match on username, first and last name; you are never in the result.',
  'GET /users/presence':
    'Only users who share a conversation with you. Live changes come as `presence` events (see /asyncapi.json).',
  'GET /conversations':
    'Paged by `cursor`; each conversation has its members, last message and your unread count. Live changes: `conversation.changed` and message events.',
  'GET /conversations/{conversation_id}':
    'A conversation you are not a member of answers 404, like a missing one.',
  'POST /conversations/direct':
    'Idempotent: returns the existing one-to-one chat with that user, or creates it (`created: true`). Concurrent calls create one.',
  'POST /conversations/groups':
    'You become a member and the creator; `user_ids` are the others (each must exist).',
  'POST /conversations/{conversation_id}/members':
    'Groups only; you must be a member. The new members see the whole history; everyone receives `conversation.changed`.',
  'DELETE /conversations/{conversation_id}/members/{user_id}':
    'Groups only. The creator may remove anyone; others may remove only themselves (403 otherwise).',
  'POST /conversations/{conversation_id}/leave': 'Groups only; you stop receiving its events at once.',
  'POST /conversations/{conversation_id}/read':
    'Marks read up to `message_id` (never backwards); the other members receive a `read` receipt.',
  'GET /conversations/{conversation_id}/receipts':
    "Each member's last read and delivered message ids, to draw ticks; live changes come as `receipt` events.",
  'PUT /conversations/{conversation_id}/muted':
    'Only for you: the other members see no change. Your other devices receive `conversation.changed`.',
  'GET /conversations/{conversation_id}/messages':
    'Newest page by default; `before` or `after` a message id pages backwards or forwards, `has_more` says whether to go on. Deleted messages keep their place with an empty body.',
  'POST /conversations/{conversation_id}/messages':
    'Text, or an image or audio as a data URL (or a `media_id` from `POST /api/v1/media`). Retrying with the same `client_message_id` returns the stored message instead of sending twice. Every member, you included, receives `message.created`.',
  'GET /conversations/{conversation_id}/messages/recent':
    'For clients that do not page: the newest messages, oldest first, capped.',
  'PATCH /messages/{message_id}':
    'Only your own text messages (403 otherwise), not deleted ones (409). Members receive `message.edited`.',
  'DELETE /messages/{message_id}':
    'Only your own. The message keeps its place with an empty body; members receive `message.deleted`.',
  'GET /messages/{message_id}/edits': 'Oldest first; empty for a message never edited or once deleted.',
  'POST /conversations/{conversation_id}/typing':
    'Call again every few seconds while typing; the indicator expires by itself (`expires_at`).',
  'POST /conversations/{conversation_id}/delivered':
    'For group messages; the server acknowledges one-to-one messages itself. The sender receives a `delivered` receipt.',
  'GET /assistant':
    '`configured: false` when the server has no model; asking then answers 503. The chat is an ordinary one-to-one conversation with the assistant account.',
  'POST /assistant/messages':
    'Stores your question, waits for the model and stores its reply. 429 when asked too fast, 502 or 504 when the model fails or is too slow (the question stays stored). With `Accept: text/event-stream`, streams the reply as it is written.',
  'POST /invitations':
    'Creates the account (no password) and mails a one-time link; an address already registered answers 409. Rate-limited (429).',
  'GET /invitations/link': 'No token needed: the link itself is the credential. 404 once used or expired.',
  'POST /invitations/accept':
    'No token needed. Sets the password, consumes the link and returns a login token.',
  'GET /admin/mail': 'For accounts named in ADMIN_USERNAMES (403 for others). Read-only.',
};
