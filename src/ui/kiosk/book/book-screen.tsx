/**
 * Book: shared resources as big tiles; pick one, pick a day, and the day's slots show as a grid
 * of "Ledig" / "Optaget", today's from the slot under way on (ended ones cannot be booked, so they
 * are left out). A free slot → the resident's photo → the kiosk's own
 * check of the booking rules (told in plain words instead of sending something doomed) → confirm
 * → the outbox, with an undo. A slot booked by a named resident can be cancelled by that resident.
 */
import { inAudience } from '../../../domain/rules/audience.js';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { overlayBookings } from '../../../client/index.js';
import type { Resident, Resource } from '../../../domain/model.js';
import { slotsForDay, type TimeSpan } from '../../../domain/rules/booking.js';
import { dayBounds, dayOf } from '../../../domain/rules/days.js';
import {
  DayChoice,
  dayHeading,
  dayInSentence,
  useDayWords,
  weekFrom,
} from '../shared/day-choice.js';
import { useWallResidentMap, useWallResidents } from '../data/hooks.js';
import { useOnline, useToday } from '../../shared/data/hooks.js';
import { useEnv } from '../data/kiosk-env.js';
import { firstName } from '../shared/avatar.js';
import { ItemCard } from '../shared/item-card.js';
import { Pager } from '../shared/pager.js';
import { Pictogram } from '../shared/pictogram.js';
import { sentences } from '../shared/read-aloud.js';
import { useKiosk } from '../state/store.js';
import { clockOf } from '../time/format.js';
import { BookFlow, type Flow } from './book-flow.js';
import { RefusedBookings } from './refused-bookings.js';
import { lengthRule, maxRule, openingRule, releaseRule } from './rules-text.js';
import { SlotGrid } from './slot-grid.js';
import { startable, StartBookings } from './start-bookings.js';
import { heldBy, precheck, slotViews } from './slots.js';
import './book.css';

