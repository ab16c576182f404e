/**
 * A refused sign-up, cancellation or meal answer in plain words, from the rejection the server
 * sent (code and reason, never its English message): "Holdet er fuldt – Anna kom ikke med."
 */
import type { Rejection } from '../../../client/index.js';
import { fill } from './format.js';
import type { WeekWords } from './words.js';

export function refusalText(
  r: Pick<Rejection, 'code' | 'reason'>,
  w: WeekWords,
  names: { name: string; owner: string },
): string {
  const say = (text: string) => fill(text, names);
  switch (r.reason) {
    case 'relatives_may_not_act':
      return say(w.refused.notAllowed);
    case 'not_in_audience':
      return say(w.refused.notInAudience);
    case 'activity_ended':
      return say(w.refused.started);
    case 'deadline_passed':
      return say(w.refused.closed);
    case 'in_the_past':
      return say(w.refused.mealOver);
    default:
      break;
  }
  switch (r.code) {
    case 'full':
      return say(w.refused.full);
    case 'closed':
      return say(w.refused.closed);
    case 'not_found':
      return say(w.refused.notFound);
    default:
      return say(w.refused.other);
  }
}
