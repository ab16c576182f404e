/**
 * One activity on the Activities screen: pictogram, title, time and place (ItemCard), then places
 * left, who is signed up (consenting first names and "+2"), the waiting list, what happened to
 * this kiosk's own sign-ups ("Anna: Sendes nu.", "Anna er nummer 3 på ventelisten."), refused
 * sign-ups in plain words, and the big "Tilmeld" / "Afmeld" buttons low on the card.
 */
import { useTranslation } from 'react-i18next';
import type { OverlaidSignUp, Rejection } from '../../../client/index.js';
import type { Activity, Resident } from '../../../domain/model.js';
import { rejectionSentence } from '../frame/rejection-notices.js';
import { firstName } from '../shared/avatar.js';
import { useOnce } from '../shared/confirm.js';
import { ItemCard } from '../shared/item-card.js';
import { Pictogram } from '../shared/pictogram.js';
import { sentences } from '../shared/read-aloud.js';
import type { Lang } from '../settings.js';
import { clockOf, spokenTime, wallTime } from '../time/format.js';
import {
  isOn,
  placesText as placesOfState,
  resultText,
  rosterOf,
  stateOf,
} from './activity-state.js';

interface Props {
  activity: Activity;
  signups: readonly OverlaidSignUp[];
  rejections: readonly Rejection[];
  wall: ReadonlyMap<string, Resident>;
  /** Residents who acted on this card since the screen opened: their result stays in view. */
  recent: ReadonlySet<string>;
  now: Date;
  timeZone: string;
  lang: Lang;
  online: boolean;
  /** "I dag", "I morgen", "torsdag": for the read-aloud sentence. */
  spokenDay: string;
  deadlineDay: (instant: string) => string;
  onSignUp: () => void;
  onCancel: () => void;
  onRetryWaitlist: (r: Rejection, resident: Resident) => void;
  onDismiss: (id: string) => void;
}

