import fc from 'fast-check';

/** Ids the attacker does not own (another user's conversation, message, account), filled in by the suite. */
export interface ForeignIds {
  userId: number;
  conversationId: number;
  messageId: number;
}

/** Field names the doors read, so that hostile values land where a procedure looks, not only beside it. */
export const FIELDS = [
  'username',
  'email',
  'password',
  'first_name',
  'last_name',
  'conversation_id',
  'message_id',
  'user_id',
  'user_ids',
  'participants',
  'body',
  'message',
  'type',
  'msg_type',
  'media',
  'media_id',
  'profile',
  'client_message_id',
  'title',
  'query',
  'limit',
  'before',
  'after',
  'cursor',
  'muted',
  'receipt',
  'current_password',
  'new_password',
  'token',
  'lastEventId',
  'is_group',
  'stream',
] as const;

const DEEP = 200;

/** Strings that have broken parsers before: odd Unicode, control characters, huge, numeric-looking, bad base64. */
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uFEFF',
  '\u202E',
  'e\u0301',
  '👩‍👩‍👧‍👦'.repeat(500),
  'a'.repeat(70_000),
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999999',
  '0x10',
  '1,2,3,',
  'null',
  'true',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'data:image/png;base64,!!!not base64!!!',
  'data:image/png;base64,',
  'data:image/png;base64,iVBORw0KGgo=',
  'data:audio/webm;base64,====',
  'data:text/html;base64,PGgxPng8L2gxPg==',
  'data:;base64,AAAA',
  `{"a":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`,
);

function hugeNumbers(): fc.Arbitrary<number> {
  return fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    2 ** 31,
    2 ** 63,
    -1,
    0,
    -0,
    0.5,
    1e-300,
  );
}

/** A hostile scalar: wrong types, huge numbers, odd strings, and ids of what belongs to someone else. */
export function hostileScalar(foreign: ForeignIds): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    fc.double(),
    hugeNumbers(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    nastyStrings,
    fc.constantFrom(foreign.userId, foreign.conversationId, foreign.messageId),
    fc.constantFrom(String(foreign.conversationId), String(foreign.messageId)),
  );
}

/** Any JSON value built from hostile scalars, a few levels deep. */
export function hostileValue(foreign: ForeignIds): fc.Arbitrary<unknown> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileScalar(foreign),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
    ),
  }));
  return value;
}

/** A request body: usually an object of the doors' fields (and strangers), sometimes not an object at all. */
export function hostileBody(foreign: ForeignIds): fc.Arbitrary<unknown> {
  const field = fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 }), fc.constant('__proto__'));
  return fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(field, hostileValue(foreign), { maxKeys: 5 }) },
    { weight: 1, arbitrary: hostileValue(foreign) },
  );
}

/** Raw bodies that are not JSON a client should send. */
export const rawBodies = fc.constantFrom(
  '',
  '{',
  '{"a":}',
  'null',
  '[]',
  '"text"',
  '\u0000\u0001',
  `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`,
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  '{"conversation_id":1e999}',
  '{"__proto__":{"admin":true}}',
);

/** A path segment where an id goes. */
export function hostileSegment(foreign: ForeignIds): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('-1', '0', '1.5', 'abc', '1e309', '99999999999999999999', '%00', '%F0%28', 'null', '%20'),
    fc.constantFrom(String(foreign.conversationId), String(foreign.messageId), String(foreign.userId)),
    fc.integer().map(String),
  );
}
