/**
 * "See it as the resident will" (ADMIN-UX): a piece of the real kiosk UI (its components, words,
 * pictograms, read-aloud button and styles) inside a shadow root, so the kiosk's CSS (its own
 * `button`, `h2`, `.badge` …) never touches the admin page and the admin's never touches it.
 * Every preview in the admin (news, meals, activities, day items) renders its kiosk card in it.
 * Writes from inside are ignored: it is a picture of the wall, not a second kiosk.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { I18nextProvider } from 'react-i18next';
import { unlockOffline } from '../../../client/unlock.js';
import { KioskEnvProvider, type KioskEnv } from '../../kiosk/data/kiosk-env.js';
import { createI18n } from '../../kiosk/i18n/index.js';
import { defaultSettings } from '../../kiosk/settings.js';
import { browserSpeaker } from '../../kiosk/speech/browser-speaker.js';
import baseCss from '../../kiosk/styles/base.css?inline';
import sharedCss from '../../kiosk/styles/shared.css?inline';
import { useStaff } from './staff-env.js';

const surfaceCss = (extra: readonly string[]) =>
  `${[baseCss, sharedCss, ...extra].join('\n').replaceAll(':root', ':host')}
:host { display: block; }
.kiosk-surface {
  background: var(--bg); color: var(--text); line-height: 1.3; padding: 0.75rem;
  font-family: 'Atkinson Hyperlegible Next', 'DejaVu Sans', Verdana, system-ui, sans-serif;
  font-size: 1rem; border-radius: 0.5rem;
}`;

function ShadowMount({
  css,
  inert,
  children,
}: {
  css: string;
  inert: boolean;
  children: ReactNode;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [mount, setMount] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const style = document.createElement('style');
    style.textContent = css;
    const surface = document.createElement('div');
    surface.className = 'kiosk-surface';
    shadow.append(style, surface);
    setMount(surface);
  }, [css]);
  return (
    // Inert: a picture of the card whose kiosk buttons do nothing here, so they are not in the
    // page's tab order or read out as the admin's own "Tilmeld".
    <div ref={host} className="kiosk-preview-host" inert={inert}>
      {mount && createPortal(children, mount)}
    </div>
  );
}

interface Props {
  /** The kiosk screen's own stylesheet(s), imported `?inline`. */
  css?: readonly string[];
  /** Take the card's buttons out of the page (tab order, screen reader). */
  inert?: boolean;
  children: ReactNode;
}

const NO_CSS: readonly string[] = [];

export function KioskSurface({ css = NO_CSS, inert = false, children }: Props) {
  const staff = useStaff();
  const i18n = useMemo(() => createI18n('da'), []);
  const styles = useMemo(() => surfaceCss(css), [css]);
  const env = useMemo<KioskEnv>(
    () => ({
      db: staff.db,
      status: staff.status,
      clock: staff.clock,
      actions: {
        mutate: () => Promise.resolve(''),
        dismissRejection: () => Promise.resolve(),
        unlockResident: () => Promise.resolve(unlockOffline('')),
      },
      settings: defaultSettings,
      // Read-aloud works here too: the system voice, or the server's (the staff cookie).
      speaker: browserSpeaker(() => null),
    }),
    [staff.db, staff.status, staff.clock],
  );
  return (
    <ShadowMount css={styles} inert={inert}>
      <I18nextProvider i18n={i18n}>
        <KioskEnvProvider env={env}>{children}</KioskEnvProvider>
      </I18nextProvider>
    </ShadowMount>
  );
}
