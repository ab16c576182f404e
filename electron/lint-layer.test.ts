/**
 * The shell's layer rule (eslint.config.js): code under electron/ never imports React, the
 * server or the UI's modules; it talks to the page only through its IPC contract and to the
 * server only over HTTP. Probe code is linted with the project's own config as if it lived at a
 * path under electron/, through ESLint's Node API.
 *
 * Only the two rules that make the layer are run, without type information: typed linting of a
 * probe would build the whole project's TypeScript program (seconds) and proves nothing more
 * about which imports are refused.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
});

/** The import lines of `code` ESLint refuses at `filePath` (each line counted once). */
async function refusedLines(code: string, filePath: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint linted nothing');
  // A probe the parser cannot read would otherwise look like a clean file.
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return [...new Set(result.messages.map((m) => m.line))];
}

describe('the eslint layer rule for electron/', () => {
  it.each([
    ["import React from 'react';", 'electron/probe.ts'],
    ["import { createRoot } from 'react-dom/client';", 'electron/probe.ts'],
    ["import { readSettings } from '../src/ui/kiosk/settings.js';", 'electron/probe.ts'],
    ["import { App } from '../../src/ui/kiosk/app.js';", 'electron/life/probe.ts'],
    ["import type { Store } from '../src/server/store/store.js';", 'electron/probe.ts'],
    ["export * from '../../src/server/index.js';", 'electron/security/probe.ts'],
    ["import Fastify from 'fastify';", 'electron/probe.ts'],
    ["import Database from 'better-sqlite3';", 'electron/probe.ts'],
    // A dynamic import with a literal address is an import too.
    ["export const ui = () => import('../src/ui/kiosk/settings.js');", 'electron/probe.ts'],
    ["export const s = () => import('../../src/server/index.js');", 'electron/kiosk/probe.ts'],
    ["export const r = () => import('react');", 'electron/probe.ts'],
  ])('refuses %s in %s', async (line, filePath) => {
    expect(await refusedLines(`${line}\n`, filePath)).toEqual([1]);
  });

  it("lets the shell's own modules, zod, Node, Electron's updater and the protocol through", async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { z } from 'zod';",
      "import { ipcContract } from './ipc-contract.js';",
      "import { assertServerAllowed } from './security/server-url.js';",
      "import type { KioskHealth } from '../src/protocol/kiosk-health.js';",
      "export const u = () => import('electron-updater');",
      // main.ts loads `electron` by a variable name: not a literal address, nothing to check.
      "const name = 'electron';",
      'export const e = () => import(name);',
      'export { readFileSync, z, ipcContract, assertServerAllowed };',
      'export type { KioskHealth };',
      '',
    ].join('\n');
    expect(await refusedLines(code, 'electron/probe.ts')).toEqual([]);
  });

  it("lets a test under electron/ read the UI's settings module (both sides read one shape)", async () => {
    const code = "import type { DisplaySettings } from '../src/ui/kiosk/settings.js';\n";
    expect(await refusedLines(code, 'electron/probe.test.ts')).toEqual([]);
    // The same line outside electron/ is another layer's business, not this rule's.
    expect(await refusedLines(code, 'electron/probe.ts')).toEqual([1]);
  });
});
