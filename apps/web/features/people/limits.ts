import type { accounts, conversations } from '@chatapp/domain';

/*
 * The API's limits that the forms apply as the user types. The domain's main entry carries server code (database,
 * image processing), so the values are repeated here; each is typed as the domain's own literal, so `tsc` fails
 * the moment the two disagree.
 */

/** Longest group title the API stores (`CONVERSATION_LIMITS.title`). */
export const GROUP_TITLE_MAX: (typeof conversations.CONVERSATION_LIMITS)['title'] = 100;

/** Longest people-search query the API accepts once trimmed (`SEARCH_LIMITS.queryMax`). */
export const SEARCH_QUERY_MAX: (typeof accounts.SEARCH_LIMITS)['queryMax'] = 50;

/** How many people one search shows: enough to scan, small enough to answer fast. */
export const SEARCH_RESULTS = 20;
