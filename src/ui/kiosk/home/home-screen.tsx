/** Placeholder: the home screen is being built. */
import { useTranslation } from 'react-i18next';

export function HomeScreen() {
  const { t } = useTranslation('home');
  return <h1>{t('title')}</h1>;
}
