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
import { KioskHealth } from '../src/protocol/kiosk-health.js';

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm');

/** The display settings, field by field; the kiosk config reuses these with its defaults. */
export const displayFields = {
  lang: z.enum(['da', 'en']),
  theme: z.enum(['standard', 'high-contrast']),
  textScale: z.number().min(0.8).max(2),
  idleSeconds: z.number().int().min(15).max(3600),
  night: z.strictObject({ from: Time, to: Time }).nullable(),
};

/** What the shell answers an enrolment code with: the page's own `EnrolOutcome` shape. */
export const EnrolAnswer = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    token: z.string(),
    deviceId: z.string(),
    name: z.string(),
  }),
  z.strictObject({ ok: z.literal(false), error: z.string(), message: z.string() }),
]);
export type EnrolAnswer = z.infer<typeof EnrolAnswer>;

/** What the page reads as `window.citizenGuide.settings` (see src/ui/kiosk/settings.ts). */
export const KioskDisplaySettings = z.strictObject(displayFields);
export type KioskDisplaySettings = z.infer<typeof KioskDisplaySettings>;

/**
 * Every channel. `sync` channels are answered through `event.returnValue` (for `sendSync`),
 * `invoke` channels by `ipcMain.handle` (for `ipcRenderer.invoke`), `send` channels not at all;
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
  // shell-life's channels (electron/life/): the token, enrolment, heartbeat, staff exit.
  /** The kiosk's device token, kept by the shell (never in the page's localStorage); null: none. */
  token: {
    channel: 'citizen-guide:token',
    kind: 'sync',
    request: z.tuple([]),
    response: z.string().nullable(),
  },
  /** A code staff typed into the page's form: the shell exchanges it and keeps the token. */
  enrol: {
    channel: 'citizen-guide:enrol',
    kind: 'invoke',
    request: z.tuple([z.string().min(1).max(40)]),
    response: EnrolAnswer,
  },
  /** The page is alive (the preload sends it every 10 s; silence means a hung renderer). */
  heartbeat: {
    channel: 'citizen-guide:heartbeat',
    kind: 'send',
    request: z.tuple([]),
    response: z.null(),
  },
  /** The shell's health, which the page's sync engine reports to staff (`kiosk.health`). */
  health: {
    channel: 'citizen-guide:health',
    kind: 'sync',
    request: z.tuple([]),
    response: KioskHealth.nullable(),
  },
  /**
   * The page's sync socket was refused as `unauthorized` (staff removed this kiosk and the server
   * closed its socket): the shell asks the server itself and, if it says so, shows "removed".
   */
  unauthorized: {
    channel: 'citizen-guide:unauthorized',
    kind: 'send',
    request: z.tuple([]),
    response: z.null(),
  },
  /** A long press on the hidden top-left corner: open the staff exit's PIN window. */
  staffExit: {
    channel: 'citizen-guide:staff-exit',
    kind: 'send',
    request: z.tuple([]),
    response: z.null(),
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
  ) => IpcContract[K]['kind'] extends 'invoke'
    ? Promise<z.input<IpcContract[K]['response']>>
    : z.input<IpcContract[K]['response']>;
};

/** `window.citizenGuide` in the kiosk page. Absent in a plain browser. */
export interface KioskApi {
  /** The kiosk config's display settings, read once when the page loads. */
  readonly settings: KioskDisplaySettings;
  /** The centre server's origin (`https://guide.example.dk`), for the sync socket only. */
  readonly server: string;
  /** The device token the shell keeps (null before enrolment). */
  readonly token: string | null;
  /** Exchanges a code typed into the page's form; the shell keeps the token. */
  enrol(code: string): Promise<EnrolAnswer>;
  /** The shell's health now (version, uptime, last crash, screen), or null. */
  health(): KioskHealth | null;
  /** The server refused the kiosk's token: the shell checks it now (not in 15 minutes). */
  unauthorized(): void;
}

/** The name of the global the preload defines in the page. */
export const apiKey = 'citizenGuide';
export type ApiKey = typeof apiKey;
