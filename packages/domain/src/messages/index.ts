export {
  MESSAGE_LIMITS,
  MESSAGE_NOT_FOUND,
  MESSAGE_STATUS,
  MESSAGE_TYPES,
  type MessageStatus,
  type MessageType,
  type MessageView,
  type SenderSummary,
} from '../model/message';
export { DELETE_ERRORS, deleteMessage } from './delete';
export { EDIT_ERRORS, editMessage } from './edit';
export { type EditHistory, listEdits, type MessageEdit } from './edits';
export { type HistoryQuery, listMessages, listRecentMessages, type MessagePage } from './history';
export {
  type MediaSource,
  type MessageContent,
  type SendMessageInput,
  type SentMessage,
  sendMessage,
} from './send';
export { admitHttpSend } from './send-limit';
