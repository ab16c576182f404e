/** An address under /staff/ that is no page. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-aria-components';
import { PageHeader } from './page-header.js';

export function NotFound() {
  const { t } = useTranslation('staff');
  return (
    <>
      <PageHeader title={t('notFound')} />
      <p>
        <Link href="/">{t('nav.today')}</Link>
      </p>
    </>
  );
}
