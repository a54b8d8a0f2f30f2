export {
  type AcceptInvitationInput,
  acceptInvitation,
  describeInvitation,
  LINK_NOT_VALID,
} from './accept';
export { displayName, inviteByEmail } from './invite';
export { INVITATION_PAGE_PATH, invitationLink } from './links';
