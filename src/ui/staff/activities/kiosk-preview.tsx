/**
 * "See it as the resident will" (ADMIN-UX): the real kiosk ActivityCard, with the kiosk's words,
 * pictograms, read-aloud button and styles, inside a shadow root so the kiosk's CSS (its own
 * `.badge`, `button`, `h3` …) never touches the admin page and the admin's never touches it.
 * It shows the names the wall would show: only residents with wall consent.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity, Resident, SignUp } from '../../../domain/model.js';
import { dayOf } from '../../../domain/rules/days.js';
import { ActivityCard } from '../../kiosk/activities/activity-card.js';
import { weekdayName } from '../../kiosk/time/format.js';
import activitiesCss from '../../kiosk/activities/activities.css?inline';
import { KioskSurface } from '../shell/kiosk-surface.js';

const CSS = [activitiesCss];

interface Props {
  activity: Activity;
  signups: readonly SignUp[];
  residents: readonly Resident[];
  now: Date;
  timeZone: string;
}

export function KioskPreview({ activity, signups, residents, now, timeZone }: Props) {
  const { t } = useTranslation('staffActivities');
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
      <KioskSurface css={CSS} inert>
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
      </KioskSurface>
    </figure>
  );
}
