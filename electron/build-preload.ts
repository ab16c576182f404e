/**
 * Compiles preload.ts to the single CommonJS file Electron loads into the sandboxed kiosk
 * renderer. A sandboxed preload cannot import our modules, so the output may require nothing but
 * `electron` (checked here and in the tests).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const preloadSource = join(import.meta.dirname, 'preload.ts');
/** Where the compiled preload goes (dist/ is not in git). */
export const preloadOutput = join(import.meta.dirname, '..', 'dist', 'electron', 'preload.cjs');

/** The CommonJS text of the preload. */
export async function compilePreload(source = preloadSource): Promise<string> {
  const ts = (await import('typescript')).default;
  const out = ts.transpileModule(readFileSync(source, 'utf8'), {
    fileName: source,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
      removeComments: true,
    },
  }).outputText;
  const required = [...out.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const others = required.filter((id) => id !== 'electron');
  if (others.length > 0 || /\bimport\s*\(/.test(out)) {
    throw new Error(
      `the preload must need nothing but electron in a sandbox; it loads ${others.join(', ')}`,
    );
  }
  return out;
}

/** Writes the compiled preload and returns its path, for `webPreferences.preload`. */
export async function buildPreload(
  output = preloadOutput,
  source = preloadSource,
): Promise<string> {
  const text = await compilePreload(source);
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, text);
  return output;
}
