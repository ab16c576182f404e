/** Placeholder: the my-day screen is being built. */
import { useTranslation } from 'react-i18next';

export function MyDayScreen() {
  const { t } = useTranslation('myDay');
  return <h1>{t('title')}</h1>;
}
