export { isAdministrator, requireAdministrator } from './admins';
export { hashPassword, verifyPassword } from './passwords';
export { isSearchedAddress, visibleEmail } from './privacy';
export { SEARCH_LIMITS, searchUsers, type UserSearch } from './search';
export {
  authenticate,
  changePassword,
  INVALID_CREDENTIALS,
  type IssuedToken,
  issueToken,
  type LoginInput,
  logIn,
  logOut,
  logOutEverywhere,
  type Session,
} from './sessions';
export type { ClientInfo } from './sign-in-limits';
export { hashToken, normalizeToken, parseAuthorization } from './tokens';
export { getUser, listOtherUsers, type ProfilePatch, type SignUpInput, signUp, updateProfile } from './users';
export { LIMITS } from './validation';
