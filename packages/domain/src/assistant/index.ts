export { type AskedQuestion, type AssistantQuestion, askAssistant, type ReplyMode } from './ask';
export { AssistantRuntime } from './assistant-runtime';
export {
  ASSISTANT_CONVERSATION_NOT_FOUND,
  type AssistantConversation,
  openAssistantConversation,
  requireOwnAssistantConversation,
} from './conversation';
export { greetingFor } from './greeting';
export { apiBaseUrl } from './model-client';
export type { ReplyEvent, ReplyJob } from './reply-job';
export type { AssistantSettings, HistoryBudget } from './settings';
