/**
 * Every centre of the deployment: its name, its address (a link to its staff admin, where its
 * own administrator signs in), its slug and when it was made; or, with none yet, what to do.
 */
import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MunicipalCentre } from '../../protocol/municipal.js';
import { fetchCentres } from './api.js';

type Load =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; list: MunicipalCentre[] };

/** `2. december 2026` (Danish) or `2 December 2026`, in this browser's time zone. */
export function createdDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'da-DK', { dateStyle: 'long' }).format(
    new Date(iso),
  );
}

/** The address a centre's staff admin opens at. */
export const staffAddress = (url: string): string => `${url.replace(/\/$/, '')}/staff/`;

/** A centre's host name, breakable after each dot on a phone (never inside a word). */
function HostName({ url }: { url: string }) {
  const parts = url.replace(/^https?:\/\//, '').split('.');
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <>
              .<wbr />
            </>
          )}
          {part}
        </Fragment>
      ))}
    </>
  );
}

export function CentresPage({
  onCreate,
  onSignedOut,
}: {
  onCreate: () => void;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation('municipal');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    let live = true;
    void fetchCentres().then((r) => {
      if (!live) return;
      if (r.ok) setLoad({ state: 'ready', list: r.centres });
      else if (r.why === 'signedOut') onSignedOut();
      else setLoad({ state: 'failed' });
    });
    return () => {
      live = false;
    };
  }, [attempt, onSignedOut]);

  return (
    <>
      <div className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('centres.title')}
        </h1>
        {/* With none yet, the empty state's own button is the one way on. */}
        {!(load.state === 'ready' && load.list.length === 0) && (
          <button type="button" className="button primary" onClick={onCreate}>
            {t('centres.create')}
          </button>
        )}
      </div>
      {load.state === 'loading' && <p role="status">{t('centres.loading')}</p>}
      {load.state === 'failed' && (
        <div className="refusal" role="alert">
          <p>{t('centres.failed')}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('centres.retry')}
          </button>
        </div>
      )}
      {load.state === 'ready' && load.list.length === 0 && (
        <section className="card empty" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('centres.emptyTitle')}</h2>
          <p>{t('centres.empty')}</p>
          <button type="button" className="button primary" onClick={onCreate}>
            {t('centres.create')}
          </button>
        </section>
      )}
      {load.state === 'ready' && load.list.length > 0 && (
        <>
          <p className="muted">{t('centres.count', { count: load.list.length })}</p>
          <table className="table centres">
            <thead>
              <tr>
                <th scope="col">{t('centres.name')}</th>
                <th scope="col">{t('centres.address')}</th>
                <th scope="col" className="col-slug">
                  {t('centres.slug')}
                </th>
                <th scope="col">{t('centres.created')}</th>
              </tr>
            </thead>
            <tbody>
              {load.list.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">{c.name}</th>
                  <td className="address">
                    <a href={staffAddress(c.url)}>
                      <HostName url={c.url} />
                    </a>
                  </td>
                  <td className="col-slug">
                    <code>{c.slug}</code>
                  </td>
                  <td>{createdDate(c.createdAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
