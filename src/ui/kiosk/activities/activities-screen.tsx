/** Placeholder: the activities screen is being built. */
import { useTranslation } from 'react-i18next';

export function ActivitiesScreen() {
  const { t } = useTranslation('activities');
  return <h1>{t('title')}</h1>;
}
