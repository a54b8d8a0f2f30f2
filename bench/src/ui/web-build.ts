import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

/** The production build the server serves (`pnpm build`); the bench measures that, never `next dev`. */
export const WEB_BUILD_ID = join(REPO_ROOT, 'apps', 'web', '.next', 'BUILD_ID');

export function requireWebBuild(): void {
  if (!existsSync(WEB_BUILD_ID))
    throw new Error(`The web UI is not built (${WEB_BUILD_ID} is missing): run pnpm build first.`);
}
