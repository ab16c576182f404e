/**
 * My day: the resident taps their own photo (and types their PIN where staff set one) and sees
 * their own day as a time line — past items dimmed, the current one marked — and their sign-ups
 * and bookings. It closes itself back to Home after the idle time (the store's goHome clears it),
 * so nobody else sees it on the shared screen.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayItem, Resident } from '../../../domain/model.js';
import { useWallResidents } from '../data/hooks.js';
import { Avatar, firstName } from '../shared/avatar.js';
import { Pager } from '../shared/pager.js';
import { Pictogram } from '../shared/pictogram.js';
import { PinPad } from '../shared/pin-pad.js';
import { ResidentPicker } from '../shared/resident-picker.js';
import { useKiosk } from '../state/store.js';
import { useMyThings } from './my-things.js';
import { useTimeline } from './timeline.js';
import './my-day.css';

export function MyDayScreen() {
  const { t } = useTranslation('myDay');
  const residents = useWallResidents();
  const residentId = useKiosk((s) => s.residentId);
  const openResident = useKiosk((s) => s.openResident);
  const goHome = useKiosk((s) => s.goHome);
  const [asking, setAsking] = useState<Resident | null>(null);
  // A PIN-guarded resident's own items: only in memory, only while their view is open (the
  // screen unmounts when it goes Home, on idle too).
  const [unlocked, setUnlocked] = useState<{ residentId: string; items: DayItem[] } | null>(null);
  if (residents === undefined) return null;
  const resident = residents.find((r) => r.id === residentId);
  const name = resident ? firstName(resident.displayName) : '';

  if (!resident) {
    return (
      <div className="my-day">
        <div className="my-day-intro">
          <Pictogram name="my-day" />
          <div>
            <h1>{t('title')}</h1>
            <p>{t('intro')}</p>
          </div>
        </div>
        <ResidentPicker
          residents={residents}
          onPick={(r) => (r.hasPin ? setAsking(r) : openResident(r.id))}
        />
        {asking && (
          <PinPad
            resident={asking}
            onUnlocked={(items) => {
              setUnlocked({ residentId: asking.id, items });
              openResident(asking.id);
              setAsking(null);
            }}
            onCancel={() => setAsking(null)}
          />
        )}
      </div>
    );
  }

  return (
    <div className="my-day">
      {/* The help under the name, not a row of its own: the day's items get that height. */}
      <div className="my-day-head">
        <Avatar resident={resident} />
        <div className="my-day-who">
          <h1>{t(/[sxz]$/i.test(name) ? 'whoseSibilant' : 'whose', { name })}</h1>
          <p className="help">{t('closesItself')}</p>
        </div>
        <button type="button" className="secondary" onClick={goHome}>
          {t('close')}
        </button>
      </div>
      <MyDayList
        resident={resident}
        own={unlocked?.residentId === resident.id ? unlocked.items : []}
      />
    </div>
  );
}

/**
 * The day and the resident's own sign-ups as one list, one screen-full at a time (pager.tsx):
 * landscape showed 3 of 9 items. One column in both orientations, so the time line reads from
 * top to bottom; each part keeps its heading with its first item.
 */
function MyDayList({ resident, own }: { resident: Resident; own: readonly DayItem[] }) {
  const { t } = useTranslation('myDay');
  const timeline = useTimeline({ resident, own });
  const mine = useMyThings(resident);
  if (timeline === null || mine === null) return null;
  return (
    <Pager
      className="my-day-body timeline"
      listClassName="my-day-list"
      label={t('title')}
      resetKey={resident.id}
      items={[...timeline, ...mine]}
    />
  );
}
