/**
 * Builds the front ends once for the e2e run: `npm run build:ui` when a front end's index.html
 * under dist/ui is missing or older than any source it is built from. Test files run one after another, so the
 * first builds and the rest find it fresh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const UI_DIR = 'dist/ui';
const FRONT_ENDS = ['kiosk', 'staff', 'family', 'municipal'];
const SOURCES = [
  'src/ui',
  'assets',
  'src/client',
  'src/domain',
  'src/protocol',
  'vite.config.ts',
  'package.json',
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function ensureUiBuilt(): void {
  const pages = FRONT_ENDS.map((front) => join(UI_DIR, front, 'index.html'));
  const builtAt = Math.min(...pages.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  if (builtAt > Math.max(...SOURCES.map(newest))) return;
  // vitest sets NODE_ENV=test, which Vite would honour with a development build of React.
  execFileSync('npm', ['run', 'build:ui'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  for (const page of pages)
    if (!existsSync(page)) throw new Error(`npm run build:ui did not produce ${page}`);
}
