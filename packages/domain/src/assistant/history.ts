import type { DomainDeps } from '../deps';
import { MESSAGE_STATUS } from '../model/message';
import type { ChatTurn } from './model-client';
import type { HistoryBudget } from './settings';

/**
 * What the model is sent: the system prompt, then the chat's recent text messages, oldest first (C40). Newest
 * first, messages are taken until either bound of the budget would be passed; the newest (the question) is always
 * sent. Deleted messages and media are left out.
 */
export async function historyTurns(
  deps: DomainDeps,
  conversationId: number,
  assistantId: number,
  systemPrompt: string,
  budget: HistoryBudget,
): Promise<ChatTurn[]> {
  const rows = await deps.db
    .selectFrom('messages')
    .select(['sender_id', 'body'])
    .where('conversation_id', '=', conversationId)
    .where('status', '=', MESSAGE_STATUS.active)
    .where('type', '=', 'text')
    .orderBy('id', 'desc')
    .limit(budget.maxMessages)
    .execute();
  const turns: ChatTurn[] = [];
  let chars = 0;
  for (const row of rows) {
    chars += row.body.length;
    if (turns.length > 0 && chars > budget.maxChars) break;
    turns.push({ role: row.sender_id === assistantId ? 'assistant' : 'user', content: row.body });
  }
  return [{ role: 'system', content: systemPrompt }, ...turns.reverse()];
}
