/**
 * In the Electron shell the kiosk's device token is the shell's, not the page's: the shell keeps
 * it (safeStorage, or a 0600 file) and hands it over as `window.citizenGuide.token`; a code staff
 * type into the page's form goes to the shell (`citizenGuide.enrol`), which exchanges it and
 * keeps the token. The page then never writes the token to localStorage. In a plain browser
 * (no `citizenGuide`) the page enrols and keeps its token itself, as before.
 */
import type { EnrolOutcome, KioskShell } from '../../client/index.js';

interface ShellApi {
  token?: unknown;
  enrol?: unknown;
  health?: unknown;
  unauthorized?: unknown;
}

const shellApi = (): ShellApi | undefined =>
  typeof window === 'undefined' ? undefined : (window as { citizenGuide?: ShellApi }).citizenGuide;

/** The shell's token: a string, null when the shell has none yet, undefined outside the shell. */
export function shellToken(api: ShellApi | undefined = shellApi()): string | null | undefined {
  if (!api || !('token' in api)) return undefined;
  return typeof api.token === 'string' && api.token !== '' ? api.token : null;
}

/** The shell's enrolment, or undefined outside the shell. */
export function shellEnrol(
  api: ShellApi | undefined = shellApi(),
): ((code: string) => Promise<EnrolOutcome>) | undefined {
  const enrol = api?.enrol;
  if (typeof enrol !== 'function') return undefined;
  return async (code) => {
    try {
      const r = (await (enrol as (c: string) => Promise<unknown>)(code)) as EnrolOutcome | null;
      // null: the shell refused the request (it never should for its own page).
      return r ?? { ok: false, error: 'network', message: '' };
    } catch {
      return { ok: false, error: 'network', message: '' };
    }
  };
}

/**
 * The shell's health for the sync engine to report (`kiosk.health`: the server checks its
 * shape), and staff's reload: a fresh load of the page, which in the shell comes from the
 * package (offline too). Also the engine's word that the server refused the token (staff removed
 * the kiosk and the server closed its socket): the shell then checks and shows "removed" at once
 * instead of at its next 15-minute check. Undefined outside the shell: a browser kiosk reports
 * no health.
 */
export function shellHealth(
  api: ShellApi | undefined = shellApi(),
  reload: () => void = () => location.reload(),
): KioskShell | undefined {
  const health = api?.health;
  if (typeof health !== 'function') return undefined;
  return {
    health: () => {
      try {
        return ((health as () => unknown)() ?? null) as ReturnType<KioskShell['health']>;
      } catch {
        return null;
      }
    },
    reload,
    unauthorized: () => {
      const tell = api?.unauthorized;
      if (typeof tell !== 'function') return; // a shell from before the channel
      try {
        (tell as () => void)();
      } catch {
        // The shell's 15-minute check still finds a removed kiosk.
      }
    },
  };
}
