/**
 * The account field rules and their exact messages (legacy contract §3.1), plus the length limits the legacy
 * service left to the database (C27). Each function returns the first failing rule's message, or null.
 */
export const LIMITS = { username: 20, name: 20, email: 100, passwordMax: 128 } as const;

const startsWithLetter = /^\p{L}/u;
const USERNAME_CHARS = /^[A-Za-z0-9._]+$/;
const NAME_CHARS = /^[A-Za-z' -]+$/;
const SPECIAL = /[!@#$%^&*(),.?":{}|<>]/;
// Close to Django's validate_email: a dotted domain, no spaces, one @.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function usernameProblem(username: string): string | null {
  if (!username) return 'username is required';
  if (!startsWithLetter.test(username))
    return `Username must start with a letter not with '${[...username][0]}'`;
  if (!USERNAME_CHARS.test(username)) return "Username can only contain letters, numbers, '.' and '_'";
  if (username.length > LIMITS.username) return `Username must be at most ${LIMITS.username} characters long`;
  return null;
}

export function passwordProblem(password: string): string | null {
  if (!password) return 'password is required';
  if (password.length < 8) return 'Password must be at least 8 characters long';
  if (password.length > LIMITS.passwordMax)
    return `Password must be at most ${LIMITS.passwordMax} characters long`;
  if (!/[A-Z]/.test(password)) return 'Password must contain at least one uppercase letter';
  if (!/[a-z]/.test(password)) return 'Password must contain at least one lowercase letter';
  if (!/[0-9]/.test(password)) return 'Password must contain at least one digit';
  if (!SPECIAL.test(password)) return 'Password must contain at least one special character';
  return null;
}

export function emailProblem(email: string): string | null {
  if (!email) return 'email is required';
  if (email.length > LIMITS.email) return `Email must be at most ${LIMITS.email} characters long`;
  if (!EMAIL.test(email)) return 'Invalid email format';
  return null;
}

/** `which` is "first" or "last"; the message carries the legacy "Invalid first name: " prefix. */
export function nameProblem(which: 'first' | 'last', name: string): string | null {
  const prefix = `Invalid ${which} name: `;
  if (!startsWithLetter.test(name)) return `${prefix}Name must start with a letter`;
  if (!NAME_CHARS.test(name)) {
    return `${prefix}Name can only contain letters, spaces, hyphens (-), and apostrophes (')`;
  }
  if (name.length > LIMITS.name) return `${prefix}Name must be at most ${LIMITS.name} characters long`;
  return null;
}
