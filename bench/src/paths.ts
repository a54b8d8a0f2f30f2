import { fileURLToPath } from 'node:url';

/** The repository root (the server is started from there, as `pnpm start` does). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Git-ignored output folder for JSON results and CPU profiles. */
export const RESULTS_DIR = fileURLToPath(new URL('../../bench-results/', import.meta.url));
