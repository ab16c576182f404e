/**
 * How this kiosk looks and behaves (language, theme, text size, idle time, night hours). Staff set
 * these in the kiosk config: the Electron shell hands them to the page as `window.citizenGuide
 * .settings`; in a plain browser they come from the address (`/kiosk/?theme=high-contrast&
 * textScale=1.25&idle=60&night=22:00-06:30&lang=en`, `night=off` for none). Each value is checked
 * on its own: a bad one falls back to its default and is reported, the others still apply.
 */
import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const Lang = z.enum(['da', 'en']);
export type Lang = z.infer<typeof Lang>;
export const Theme = z.enum(['standard', 'high-contrast']);
export type Theme = z.infer<typeof Theme>;
export const NightHours = z.strictObject({ from: Time, to: Time });
export type NightHours = z.infer<typeof NightHours>;

const fields = {
  lang: Lang,
  theme: Theme,
  textScale: z.number().min(0.8).max(2),
  idleSeconds: z.number().int().min(15).max(3600),
  night: NightHours.nullable(),
};

export interface DisplaySettings {
  lang: Lang;
  theme: Theme;
  textScale: number;
  idleSeconds: number;
  night: NightHours | null;
}

export const defaultSettings: DisplaySettings = {
  lang: 'da',
  theme: 'standard',
  textScale: 1,
  idleSeconds: 90,
  night: { from: '22:00', to: '06:30' },
};

/** Values from the address bar, spelled for people: `idle=60`, `night=22:00-06:30` or `off`. */
function fromQuery(search: string): Record<string, unknown> {
  const q = new URLSearchParams(search);
  const out: Record<string, unknown> = {};
  const lang = q.get('lang');
  if (lang !== null) out['lang'] = lang;
  const theme = q.get('theme');
  if (theme !== null) out['theme'] = theme;
  const scale = q.get('textScale');
  if (scale !== null) out['textScale'] = Number(scale);
  const idle = q.get('idle');
  if (idle !== null) out['idleSeconds'] = Number(idle);
  const night = q.get('night');
  if (night !== null) {
    const [from, to] = night.split('-');
    out['night'] = night === 'off' ? null : { from, to };
  }
  return out;
}

export interface SettingsResult {
  settings: DisplaySettings;
  /** One line per value that was wrong and replaced by its default. */
  problems: string[];
}

/** Settings from the shell (`injected`, wins) and the address, each field validated alone. */
export function readSettings(search: string, injected: unknown): SettingsResult {
  const given: Record<string, unknown> = {
    ...fromQuery(search),
    ...(injected && typeof injected === 'object' ? (injected as Record<string, unknown>) : {}),
  };
  const settings: DisplaySettings = { ...defaultSettings };
  const problems: string[] = [];
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    if (!(key in given)) continue;
    const r = fields[key].safeParse(given[key]);
    if (r.success) (settings as unknown as Record<string, unknown>)[key] = r.data;
    else problems.push(`${key}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { settings, problems };
}

/** Is the wall clock `hhmm` inside the night hours (which may run across midnight)? */
export function isNight(night: NightHours | null, hhmm: string): boolean {
  if (!night || night.from === night.to) return false;
  return night.from < night.to
    ? hhmm >= night.from && hhmm < night.to
    : hhmm >= night.from || hhmm < night.to;
}
