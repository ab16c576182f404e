/** Placeholder: the roster screen is being built. */
import { useTranslation } from 'react-i18next';

export function RosterScreen() {
  const { t } = useTranslation('roster');
  return <h1>{t('title')}</h1>;
}
