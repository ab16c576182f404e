/**
 * "See it as the resident will" (ADMIN-UX): the real kiosk ActivityCard, with the kiosk's words,
 * pictograms, read-aloud button and styles, inside a shadow root so the kiosk's CSS (its own
 * `.badge`, `button`, `h3` …) never touches the admin page and the admin's never touches it.
 * It shows the names the wall would show: only residents with wall consent.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { unlockOffline } from '../../../client/unlock.js';
import type { Activity, Resident, SignUp } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { ActivityCard } from '../../kiosk/activities/activity-card.js';
import { KioskEnvProvider, type KioskEnv } from '../../kiosk/data/kiosk-env.js';
import { createI18n } from '../../kiosk/i18n/index.js';
import { defaultSettings } from '../../kiosk/settings.js';
import { browserSpeaker } from '../../kiosk/speech/browser-speaker.js';
import { weekdayName } from '../../kiosk/time/format.js';
import baseCss from '../../kiosk/styles/base.css?inline';
import sharedCss from '../../kiosk/styles/shared.css?inline';
import activitiesCss from '../../kiosk/activities/activities.css?inline';
import { useStaff } from '../shell/staff-env.js';

/** The kiosk's page-wide rules (`:root` variables) apply to the shadow root's host instead. */
const PREVIEW_CSS = `${[baseCss, sharedCss, activitiesCss].join('\n').replaceAll(':root', ':host')}
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
  return (
    // A picture of the card: its kiosk buttons do nothing here, so they are not in the page's
    // tab order or read out as the admin's own "Tilmeld".
    <div ref={host} className="kiosk-preview-host" inert>
      {mount && createPortal(children, mount)}
    </div>
  );
}

interface Props {
  activity: Activity;
  signups: readonly SignUp[];
  residents: readonly Resident[];
  now: Date;
  timeZone: string;
}

export function KioskPreview({ activity, signups, residents, now, timeZone }: Props) {
  const { t } = useTranslation('staffActivities');
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
      // Read-aloud as on the wall (the preview is inert, so it only draws the button).
      speaker: browserSpeaker(() => null),
    }),
    [staff.db, staff.status, staff.clock],
  );
  const wall = useMemo(
    () => new Map(residents.filter((r) => r.wallConsent).map((r) => [r.id, r])),
    [residents],
  );
  const day = (instant: string) => weekdayName(dayOf(instant, timeZone), 'da');
  return (
    <figure className="acts-kiosk-preview" aria-labelledby="kiosk-preview-title">
      {/* An h2, so the card's own h3 follows in order wherever the preview stands. */}
      <figcaption>
        <h2 id="kiosk-preview-title">{t('form.preview')}</h2>
      </figcaption>
      <ShadowMount>
        <I18nextProvider i18n={i18n}>
          <KioskEnvProvider env={env}>
            <ActivityCard
              activity={activity}
              signups={signups.map((s) => ({ ...s, pending: null }))}
              rejections={[]}
              wall={wall}
              recent={new Set()}
              now={now}
              timeZone={timeZone}
              lang="da"
              online
              spokenDay={day(activity.start)}
              deadlineDay={day}
              onSignUp={() => undefined}
              onCancel={() => undefined}
              onRetryWaitlist={() => undefined}
              onDismiss={() => undefined}
            />
          </KioskEnvProvider>
        </I18nextProvider>
      </ShadowMount>
    </figure>
  );
}
