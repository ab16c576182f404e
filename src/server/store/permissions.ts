/**
 * The data directory holds residents' photos, PIN and session hashes and read-aloud audio, so
 * only the server's own user may read it: directories 0700, files 0600. Everything the server
 * creates there is made with these modes; what an operator made by hand is checked at start and
 * named in a warning (never changed behind their back: a backup job may rely on a group bit).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Sub-directories of the data directory whose every file is checked. */
const CHECKED_DIRS = ['media', 'speech'];
/** How many paths a warning names at most (a media folder may hold thousands). */
const MAX_NAMED = 10;

const GROUP_OR_OTHER = 0o077;

function accessible(path: string): boolean {
  try {
    return (statSync(path).mode & GROUP_OR_OTHER) !== 0;
  } catch {
    return false; // missing: nothing to read
  }
}

/** Paths under `dataDir` (itself included) that the group or others may read, write or enter. */
export function groupOrOtherAccessible(dataDir: string, topFiles: readonly string[]): string[] {
  const found: string[] = [];
  const check = (path: string): void => {
    if (accessible(path)) found.push(path);
  };
  check(dataDir);
  for (const f of topFiles) check(join(dataDir, f));
  for (const d of CHECKED_DIRS) {
    const dir = join(dataDir, d);
    check(dir);
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) check(join(dir, name));
  }
  return found;
}

/** Logs one warning naming what others can read; silent when all is private. */
export function warnIfAccessible(
  dataDir: string,
  topFiles: readonly string[],
  logger: Logger,
): void {
  const found = groupOrOtherAccessible(dataDir, topFiles);
  if (found.length === 0) return;
  const named = found.slice(0, MAX_NAMED).join(', ');
  const more = found.length > MAX_NAMED ? ` and ${found.length - MAX_NAMED} more` : '';
  logger.warn(
    { paths: found.slice(0, MAX_NAMED), count: found.length },
    `data directory: other users on this machine can access ${named}${more}; residents' photos and hashes live there. Run chmod -R go-rwx on the data directory.`,
  );
}
