import type { HandlerMap } from '../handler.js';
import { activityHandlers } from './activities.js';
import { adminHandlers } from './admin.js';
import { albumHandlers } from './albums.js';
import { bookingHandlers } from './bookings.js';
import { contentHandlers } from './content.js';
import { feedHandlers } from './feeds.js';
import { mealHandlers } from './meals.js';
import { peopleHandlers } from './people.js';
import { operationHandlers } from './operations.js';
import { planningHandlers } from './planning.js';
import { signupHandlers } from './signups.js';

/** One handler per mutation of the catalogue; the type makes a missing one a compile error. */
export const handlers: HandlerMap = {
  ...signupHandlers,
  ...bookingHandlers,
  ...mealHandlers,
  ...activityHandlers,
  ...contentHandlers,
  ...planningHandlers,
  ...adminHandlers,
  ...peopleHandlers,
  ...operationHandlers,
  ...albumHandlers,
  ...feedHandlers,
};
