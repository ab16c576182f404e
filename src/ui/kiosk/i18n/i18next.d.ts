import 'i18next';
import type { DanishResources } from './resources.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: DanishResources;
  }
}
