import type { DomainDeps } from '../deps';
import { invalid } from '../errors';
import { sendMessage } from '../messages/send';
import { MESSAGE_LIMITS, type MessageView } from '../model/message';
import { unansweredRepeat } from './asked-again';
import { requireOwnAssistantConversation } from './conversation';
import { historyTurns } from './history';
import type { ReplyJob } from './reply-job';

export interface AssistantQuestion {
  message: string;
  /** The chat the client believes is the user's (legacy clients send it); checked, never trusted. */
  conversationId?: number | undefined;
}

/** How the reply is asked of the model: streamed as it is written, or in one answer. */
export type ReplyMode = 'stream' | 'whole';

export interface AskedQuestion {
  conversationId: number;
  /** The user's question, stored as an ordinary message of the chat. */
  question: MessageView;
  /** The reply being written: listen to it, or wait for `done`. */
  reply: ReplyJob;
}

/**
 * Asks the assistant in the user's chat. The question is refused before anything is stored when the assistant is not
 * configured (503), is blank or too long (400), or comes too fast (429). Otherwise it is stored, and the reply is
 * started with the chat's recent history; the reply runs to its end on its own and is stored when complete. If the
 * model fails, the question stays and no reply is stored (C41); asking it again right away reuses it
 * (`unansweredRepeat`).
 */
export async function askAssistant(
  deps: DomainDeps,
  userId: number,
  input: AssistantQuestion,
  mode: ReplyMode,
): Promise<AskedQuestion> {
  const assistant = deps.runtime.assistant;
  const { model, settings } = assistant.requireModel();
  const text = requireQuestion(input.message);
  const chat = await requireOwnAssistantConversation(deps, userId, input.conversationId);
  await deps.runtime.rateLimits.take('assistantPerUser', userId, deps.now());

  const { conversationId, assistantId } = chat;
  const question =
    (await unansweredRepeat(deps, conversationId, userId, text)) ??
    (await sendMessage(deps, userId, { conversationId, content: { type: 'text', body: text } })).message;
  const turns = await historyTurns(
    deps,
    conversationId,
    assistantId,
    settings.systemPrompt,
    settings.history,
  );
  const reply = assistant.startReply(
    conversationId,
    mode === 'stream'
      ? (signal) => model.stream(turns, { signal })
      : async function* (signal) {
          yield await model.complete(turns, { signal });
        },
    async (body) =>
      (await sendMessage(deps, assistantId, { conversationId, content: { type: 'text', body } })).message,
  );
  return { conversationId, question, reply };
}

/** The question as it is stored: trimmed (as the legacy service did), not blank, within a message's length. */
function requireQuestion(message: string): string {
  const text = message.trim();
  if (text === '') throw invalid('Message cannot be empty');
  if (text.length > MESSAGE_LIMITS.body) {
    throw invalid(`Message must be at most ${MESSAGE_LIMITS.body} characters long`);
  }
  return text;
}
