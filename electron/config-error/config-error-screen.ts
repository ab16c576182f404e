/**
 * A kiosk whose config file is wrong does not start half-configured and does not show a blank
 * window: it shows one full-screen message for the staff member who set it up, naming the file,
 * each wrong field and what to do. Plain HTML in a `data:` address (no script, no network), in a
 * window as locked down as the kiosk's (no preload, sandboxed, no menu).
 */
import type { ElectronLike, KioskWindow } from '../window.js';

export interface ConfigProblem {
  /** The config file. */
  file: string;
  /** `field: what is wrong`, one per wrong field (from ConfigError's message). */
  problems: { field: string; message: string }[];
}

/** Splits ConfigError's text (`<file> is not a valid kiosk configuration: a: x; b: y`). */
export function readConfigError(message: string): ConfigProblem {
  const invalid = /^(.*) is not a valid kiosk configuration: (.*)$/s.exec(message);
  if (invalid) {
    const [, file = '', rest = ''] = invalid;
    const problems = rest.split('; ').map((part) => {
      const at = part.indexOf(': ');
      return at > 0
        ? { field: part.slice(0, at), message: part.slice(at + 2) }
        : { field: '(file)', message: part };
    });
    return { file, problems };
  }
  const json = /^(.*) (?:is not valid JSON|cannot be read): (.*)$/s.exec(message);
  if (json) return { file: json[1] ?? '', problems: [{ field: '(file)', message: json[2] ?? '' }] };
  return { file: '', problems: [{ field: '(file)', message }] };
}

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The page, in Danish for the wall and English beside it for a technician. */
export function configErrorHtml({ file, problems }: ConfigProblem): string {
  const items = problems
    .map(
      (p) =>
        `<li><code>${escape(p.field)}</code>: ${escape(p.message)}<br>` +
        `Ret feltet <code>${escape(p.field)}</code> i filen. / Correct <code>${escape(p.field)}</code> in the file.</li>`,
    )
    .join('');
  return `<!doctype html><html lang="da"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Skærmen er ikke sat op</title><style>
body{margin:0;min-height:100vh;display:flex;flex-direction:column;justify-content:center;
padding:6vh 8vw;box-sizing:border-box;background:#f7f4ee;color:#1c1b19;
font:32px/1.4 system-ui,sans-serif}h1{font-size:56px;margin:0 0 24px}
code{font-size:28px;background:#e8e2d6;padding:2px 8px;border-radius:6px}
li{margin:16px 0}</style></head><body>
<h1>Skærmen er ikke sat rigtigt op</h1>
<p>Spørg personalet. / This screen's configuration is wrong.</p>
<p>Fil / file: <code>${escape(file || 'kiosk config')}</code></p>
<ul>${items}</ul>
<p>Se kiosk-config/README.md for lovlige værdier. Genstart skærmen bagefter.<br>
See kiosk-config/README.md for the allowed values, then restart the kiosk.</p>
</body></html>`;
}

export const configErrorUrl = (problem: ConfigProblem): string =>
  `data:text/html;charset=utf-8,${encodeURIComponent(configErrorHtml(problem))}`;

/** Opens the message full screen (call after `app` is ready and hardened). */
export async function showConfigError(
  electron: ElectronLike,
  message: string,
  fullscreen: boolean,
): Promise<KioskWindow> {
  const win = new electron.BrowserWindow({
    fullscreen,
    // Not kiosk-locked: whoever fixes the file may close the message from a keyboard.
    kiosk: false,
    autoHideMenuBar: true,
    backgroundColor: '#f7f4ee',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      devTools: false,
    },
  });
  win.removeMenu();
  await win.loadURL(configErrorUrl(readConfigError(message)));
  return win;
}
