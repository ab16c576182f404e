/**
 * The confirmation after "Opret center": the centre's address and its first admin's username,
 * and what to do next. The password is never shown again (it was sent once, and is not kept).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { staffAddress } from './centres-page.js';
import type { Created } from './create-centre.js';

export function CreatedPage({
  made,
  onAnother,
  onBack,
}: {
  made: Created;
  onAnother: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation('municipal');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const staff = staffAddress(made.centre.url);
  return (
    <section className="created" aria-labelledby="created-title">
      <div className="success-panel">
        <h1 id="created-title" ref={heading} tabIndex={-1}>
          {t('created.title', { name: made.centre.name })}
        </h1>
        <dl className="facts">
          <dt>{t('created.address')}</dt>
          <dd>
            <a href={staff}>{staff}</a>
          </dd>
          <dt>{t('created.admin')}</dt>
          <dd>
            <code>{made.username}</code>
          </dd>
        </dl>
      </div>
      <h2>{t('created.next')}</h2>
      <ol className="steps">
        <li>{t('created.step1')}</li>
        <li>{t('created.step2', { staff, username: made.username })}</li>
        <li>{t('created.step3')}</li>
      </ol>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={onBack}>
          {t('created.back')}
        </button>
        <button type="button" className="button" onClick={onAnother}>
          {t('created.another')}
        </button>
      </div>
    </section>
  );
}