export function ActivityCard(p: Props) {
  const { t } = useTranslation('activities');
  const { t: c } = useTranslation();
  const a = p.activity;
  // One state for everything on the card: the pending changes count in the names, the count,
  // the waiting list and the places alike.
  const state = stateOf(a, p.now, p.signups);
  const { closed } = state;
  const { full } = state.places;
  const roster = rosterOf(state, p.wall);
  const from = clockOf(a.start, p.timeZone, p.lang);
  const to = clockOf(a.end, p.timeZone, p.lang);

  const placesText = placesOfState(state, t);
  const rosterText =
    roster.names.length === 0 && roster.others === 0
      ? t('nobodyYet')
      : t('signedUpList', {
          // "Anna, Bent +2": the rest are only counted; with no names, "2 personer".
          names:
            roster.names.length === 0
              ? t('people', { count: roster.others })
              : roster.names.join(', ') +
                (roster.others > 0 ? ` ${t('others', { count: roster.others })}` : ''),
        });
  const closedText = closed ? t(`closed.${closed}`) : null;
  const waitBadge = !closed && full && !!a.waitlist;
  const waitingText =
    closed !== 'ended' && state.waitlisted > 0 ? t('waiting', { count: state.waitlisted }) : null;
  const someoneOn = p.signups.some((s) => isOn(s) && p.wall.has(s.residentId));
  const deadlineText =
    !closed && a.signupDeadline
      ? t('deadline', {
          when: `${p.deadlineDay(a.signupDeadline)} ${c('at', { time: clockOf(a.signupDeadline, p.timeZone, p.lang) })}`,
        })
      : null;

  // One line per resident this kiosk may name whose sign-up is worth telling: still being sent,
  // on the waiting list, or just changed here.
  const results = p.signups
    .map((s) => ({ s, r: p.wall.get(s.residentId) }))
    .filter(
      (x): x is { s: OverlaidSignUp; r: Resident } =>
        !!x.r &&
        (x.s.pending !== null || x.s.status === 'waitlisted' || p.recent.has(x.s.residentId)),
    )
    .map(({ s, r }) => {
      const name = firstName(r.displayName);
      // What the resident will be once sent, by the same rule as the names and the count.
      const standing = state.standing.get(s.residentId) ?? 'none';
      const kind =
        standing === 'none' ? 'cancelled' : standing === 'waitlisted' ? 'waitlisted' : 'confirmed';
      const sending = s.pending ? (p.online ? 'now' : 'later') : null;
      // A pending sign-up the rules would refuse (filled up meanwhile): only that it is sent.
      const text =
        s.pending === 'add' && standing === 'none'
          ? t('result.pending', {
              name,
              state: p.online ? c('status.sending') : c('status.sendsLater'),
            })
          : resultText({ name, kind, position: s.pending ? null : s.position, sending }, t, c);
      return { id: s.id, text, pending: s.pending !== null };
    });

  const speech = sentences(
    a.title,
    `${p.spokenDay} ${c('spoken.at', { time: spokenTime(wallTime(a.start, p.timeZone)) })}`,
    a.place && c('spoken.place', { place: a.place }),
    closedText ?? placesText,
    closedText ? null : full && a.waitlist ? t('hasWaitlist') : null,
    rosterText,
  );

  return (
    <ItemCard
      pictogram={a.pictogram}
      title={a.title}
      when={c('fromTo', { from, to })}
      speech={speech}
      tone={closed === 'ended' ? 'past' : closed === 'ongoing' ? 'now' : 'normal'}
      className="activity-card"
    >
      {a.place && <p className="activity-place">{a.place}</p>}
      {/* Everything said about the places and the people, in one column (beside the head and
          left of the buttons in landscape, under the head in portrait: activities.css). */}
      <div className="activity-details">
        {(!closed || waitingText) && (
          <p className="activity-places">
            {!closed && (
              <span className={full ? 'badge full' : 'badge good'}>
                <Pictogram
                  name={full ? 'lock' : 'people'}
                  fallback="people"
                  className="line-picto"
                />
                {placesText}
              </span>
            )}
            {/* The count folded into the badge line ("Der er venteliste · 1 på ventelisten"): a
                line of its own made the card too tall for two to a page. */}
            {waitBadge ? (
              <span className="badge warn">
                <Pictogram name="waitlist" fallback="waitlist" className="line-picto" />
                {/* One run of text, so a narrow badge wraps like a sentence, not in columns. */}
                <span>
                  {t('hasWaitlist')}
                  {waitingText && (
                    <>
                      <span aria-hidden="true"> · </span>
                      {waitingText}
                    </>
                  )}
                </span>
              </span>
            ) : (
              waitingText && <span className="activity-waiting">{waitingText}</span>
            )}
          </p>
        )}
        {/* Once it is over, who came is not news: the card stays short. */}
        {closed !== 'ended' && <p className="activity-roster">{rosterText}</p>}
        {deadlineText && <p>{deadlineText}</p>}
        {results.length > 0 && (
          <ul className="activity-results">
            {results.map((x) => (
              <li key={x.id} className={x.pending ? 'pending' : 'badge good'}>
                {x.text}
              </li>
            ))}
          </ul>
        )}
        {p.rejections.map((r) => (
          <RefusedLine key={r.id} r={r} {...p} />
        ))}
      </div>
      <div className="activity-actions">
        {closedText ? (
          <p className="activity-closed">
            <Pictogram
              name={closed === 'ended' ? 'clock' : 'lock'}
              fallback="lock"
              className="line-picto"
            />
            <span>{closedText}</span>
          </p>
        ) : full && !a.waitlist ? (
          <p className="activity-closed">
            <Pictogram name="lock" fallback="lock" className="line-picto" />
            <span>{t('fullNoWaitlist')}</span>
          </p>
        ) : (
          <button type="button" className="primary big" onClick={p.onSignUp}>
            <Pictogram name="check" fallback="check" />
            <span>{t('signUp')}</span>
          </button>
        )}
        {!closed && someoneOn && (
          <button type="button" className="secondary big" onClick={p.onCancel}>
            <Pictogram name="cross" fallback="cross" />
            <span>{t('cancel')}</span>
          </button>
        )}
      </div>
    </ItemCard>
  );
}

/**
 * A sign-up the server refused, on the card it belongs to. A "full" answer for an activity that
 * now has a waiting list asks at once whether to join it: the question is the confirm step.
 */
function RefusedLine({ r, ...p }: Props & { r: Rejection }) {
  const { t } = useTranslation('activities');
  const { t: c } = useTranslation();
  const residentId = typeof r.args.residentId === 'string' ? r.args.residentId : '';
  const resident = p.wall.get(residentId);
  const who = resident ? firstName(resident.displayName) : null;
  const sentence = rejectionSentence(r, { who, what: p.activity.title, pictogram: null }, c);
  // This question is the confirm step: one answer, however many touches.
  const [answered, once] = useOnce();
  const offerWaitlist =
    r.name === 'signup.add' &&
    r.code === 'full' &&
    p.activity.waitlist &&
    !!resident &&
    stateOf(p.activity, p.now, p.signups).closed === null;
  return (
    <div className="activity-refused" role="status">
      <p>{sentence}</p>
      {offerWaitlist ? (
        <>
          <p className="refused-question">{t('askWaitlist')}</p>
          <div className="answers">
            <button
              type="button"
              className="primary big"
              disabled={answered}
              onClick={once(() => p.onRetryWaitlist(r, resident))}
            >
              <Pictogram name="waitlist" fallback="check" />
              <span>{t('yesWaitlist')}</span>
            </button>
            <button
              type="button"
              className="secondary"
              disabled={answered}
              onClick={once(() => p.onDismiss(r.id))}
            >
              {t('notNow')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="secondary" onClick={() => p.onDismiss(r.id)}>
          {c('rejection.ok')}
        </button>
      )}
    </div>
  );
}
