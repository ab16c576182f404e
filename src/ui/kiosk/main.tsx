/** Entry point of the kiosk page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { readToken, takeEnrolCode } from './enrol.js';
import { createI18n } from './i18n/index.js';
import { InsecureGate } from './insecure-gate.js';
import { readSettings } from './settings.js';
import { browserSpeaker } from './speech/browser-speaker.js';
import '../../../assets/fonts/fonts.css';
import './styles/base.css';
import './styles/frame.css';
import './styles/shared.css';

// Read (and remove from the address bar) once, before React renders anything.
const enrolCode = takeEnrolCode();

// The Electron shell hands over the kiosk config's display settings; a browser uses the address.
const injected = (window as { citizenGuide?: { settings?: unknown } }).citizenGuide?.settings;
const { settings, problems } = readSettings(location.search, injected);
if (problems.length > 0) document.documentElement.dataset['settingsProblems'] = problems.join('; ');

const i18n = createI18n(settings.lang);
const speaker = browserSpeaker(readToken);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <InsecureGate
        secureContext={window.isSecureContext}
        address={location.origin + location.pathname}
        lang={settings.lang}
      >
        <App enrolCode={enrolCode} settings={settings} speaker={speaker} i18n={i18n} />
      </InsecureGate>
    </StrictMode>,
  );
}

// The service worker keeps the page itself available offline, so a reload (or a crashed tab)
// without network still opens the kiosk, which then shows the day from its cache. Not in the
// Electron shell: there the page comes from the shell's package (app://kiosk/), which is the
// offline copy, and its CSP allows no worker.
const inShell = (window as { citizenGuide?: unknown }).citizenGuide !== undefined;
if ('serviceWorker' in navigator && window.isSecureContext && !inShell) {
  navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk/' }).catch(() => undefined);
}
