/** i18next for the kiosk: its namespaces through the shared factory (src/ui/shared/i18n). */
import type { i18n } from 'i18next';
import { createI18nFor } from '../../shared/i18n/create-i18n.js';
import type { Lang } from '../settings.js';
import { namespaces } from './resources.js';

export function createI18n(lang: Lang): i18n {
  return createI18nFor(lang, namespaces, 'common');
}
