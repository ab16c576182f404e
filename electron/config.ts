/**
 * Per-kiosk configuration (`kiosk-config/*.json`), validated at load: a broken file is reported
 * with the field that is wrong instead of a blank screen.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm');

export const KioskConfig = z.strictObject({
  /** The centre server, e.g. "http://192.168.1.10:8080". */
  serverUrl: z.url(),
  /** Shown to staff in the device list. */
  name: z.string().min(1).max(100),
  /** A one-time enrolment code for the first start; removed once the kiosk holds a token. */
  enrolCode: z.string().max(40).optional(),
  /** Seconds without a touch before the screen returns Home. */
  idleSeconds: z.number().int().min(15).max(3600).default(90),
  theme: z.enum(['standard', 'high-contrast']).default('standard'),
  textScale: z.number().min(0.8).max(2).default(1),
  /** Night mode: dimmed clock between these local times; a touch wakes it. */
  night: z
    .strictObject({ from: Time, to: Time })
    .nullable()
    .default({ from: '22:00', to: '06:30' }),
  /** Development only: allow devtools and leaving full screen. */
  kioskMode: z.boolean().default(true),
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

export const loadKioskConfig = (file: string): KioskConfig =>
  parseKioskConfig(readFileSync(file, 'utf8'), file);

/** The kiosk page for a configuration, carrying the enrolment code the first time. */
export function kioskUrl(config: KioskConfig): string {
  const base = `${config.serverUrl.replace(/\/+$/, '')}/kiosk/`;
  return config.enrolCode ? `${base}#enrol=${encodeURIComponent(config.enrolCode)}` : base;
}
