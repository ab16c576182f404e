/**
 * What an activity shows on the wall, from the cache, the outbox and the kiosk clock. The state
 * itself is the domain's one derivation (`activityState` in capacity.ts: closed and why, places,
 * full with or without a waiting list, how pending changes count), shared with the relatives'
 * week and the staff page; here are only the wall's words for it, so Home's line and the
 * Activities card can never disagree. The server decides for real.
 */
import type { TFunction } from 'i18next';
import type { OverlaidSignUp } from '../../../client/index.js';
import type { Activity, Resident } from '../../../domain/model.js';
import { activityState, type ActivityState } from '../../../domain/rules/capacity.js';
import { firstName } from '../shared/avatar.js';

export type { ActivityState } from '../../../domain/rules/capacity.js';

/** The activity's state with this kiosk's known sign-ups and their pending changes counted. */
export const stateOf = (
  a: Activity,
  now: Date,
  signups: readonly OverlaidSignUp[] = [],
): ActivityState =>
  activityState(
    a,
    now,
    signups.filter((s) => s.activityId === a.id),
  );

/**
 * The one line about joining, in the Activities words: why it is closed, else the places
 * ("5 ledige pladser", "Fuld", "Der er plads til alle"). Home and the card both say this.
 */
export function summaryOf(s: ActivityState, t: TFunction<'activities'>): string {
  if (s.closed) return t(`closed.${s.closed}`);
  return placesText(s, t);
}

/** The places part alone: "5 ledige pladser", "Fuld", "Der er plads til alle". */
export function placesText(s: ActivityState, t: TFunction<'activities'>): string {
  const { left, full } = s.places;
  return left === null ? t('roomForAll') : full ? t('full') : t('placesLeft', { count: left });
}

/** Who is on the activity, as the wall may show it: consenting first names and a count. */
export interface Roster {
  names: string[];
  /** Confirmed residents the wall may not name (or the kiosk does not know). */
  others: number;
}

/**
 * Names of the residents with wall consent who have a place once pending changes are sent (a
 * sign-up still in the outbox is named, a pending cancel is not: the same rule as the count and
 * the places), and the rest of the confirmed as a number.
 */
export function rosterOf(s: ActivityState, wall: ReadonlyMap<string, Resident>): Roster {
  const named = [...s.standing]
    .filter(([, standing]) => standing === 'confirmed')
    .map(([id]) => wall.get(id))
    .filter((r): r is Resident => r !== undefined)
    .map((r) => firstName(r.displayName))
    .sort((x, y) => x.localeCompare(y, 'da'));
  return { names: named, others: Math.max(0, s.confirmed - named.length) };
}

/** Is the resident on the activity (confirmed or waiting), counting what is still to be sent? */
export function isOn(s: OverlaidSignUp | undefined): boolean {
  if (!s) return false;
  if (s.pending === 'add') return true;
  if (s.pending === 'cancel') return false;
  return s.status === 'confirmed' || s.status === 'waitlisted';
}

/**
 * The one wording of a resident's result, on the card and in the undo bar alike: what they will
 * be ("Anna er tilmeldt.", "… er på ventelisten.", "… er afmeldt."), then, while the change is
 * still to be sent, "Sendes nu." or "Sendes, når der er forbindelse." Never "tilmeldt" in one
 * place and only "sendes" in another.
 */
export function resultText(
  p: {
    name: string;
    /** The activity's title: the undo bar names it, the card (which has it as its heading) not. */
    title?: string;
    kind: 'confirmed' | 'waitlisted' | 'cancelled';
    position?: number | null;
    /** Null: nothing is waiting to be sent. */
    sending: 'now' | 'later' | null;
  },
  t: TFunction<'activities'>,
  c: TFunction,
): string {
  const what =
    p.title !== undefined
      ? t(
          p.kind === 'confirmed'
            ? 'done.added'
            : p.kind === 'waitlisted'
              ? 'done.waitlisted'
              : 'done.cancelled',
          { name: p.name, title: p.title },
        )
      : p.kind === 'waitlisted'
        ? p.position
          ? t('result.waitlisted', { name: p.name, position: p.position })
          : t('result.onWaitlist', { name: p.name })
        : t(p.kind === 'confirmed' ? 'result.confirmed' : 'result.cancelled', { name: p.name });
  if (p.sending === null) return what;
  return `${what} ${p.sending === 'now' ? c('status.sending') : c('status.sendsLater')}`;
}
