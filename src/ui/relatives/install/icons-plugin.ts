/**
 * A Vite plugin for `vite build --mode family`: draws the home-screen icons from the SVGs beside
 * this file with sharp (PNG, the sizes manifest.ts names) and emits `manifest.webmanifest`, so
 * no binary is committed and the icons always match their picture. `vite` in development serves
 * the same files from memory.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Plugin } from 'vite';
import { icons, manifest, THEME_COLOR } from './manifest.js';

const here = (file: string): string => fileURLToPath(new URL(`./${file}`, import.meta.url));

/** Every file the plugin makes: path under /family/ → bytes. */
export async function installFiles(): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const icon of icons) {
    const svg = await readFile(here(icon.svg));
    // density: render the 512-unit SVG sharp enough for the size asked for.
    let image = sharp(svg, { density: Math.max(72, (72 * icon.size) / 512) * 2 }).resize(
      icon.size,
      icon.size,
    );
    // The home-screen icons of iOS must not be transparent; the others keep rounded corners.
    if (icon.purpose !== 'any') image = image.flatten({ background: THEME_COLOR });
    out.set(icon.file, await image.png({ compressionLevel: 9 }).toBuffer());
  }
  out.set('manifest.webmanifest', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  return out;
}

export function familyInstall(): Plugin {
  return {
    name: 'citizen-guide-family-install',
    async generateBundle() {
      for (const [fileName, source] of await installFiles())
        this.emitFile({ type: 'asset', fileName, source });
    },
    configureServer(server) {
      const files = installFiles();
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').replace(/^\/family\//, '').split('?')[0] ?? '';
        void files.then((all) => {
          const body = all.get(path);
          if (!body) return next();
          res.setHeader(
            'content-type',
            path.endsWith('.png') ? 'image/png' : 'application/manifest+json',
          );
          res.end(body);
        });
      });
    },
  };
}
