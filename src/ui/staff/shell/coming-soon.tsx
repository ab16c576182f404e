/** A menu entry whose page is not built yet: says so plainly. */
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header.js';

export function ComingSoon() {
  const { t } = useTranslation('staff');
  return (
    <>
      <PageHeader title={t('appName')} />
      <p>{t('comingSoon')}</p>
    </>
  );
}
