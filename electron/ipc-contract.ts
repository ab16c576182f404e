/**
 * The one contract between the kiosk page and the Electron shell: channel names, what each
 * channel carries (zod schemas, checked by main on every message) and `KioskApi`, the only thing
 * the preload exposes to the page (as `window.citizenGuide`).
 *
 * Keep it narrow: plain data and small functions, never `ipcRenderer` itself. The preload imports
 * this file for types only, so it compiles to one CommonJS file that needs nothing but `electron`
 * (a sandboxed preload cannot load our other modules).
 */
import { z } from 'zod';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm');

/** The display settings, field by field; the kiosk config reuses these with its defaults. */
export const displayFields = {
  lang: z.enum(['da', 'en']),
  theme: z.enum(['standard', 'high-contrast']),
  textScale: z.number().min(0.8).max(2),
  idleSeconds: z.number().int().min(15).max(3600),
  night: z.strictObject({ from: Time, to: Time }).nullable(),
};

/** What the page reads as `window.citizenGuide.settings` (see src/ui/kiosk/settings.ts). */
export const KioskDisplaySettings = z.strictObject(displayFields);
export type KioskDisplaySettings = z.infer<typeof KioskDisplaySettings>;

/**
 * Every channel. `sync` channels are answered through `event.returnValue` (for `sendSync`);
 * `request` checks the arguments the renderer sent, `response` what main sends back.
 */
export const ipcContract = {
  settings: {
    channel: 'citizen-guide:settings',
    kind: 'sync',
    request: z.tuple([]),
    response: KioskDisplaySettings,
  },
  /** The centre server's origin, where the page's sync socket goes (all else is app://kiosk). */
  server: {
    channel: 'citizen-guide:server',
    kind: 'sync',
    request: z.tuple([]),
    response: z.url({ protocol: /^https?$/ }),
  },
} as const;

export type IpcContract = typeof ipcContract;
export type ChannelName = keyof IpcContract;
/** The literal channel string of one entry, so a copy elsewhere is checked by the compiler. */
export type ChannelOf<K extends ChannelName> = IpcContract[K]['channel'];

/** What main provides for each channel: arguments as checked by `request`, result as `response`. */
export type IpcHandlers = {
  [K in ChannelName]: (
    ...args: z.infer<IpcContract[K]['request']>
  ) => z.input<IpcContract[K]['response']>;
};

/** `window.citizenGuide` in the kiosk page. Absent in a plain browser. */
export interface KioskApi {
  /** The kiosk config's display settings, read once when the page loads. */
  readonly settings: KioskDisplaySettings;
  /** The centre server's origin (`https://guide.example.dk`), for the sync socket only. */
  readonly server: string;
}

/** The name of the global the preload defines in the page. */
export const apiKey = 'citizenGuide';
export type ApiKey = typeof apiKey;