export function BookScreen() {
  const { t } = useTranslation('book');
  const { t: c } = useTranslation();
  const { db, actions, settings, clock } = useEnv();
  const { now, today, tomorrow, timeZone } = useToday();
  const lang = settings.lang;
  const online = useOnline();
  const wall = useWallResidentMap();
  const residents = useWallResidents() ?? [];
  const offerUndo = useKiosk((s) => s.offerUndo);
  const words = useDayWords(today, tomorrow, lang);
  const [chosenResource, setResource] = useState<string | null>(null);
  const [chosenDay, setDay] = useState<string | null>(null);
  const [flow, setFlow] = useState<Flow | null>(null);
  const days = weekFrom(today);
  const day = chosenDay !== null && days.includes(chosenDay) ? chosenDay : today;
  // Reached from a resource on Home: today's slots of it at once (issue 11: Home to a booking in
  // 4 taps). Used once, then cleared.
  const focus = useKiosk((s) => s.focus);
  useEffect(() => {
    if (focus === null) return;
    useKiosk.setState({ focus: null });
    setResource(focus);
    setDay(null);
  }, [focus]);

  const resources = useLiveQuery(
    async () => (await db.resource.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'da')),
    [db],
  );
  // With a single resource there is nothing to choose.
  const resource: Resource | undefined =
    resources?.find((r) => r.id === chosenResource) ??
    (resources?.length === 1 ? resources[0] : undefined);
  // All of the resource's bookings (not just the day's): the limit counts every active one. Tagged
  // with the resource, so a switch never shows the previous resource's bookings for a moment.
  const loaded = useLiveQuery(
    async () =>
      resource
        ? {
            resourceId: resource.id,
            list: overlayBookings(
              await db.booking.where('resourceId').equals(resource.id).toArray(),
              await db.outbox.toArray(),
              { resourceId: resource.id },
            ),
          }
        : null,
    [db, resource?.id],
  );
  const bookings = loaded && loaded.resourceId === resource?.id ? loaded.list : undefined;

  if (resources === undefined) return <Title />;
  if (resources.length === 0) {
    return (
      <div className="book">
        <Title />
        <p className="empty">{t('noResources')}</p>
      </div>
    );
  }

  const timeOf = (s: TimeSpan & { wholeDay?: boolean }) =>
    isWholeDay(s)
      ? t('wholeDay')
      : c('fromTo', { from: clockOf(s.start, timeZone, lang), to: clockOf(s.end, timeZone, lang) });
  const whenInSentence = (s: TimeSpan) =>
    `${dayInSentence(dayOf(s.start, timeZone), words)} ${
      isWholeDay(s) ? t('wholeDay').toLocaleLowerCase(lang) : timeOf(s)
    }`;
  function isWholeDay(s: TimeSpan): boolean {
    const b = dayBounds(dayOf(s.start, timeZone), timeZone);
    return s.start.getTime() === b.start.getTime() && s.end.getTime() === b.end.getTime();
  }

  const book = async (r: Resource, who: Resident, slot: TimeSpan) => {
    setFlow(null);
    const bookingId = crypto.randomUUID();
    const id = await actions.mutate('booking.add', {
      bookingId,
      resourceId: r.id,
      residentId: who.id,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
    });
    offerUndo(
      {
        id,
        text: t('done.added', {
          who: firstName(who.displayName),
          name: r.name,
          when: whenInSentence(slot),
        }),
        pictogram: r.pictogram,
        undo: () => void actions.mutate('booking.cancel', { bookingId }),
      },
      clock.now().getTime(),
    );
  };

  const unbook = async (r: Resource, who: Resident, slot: TimeSpan, bookingId: string) => {
    setFlow(null);
    const id = await actions.mutate('booking.cancel', { bookingId });
    offerUndo(
      {
        id,
        text: t('done.cancelled', {
          who: firstName(who.displayName),
          name: r.name,
          when: whenInSentence(slot),
        }),
        pictogram: r.pictogram,
        // Booking again takes a new id: the cancelled one stays cancelled on the server.
        undo: () =>
          void actions.mutate('booking.add', {
            bookingId: crypto.randomUUID(),
            resourceId: r.id,
            residentId: who.id,
            start: slot.start.toISOString(),
            end: slot.end.toISOString(),
          }),
      },
      clock.now().getTime(),
    );
  };

  /** After the photo: check the rules here first, and explain rather than send a doomed booking. */
  const picked = (r: Resource, who: Resident, slot: TimeSpan) => {
    const verdict = precheck(r, who.id, slot, bookings ?? [], clock.now(), timeZone);
    if (verdict.ok) return setFlow({ step: 'confirm-add', slot, residentId: who.id });
    const why =
      verdict.reason === 'max_active_bookings'
        ? [
            t('heldNow', { count: heldBy(who.id, bookings ?? [], clock.now()), name: r.name }),
            maxRule(r, t),
          ]
        : verdict.reason === 'outside_opening_hours'
          ? [c('rejection.why.outside_opening_hours'), openingRule(r, day, timeZone, lang, t, c)]
          : verdict.reason === 'slot_length'
            ? [c('rejection.why.slot_length'), lengthRule(r, t)]
            : [c(`rejection.why.${verdict.reason ?? 'conflict'}`)];
    setFlow({ step: 'cant', slot, residentId: who.id, why });
  };

  const slots = resource && bookings ? slotViews(resource, day, timeZone, bookings, now) : [];
  // Closed all day, or open but with every slot over (today, late): said differently.
  const closed = !resource || slotsForDay(resource, day, timeZone).length === 0;
  const rules = resource
    ? [
        maxRule(resource, t),
        lengthRule(resource, t),
        openingRule(resource, day, timeZone, lang, t, c),
        releaseRule(resource, t),
      ].filter((l): l is string => l !== null)
    : [];

  const rulesNode = (
    <div className="book-rules">
      {rules.map((l) => (
        <p key={l}>{l}</p>
      ))}
    </div>
  );
  // On the slots' pages one rule an item, so the pager may break between them: the four
  // together were taller than a page at portrait ×1.5 and shrunk to 66 %.
  const ruleItems = rules.map((l, i) => ({
    key: `rule-${i}`,
    wide: true,
    className: i === 0 ? 'book-rule book-rule-first' : 'book-rule',
    node: <p>{l}</p>,
  }));

  const startItem =
    resource && bookings && day === today && startable(resource, bookings, wall, now).length > 0
      ? [
          {
            key: 'start',
            wide: true,
            node: (
              <StartBookings
                resource={resource}
                bookings={bookings}
                wall={wall}
                now={now}
                timeZone={timeZone}
              />
            ),
          },
        ]
      : [];

  const choice = (r: Resource) => (
    <button type="button" className="tile" onClick={() => setResource(r.id)}>
      <Pictogram name={r.pictogram} fallback="resource" />
      <span>{r.name}</span>
    </button>
  );

  const { textScale } = settings;
  const speech = resource ? sentences(resource.name, dayHeading(day, words), ...rules) : '';
  const cls = [
    'book',
    resource && 'book-chosen',
    textScale > 1.1 && 'text-large',
    textScale > 1.4 && 'text-largest',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls}>
      <Title />
      <section aria-labelledby="book-what" className={resource ? undefined : 'book-what'}>
        <h2 id="book-what" className={resource ? 'visually-hidden' : undefined}>
          {t('chooseResource')}
        </h2>
        {resource ? (
          // Once one is chosen only it is shown (its card below): the row of all of them cost a
          // row of the screen that the slots need (landscape at text scale 1.5 had 653 px for
          // it, the days, the card and its Forrige / Næste). Skift brings the choice back.
          resources.length > 1 && (
            <button type="button" className="book-change" onClick={() => setResource(null)}>
              {t('change')}
            </button>
          )
        ) : (
          // More tiles than the screen holds go on pages (pager.tsx), never a scroll area.
          <Pager
            listClassName="tiles resource-tiles"
            items={resources.map((r) => ({ key: r.id, node: choice(r) }))}
          />
        )}
      </section>
      {resource && (
        <>
          <DayChoice
            days={days}
            selected={day}
            onSelect={setDay}
            words={words}
            label={t('chooseDay')}
          />
          <ItemCard
            pictogram={resource.pictogram}
            fallback="resource"
            title={resource.name}
            when={dayHeading(day, words)}
            headingLevel={2}
            speech={speech}
            className="book-card"
          >
            {bookings === undefined ? null : closed ? (
              <p className="empty">{t('closedDay')}</p>
            ) : (
              <>
                {!slots.some((s) => s.state === 'free') && (
                  <p className="book-none-free">
                    {day === today ? t('noneFreeToday') : t('noneFree')}
                  </p>
                )}
                {slots.length > 0 && (
                  <SlotGrid
                    slots={slots}
                    wall={wall}
                    online={online}
                    timeOf={timeOf}
                    label={t('times')}
                    resetKey={`${resource.id} ${day}`}
                    // "Jeg bruger den nu" first and the rules last, on the slots' pages: the
                    // pager counts them, so they never push the slots off or stand under its
                    // buttons (they stood over the bar in landscape).
                    before={startItem}
                    after={ruleItems}
                    onFree={(s) => setFlow({ step: 'pick-add', slot: s })}
                    onTaken={(s) =>
                      s.booking?.residentId &&
                      setFlow({
                        step: 'pick-cancel',
                        slot: s,
                        bookingId: s.booking.id,
                        ownerId: s.booking.residentId,
                      })
                    }
                  />
                )}
              </>
            )}
            <RefusedBookings resource={resource} bookings={bookings ?? []} rules={rules} />
            {(bookings === undefined || slots.length === 0) && rulesNode}
          </ItemCard>
          {flow && (
            <BookFlow
              flow={flow}
              resource={resource}
              residents={
                // The audience rule: only residents the resource is for may book it; anyone may
                // be picked to cancel (the screen then checks it is their booking).
                flow.step === 'pick-add'
                  ? residents.filter((r) => inAudience(resource.audience, r.groupIds))
                  : residents
              }
              wall={wall}
              whenInSentence={whenInSentence}
              setFlow={setFlow}
              onPicked={(who, slot) => picked(resource, who, slot)}
              onBook={(who, slot) => void book(resource, who, slot)}
              onUnbook={(who, slot, id) => void unbook(resource, who, slot, id)}
            />
          )}
        </>
      )}
    </div>
  );
}

function Title() {
  const { t } = useTranslation('book');
  return (
    <h1 className="screen-title">
      <Pictogram name="book" fallback="resource" />
      <span>{t('title')}</span>
    </h1>
  );
}
