/** Every namespace of the staff admin's words, in Danish and English (one line per page). */
import { residentsWords } from '../residents/words.js';
import { relativesWords } from '../relatives/words.js';
import { activitiesWords } from '../activities/words.js';
import { shellWords } from '../shell/words.js';
import { todayWords } from '../today/words.js';
import { kiosksWords } from '../kiosks/words.js';
import { usersWords } from '../users/words.js';
import { wallMessageWords } from '../wall-message/words.js';
import { auditWords } from '../audit/words.js';
import { evaluationWords } from '../evaluation/words.js';
import { mediaWords } from '../media/words.js';
import { newsWords } from '../news/words.js';
import { albumsWords } from '../albums/words.js';
import { mealsWords } from '../meals/words.js';
import { dayStructureWords } from '../day-structure/words.js';
import { rosterWords } from '../roster/words.js';
import { resourcesWords } from '../resources/words.js';

export const staffNamespaces = {
  staffResidents: residentsWords,
  staffRelatives: relativesWords,
  staff: shellWords,
  staffToday: todayWords,
  staffKiosks: kiosksWords,
  staffUsers: usersWords,
  staffWallMessage: wallMessageWords,
  staffAudit: auditWords,
  staffEvaluation: evaluationWords,
  staffActivities: activitiesWords,
  staffNews: newsWords,
  staffAlbums: albumsWords,
  staffMedia: mediaWords,
  staffMeals: mealsWords,
  staffDayStructure: dayStructureWords,
  staffRoster: rosterWords,
  staffResources: resourcesWords,
};
export type StaffNamespace = keyof typeof staffNamespaces;

/** The Danish words, which type every `t()` key (see src/ui/shared/i18n/i18next.d.ts). */
export type StaffDanishResources = { [N in StaffNamespace]: (typeof staffNamespaces)[N]['da'] };
