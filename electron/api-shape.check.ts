/**
 * Compile-time check that the slices of Electron's API the shell declares for itself (and its
 * tests fake) are the real Electron 45 API: the package's own type declarations must be
 * assignable to them. The binary cannot run on our build machines, so this is where a misspelt
 * method, a wrong event name or a wrong argument shape shows (`npm run typecheck`, part of
 * `npm test`). Nothing imports this file; it is never bundled.
 */
import type * as Real from 'electron';
import type { ShellElectron } from './main.js';
import type { PreloadElectron } from './preload.js';

declare const real: typeof Real;
/** Main's process: app, windows, sessions, protocol, IPC, safeStorage, power, net … */
export const main: ShellElectron = real;
/** The sandboxed preload's renderer API. */
export const preload: PreloadElectron = real;
