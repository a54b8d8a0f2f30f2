/**
 * A user's email address is shown to that user alone (S26: the legacy service listed every user's address to
 * everyone). `showOthers` is the legacy transports' choice: their shapes always carried other users' addresses, and
 * LEGACY_SHOW_EMAILS keeps them (or blanks them there too). Everywhere else the address of another user is empty.
 */
export function visibleEmail(
  user: { id: number; email: string },
  viewerId: number,
  showOthers: boolean,
): string {
  return showOthers || user.id === viewerId ? user.email : '';
}

/**
 * A search by an exact address finds that account (the web UI's "invite by email" first looks for someone already
 * here): its address is then what the searcher typed, so showing it back reveals nothing new.
 */
export function isSearchedAddress(user: { email: string }, query: string): boolean {
  return user.email.toLowerCase() === query.trim().toLowerCase();
}
