// Types every `t()` key of every front end: the kiosk's namespaces, the staff admin's and the
// municipal admin's (namespace names do not overlap: the staff's start with `staff`).
import 'i18next';
import type { DanishResources } from '../../kiosk/i18n/resources.js';
import type { StaffDanishResources } from '../../staff/i18n/resources.js';
import type { MunicipalDanishResources } from '../../municipal/i18n.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: DanishResources & StaffDanishResources & MunicipalDanishResources;
  }
}
