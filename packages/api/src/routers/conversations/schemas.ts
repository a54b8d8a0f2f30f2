import { conversations } from '@chatapp/domain';
import { z } from 'zod';
import { conversationSchema } from '../../schemas/conversation';
import { idInput, idListInput, pageSizeInput } from '../../schemas/input';
import { conversationId, messageId } from '../../schemas/message';
import { checkedByTypes, validatedSynchronously } from '../../schemas/output';
import { userId } from '../../schemas/user';

const { CONVERSATION_LIMITS } = conversations;

const title = z
  .string()
  .optional()
  .describe(`At most ${CONVERSATION_LIMITS.title} characters; "${conversations.DEFAULT_TITLE}" when empty`);

export const listInput = z
  .strictObject({
    limit: pageSizeInput(CONVERSATION_LIMITS.pageMax, CONVERSATION_LIMITS.pageDefault),
    cursor: z.string().optional().describe('`next_cursor` of the previous page'),
  })
  .optional();
export const listOutput = checkedByTypes(
  z
    .object({
      conversations: z.array(conversationSchema).describe('Most recent activity first'),
      next_cursor: z
        .string()
        .nullable()
        .describe('Pass as `cursor` for the next page; null on the last page'),
    })
    .meta({ id: 'ConversationPage' }),
);

export const byIdInput = z.strictObject({ conversation_id: idInput });
export const conversationOutput = validatedSynchronously(conversationSchema);

export const openDirectInput = z
  .strictObject({
    user_id: idInput.describe('The other user (not yourself)'),
    title: title.describe('Stored only when the conversation is created'),
  })
  .meta({ id: 'OpenDirectInput' });
export const openDirectOutput = z
  .object({
    created: z.boolean().describe('False when the pair already had its conversation'),
    conversation: conversationSchema,
  })
  .meta({ id: 'OpenedConversation' });

export const createGroupInput = z
  .strictObject({
    title,
    user_ids: idListInput
      .min(1)
      .max(CONVERSATION_LIMITS.groupMembers)
      .describe('The members besides you (you are added); duplicates are ignored, every id must exist'),
  })
  .meta({ id: 'CreateGroupInput' });

export const addMembersInput = z.strictObject({ conversation_id: idInput, user_ids: idListInput.min(1) });
export const addMembersOutput = z
  .object({
    conversation: conversationSchema,
    added_user_ids: z.array(userId).describe('Users who were not members yet'),
  })
  .meta({ id: 'MembersAdded' });

export const removeMemberInput = z.strictObject({ conversation_id: idInput, user_id: idInput });
export const removeMemberOutput = z
  .object({
    conversation_id: conversationId,
    user_id: userId,
    conversation: conversationSchema.nullable().describe('As you now see it; null when you left'),
  })
  .meta({ id: 'MemberRemoved' });

export const leaveInput = byIdInput;
export const leaveOutput = z.object({ conversation_id: conversationId, user_id: userId });

export const markReadInput = z.strictObject({
  conversation_id: idInput,
  message_id: idInput.describe('A message of this conversation; the read mark never moves backwards'),
});
export const markReadOutput = z
  .object({
    conversation_id: conversationId,
    last_read_message_id: messageId.nullable(),
    unread_count: z.number().int().nonnegative(),
  })
  .meta({ id: 'ReadState' });

export const receiptsInput = byIdInput;
export const receiptsOutput = z
  .object({
    conversation_id: conversationId,
    members: z
      .array(
        z.object({
          user_id: userId,
          last_read_message_id: messageId.nullable().describe('Read up to this message; null before any'),
          last_delivered_message_id: messageId
            .nullable()
            .describe("Received on the member's devices up to this message; null before any ack"),
        }),
      )
      .describe(
        "Every member, in the order of the conversation's `members`; `receipt` events on the stream move these marks",
      ),
  })
  .meta({ id: 'ConversationReceipts' });

export const setMutedInput = z
  .strictObject({
    conversation_id: idInput,
    muted: z.boolean().describe('true mutes the conversation for you, false unmutes it'),
  })
  .meta({ id: 'SetMutedInput' });
