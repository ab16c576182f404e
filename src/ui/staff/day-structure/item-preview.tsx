/**
 * "See it as the resident will" (ADMIN-UX): the kiosk's own ItemCard for a day item, with the
 * kiosk's words, pictogram, "Ændret" mark and read-aloud button, inside a shadow root so the
 * kiosk's styles and the admin's never touch each other.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { unlockOffline } from '../../../client/unlock.js';
import { KioskEnvProvider, type KioskEnv } from '../../kiosk/data/kiosk-env.js';
import { createI18n } from '../../kiosk/i18n/index.js';
import { defaultSettings } from '../../kiosk/settings.js';
import { ItemCard } from '../../kiosk/shared/item-card.js';
import { sentences } from '../../kiosk/shared/read-aloud.js';
import { browserSpeaker } from '../../kiosk/speech/browser-speaker.js';
import { shownTime, spokenTime } from '../../kiosk/time/format.js';
import baseCss from '../../kiosk/styles/base.css?inline';
import sharedCss from '../../kiosk/styles/shared.css?inline';
import { useStaff } from '../shell/staff-env.js';

const PREVIEW_CSS = `${[baseCss, sharedCss].join('\n').replaceAll(':root', ':host')}
:host { display: block; }
.kiosk-surface {
  background: var(--bg); color: var(--text); line-height: 1.3; padding: 0.75rem;
  font-family: 'Atkinson Hyperlegible Next', 'DejaVu Sans', Verdana, system-ui, sans-serif;
  font-size: 1rem; border-radius: 0.5rem;
}`;

function ShadowMount({ children }: { children: ReactNode }) {
  const host = useRef<HTMLDivElement>(null);
  const [mount, setMount] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const shadow = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const style = document.createElement('style');
    style.textContent = PREVIEW_CSS;
    const surface = document.createElement('div');
    surface.className = 'kiosk-surface';
    shadow.append(style, surface);
    setMount(surface);
  }, []);
  return <div ref={host}>{mount && createPortal(children, mount)}</div>;
}

export interface PreviewItem {
  title: string;
  start: string;
  end: string | null;
  pictogram: string | null;
  changed: boolean;
}

export function ItemPreview({ item }: { item: PreviewItem }) {
  const { t } = useTranslation('staffDayStructure');
  const staff = useStaff();
  const i18n = useMemo(() => createI18n('da'), []);
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
      speaker: browserSpeaker(() => null),
    }),
    [staff.db, staff.status, staff.clock],
  );
  const title = item.title.trim() || '…';
  const when =
    item.end !== null
      ? `kl. ${shownTime(item.start, 'da')} til ${shownTime(item.end, 'da')}`
      : `kl. ${shownTime(item.start, 'da')}`;
  return (
    <figure className="kiosk-preview" aria-label={t('preview')}>
      <figcaption>{t('preview')}</figcaption>
      <ShadowMount>
        <I18nextProvider i18n={i18n}>
          <KioskEnvProvider env={env}>
            <ItemCard
              pictogram={item.pictogram}
              title={title}
              when={when}
              changed={item.changed}
              speech={sentences(title, `Klokken ${spokenTime(item.start)}`)}
            />
          </KioskEnvProvider>
        </I18nextProvider>
      </ShadowMount>
    </figure>
  );
}
