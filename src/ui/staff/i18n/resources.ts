/** Every namespace of the staff admin's words, in Danish and English (one line per page). */
import { activitiesWords } from '../activities/words.js';
import { shellWords } from '../shell/words.js';

export const staffNamespaces = {
  staff: shellWords,
  staffActivities: activitiesWords,
};
export type StaffNamespace = keyof typeof staffNamespaces;

/** The Danish words, which type every `t()` key (see src/ui/shared/i18n/i18next.d.ts). */
export type StaffDanishResources = { [N in StaffNamespace]: (typeof staffNamespaces)[N]['da'] };
