import { spawnSync } from 'node:child_process';
import { serverCommand } from './server-command.js';
import { databaseForDataDirSync } from './test-database.js';

/**
 * The CLI's environment: on a PostgreSQL test run, `--data DIR`'s database as DATABASE_URL (the
 * one the test's server and store use, test-database.ts; made now if nothing used it yet), as an
 * operator sets it.
 */
export function cliEnv(args: readonly string[]): NodeJS.ProcessEnv {
  const at = args.indexOf('--data');
  const dir = at >= 0 ? args[at + 1] : undefined;
  const url = dir ? databaseForDataDirSync(dir) : undefined;
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return url ? { ...env, DATABASE_URL: url } : env;
}

/** Runs `npm run server -- …` as an operator would, without npm in between. */
export function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [...serverCommand(), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: cliEnv(args),
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** `cli`, with `input` piped to its standard input (a password, as a script would give it). */
export function cliWithInput(
  input: string,
  ...args: string[]
): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [...serverCommand(), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    input,
    env: cliEnv(args),
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
