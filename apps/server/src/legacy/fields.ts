// Loose legacy fields read into procedure inputs, for the legacy REST routes and the legacy socket alike. They only
// reshape (a string id trimmed, "2,3," split, "false" read as false): every rule is the procedure's.

/** A legacy field that was missing or null reads as "" (the legacy views' defaults); other values pass as-is. */
export function text(body: Record<string, unknown>, key: string): unknown {
  const value = body[key];
  return value === undefined || value === null ? '' : value;
}

/** A legacy optional field: falsy values ("", null, missing) mean "not given". */
export function optional(body: Record<string, unknown>, key: string): unknown {
  const value = body[key];
  return value === undefined || value === null || value === '' ? undefined : value;
}

/** Python truthiness: the legacy views treated all of these as "not given". */
function isFalsy(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** An id field: a number or a numeric string (the procedure accepts both); falsy means missing. */
export function legacyId(value: unknown): unknown {
  if (isFalsy(value)) return undefined;
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * `"2,3,"`, `"2, 3"` or `[2, 3]` as a list, empties (the trailing comma) dropped. Non-numbers are left for the
 * procedure to refuse.
 */
export function legacyIdList(value: unknown): unknown[] | undefined {
  if (isFalsy(value)) return undefined;
  const items: unknown[] =
    typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '');
}

/**
 * The 1:1 `user_id`: a number, `"2"` or `"2,"` (outer commas were stripped). Several ids (`"3,4"`) are passed on as
 * a list, which the procedure refuses: a one-to-one chat has one other user (C4).
 */
export function legacyUserId(value: unknown): unknown {
  const ids = legacyIdList(value);
  if (ids === undefined || ids.length === 0) return undefined;
  return ids.length === 1 ? ids[0] : ids;
}

/**
 * `is_group`: the legacy view tested truthiness, so a form field "false" made a group (C5). Here the strings
 * "false", "0", "no" and "off" (any case) mean false, like the JSON values false and 0.
 */
export function legacyFlag(value: unknown): boolean {
  if (typeof value === 'string') return !['', 'false', '0', 'no', 'off'].includes(value.trim().toLowerCase());
  return !isFalsy(value);
}

/** `title`: a string, or absent. */
export function legacyTitle(value: unknown): unknown {
  return value === undefined || value === null ? undefined : value;
}

/** `type` was lowercased by the legacy view; empty or absent means the default (text). */
export function legacyType(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return value;
  return value.trim().toLowerCase() || undefined;
}

/**
 * The legacy `media` field, for image and audio messages only (text messages sent `media: ""` and the legacy view
 * ignored it); a falsy value is no media.
 */
export function mediaField(type: unknown, media: unknown): { media?: unknown } {
  if (type !== 'image' && type !== 'audio') return {};
  return media === undefined || media === null || media === '' ? {} : { media };
}
