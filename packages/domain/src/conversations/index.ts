export { type Membership, requireMember } from './access';
export { acknowledgeDelivery, markDelivered } from './delivery';
export { directKey, type OpenedConversation, openDirect } from './direct';
export { createGroup, type NewGroup } from './groups';
export { type ConversationListQuery, getConversation, listConversations } from './list';
export { addMembers, leaveGroup, type MemberRemoved, type MembersAdded, removeMember } from './members';
export { setMuted } from './mute';
export { markRead, type ReadState } from './read-state';
export { type MemberMarks, receiptMarks } from './receipts';
export {
  CONVERSATION_LIMITS,
  CONVERSATION_NOT_FOUND,
  type ConversationPage,
  type ConversationView,
  DEFAULT_TITLE,
  type MemberSummary,
} from './types';
