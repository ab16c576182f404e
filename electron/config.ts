/**
 * Per-kiosk configuration (`kiosk-config/*.json`), validated at load: a broken file is reported
 * with the field that is wrong instead of a blank screen.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { displayFields, type KioskDisplaySettings } from './ipc-contract.js';
import { PIN_HASH_SHAPE } from './kiosk/staff-pin.js';

export const KioskConfig = z.strictObject({
  /** The centre server, e.g. "http://192.168.1.10:8080". */
  serverUrl: z.url(),
  /** Shown to staff in the device list. */
  name: z.string().min(1).max(100),
  /** A one-time enrolment code for the first start; removed once the kiosk holds a token. */
  enrolCode: z.string().max(40).optional(),
  // The display settings handed to the page (`displaySettingsOf`); the same checks as the page's.
  /** The language the screen starts in. */
  lang: displayFields.lang.default('da'),
  /** Seconds without a touch before the screen returns Home. */
  idleSeconds: displayFields.idleSeconds.default(90),
  theme: displayFields.theme.default('standard'),
  textScale: displayFields.textScale.default(1),
  /** Night mode: dimmed clock between these local times; a touch wakes it. */
  night: displayFields.night.default({ from: '22:00', to: '06:30' }),
  /** Development only: allow devtools and leaving full screen. */
  kioskMode: z.boolean().default(true),
  /**
   * The staff exit's PIN, hashed (`npx tsx electron/kiosk/staff-pin.ts 4711` prints the line);
   * absent: no staff exit at all.
   */
  staffPinHash: z
    .string()
    .regex(
      PIN_HASH_SHAPE,
      'the hash printed by `npx tsx electron/kiosk/staff-pin.ts PIN`, never the PIN itself',
    )
    .optional(),
  /** electron-updater's channel (`latest`, `beta`, …); null: never update by itself. */
  updateChannel: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/, 'a channel name such as "latest" or "beta"')
    .nullable()
    .default('latest'),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export class ConfigError extends Error {}

export function parseKioskConfig(text: string, source: string): KioskConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  const r = KioskConfig.safeParse(json);
  if (!r.success) {
    const why = r.error.issues
      .map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`)
      .join('; ');
    throw new ConfigError(`${source} is not a valid kiosk configuration: ${why}`);
  }
  return r.data;
}

export function loadKioskConfig(file: string): KioskConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    // A missing or unreadable file is a config problem too: the kiosk says so on its screen.
    throw new ConfigError(`${file} cannot be read: ${(err as Error).message}`);
  }
  return parseKioskConfig(text, file);
}

/** Exactly the fields the page reads as `window.citizenGuide.settings`. */
export function displaySettingsOf(config: KioskConfig): KioskDisplaySettings {
  const { lang, theme, textScale, idleSeconds, night } = config;
  return { lang, theme, textScale, idleSeconds, night: night ? { ...night } : null };
}

const kioskBase = (config: KioskConfig): string => `${config.serverUrl.replace(/\/+$/, '')}/kiosk/`;
const enrolHash = (config: KioskConfig): string =>
  config.enrolCode ? `#enrol=${encodeURIComponent(config.enrolCode)}` : '';

/**
 * The address for the browser fallback (no Electron): the display settings travel in the query,
 * spelled as the page reads them (`?lang=en&theme=high-contrast&textScale=1.25&idle=60&
 * night=22:00-06:30`, `night=off` for none). Every value has passed the config's checks, so
 * none needs escaping.
 */
export function kioskBrowserUrl(config: KioskConfig): string {
  const s = displaySettingsOf(config);
  const query = [
    `lang=${s.lang}`,
    `theme=${s.theme}`,
    `textScale=${s.textScale}`,
    `idle=${s.idleSeconds}`,
    `night=${s.night ? `${s.night.from}-${s.night.to}` : 'off'}`,
  ].join('&');
  return `${kioskBase(config)}?${query}${enrolHash(config)}`;
}
