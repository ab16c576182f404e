/** Placeholder: the meals screen is being built. */
import { useTranslation } from 'react-i18next';

export function MealsScreen() {
  const { t } = useTranslation('meals');
  return <h1>{t('title')}</h1>;
}
