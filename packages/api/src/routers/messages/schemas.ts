import { messages } from '@chatapp/domain';
import { z } from 'zod';
import { cursorIdInput, idInput, pageSizeInput, requiredString } from '../../schemas/input';
import { messageId, messageSchema } from '../../schemas/message';
import { checkedByTypes } from '../../schemas/output';
import { isoTime } from '../../schemas/time';

const { MESSAGE_LIMITS } = messages;

export const listInput = z.strictObject({
  conversation_id: idInput,
  before: cursorIdInput.optional().describe('Only messages older than this id (page backwards)'),
  after: cursorIdInput
    .optional()
    .describe('Only messages newer than this id (page forwards; 0 = from the start)'),
  limit: pageSizeInput(MESSAGE_LIMITS.pageMax, MESSAGE_LIMITS.pageDefault),
});
export const listOutput = checkedByTypes(
  z
    .object({
      messages: z.array(messageSchema).describe('Oldest first'),
      has_more: z.boolean().describe('More messages exist beyond this page in the direction of travel'),
    })
    .meta({ id: 'MessagePage' }),
);

export const listRecentInput = z.strictObject({ conversation_id: idInput });
export const listRecentOutput = checkedByTypes(z.array(messageSchema));

export const sendInput = z
  .strictObject({
    conversation_id: idInput,
    type: z
      .enum(messages.MESSAGE_TYPES)
      .default('text')
      .describe('"image" and "audio" need `media_id` or `media`'),
    body: z
      .string()
      .default('')
      .describe(
        `The text (not blank), or the caption of an image or audio (may be empty); at most ${MESSAGE_LIMITS.body} characters`,
      ),
    media_id: idInput
      .optional()
      .describe('An upload of yours from `POST /media` that no message uses yet; its kind must match `type`'),
    media: z
      .string()
      .optional()
      .describe(
        'Alternatively the file itself, as base64 or a data URL (the content decides its format, not a declared type)',
      ),
    client_message_id: z
      .string()
      .max(MESSAGE_LIMITS.clientMessageId)
      .optional()
      .describe(
        'Your id for this message: a retry with the same id returns the first message and stores nothing',
      ),
  })
  .refine((input) => input.media_id === undefined || input.media === undefined, {
    message: 'Send either media_id or media, not both',
    path: ['media'],
  })
  .meta({ id: 'SendMessageInput' });
export const sendOutput = z
  .object({
    created: z.boolean().describe('False when this was a retry answered with the first message'),
    message: messageSchema,
  })
  .meta({ id: 'SentMessage' });

export const editInput = z
  .strictObject({
    message_id: idInput,
    body: requiredString().describe(`The new text; not blank, at most ${MESSAGE_LIMITS.body} characters`),
  })
  .meta({ id: 'EditMessageInput' });
export const messageOutput = messageSchema;

export const byIdInput = z.strictObject({ message_id: idInput });

export const editsOutput = z
  .object({
    message: messageSchema,
    edits: z
      .array(
        z.object({
          id: z.number().int().positive(),
          message_id: messageId,
          previous_body: z.string().describe('The body before this edit'),
          edited_at: isoTime,
        }),
      )
      .describe('Oldest first; empty for a deleted message'),
  })
  .meta({ id: 'EditHistory' });
