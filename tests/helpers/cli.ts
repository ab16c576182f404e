import { spawnSync } from 'node:child_process';
import { serverCommand } from './server-command.js';

/** Runs `npm run server -- …` as an operator would, without npm in between. */
export function cli(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [...serverCommand(), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
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
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}
