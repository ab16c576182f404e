/** Entry point of the kiosk page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { takeEnrolCode } from './enrol.js';

// Read (and remove from the address bar) once, before React renders anything.
const enrolCode = takeEnrolCode();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App enrolCode={enrolCode} />
    </StrictMode>,
  );
}

// The service worker keeps the page itself available offline, so a reload (or a crashed tab)
// without network still opens the kiosk, which then shows the day from its cache.
if ('serviceWorker' in navigator && window.isSecureContext) {
  navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk/' }).catch(() => undefined);
}
