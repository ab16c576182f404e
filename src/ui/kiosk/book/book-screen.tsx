/** Placeholder: the book screen is being built. */
import { useTranslation } from 'react-i18next';

export function BookScreen() {
  const { t } = useTranslation('book');
  return <h1>{t('title')}</h1>;
}
