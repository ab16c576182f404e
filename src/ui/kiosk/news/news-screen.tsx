/** Placeholder: the news screen is being built. */
import { useTranslation } from 'react-i18next';

export function NewsScreen() {
  const { t } = useTranslation('news');
  return <h1>{t('title')}</h1>;
}
