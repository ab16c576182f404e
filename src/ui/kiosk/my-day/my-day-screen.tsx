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
import { Pictogram } from '../shared/pictogram.js';
import { PinPad } from '../shared/pin-pad.js';
import { ResidentPicker } from '../shared/resident-picker.js';
import { useKiosk } from '../state/store.js';
import { MyThings } from './my-things.js';
import { Timeline } from './timeline.js';
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
      <div className="my-day-head">
        <Avatar resident={resident} />
        <h1>{t('whose', { name: firstName(resident.displayName) })}</h1>
        <button type="button" className="secondary" onClick={goHome}>
          {t('close')}
        </button>
      </div>
      <p className="help">{t('closesItself')}</p>
      <div className="my-day-body">
        <Timeline
          resident={resident}
          own={unlocked?.residentId === resident.id ? unlocked.items : []}
        />
        <MyThings resident={resident} />
      </div>
    </div>
  );
}
