/** The page's top bar: whose page it is, Dansk / English, and who is signed in with "Log ud". */
import { useTranslation } from 'react-i18next';
import type { Lang } from '../shared/i18n/create-i18n.js';
import { applyLang } from './i18n.js';

const names: Record<Lang, string> = { da: 'Dansk', en: 'English' };

export function Header({ username, onLogout }: { username?: string; onLogout?: () => void }) {
  const { t, i18n } = useTranslation('municipal');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'da';
  return (
    <header className="municipal-header">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <p className="brand">
        {t('appName')} <span className="brand-part">· {t('appPart')}</span>
      </p>
      <div className="lang-switch" role="group" aria-label={t('language')}>
        {(['da', 'en'] as const).map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            className="lang-button"
            aria-pressed={l === lang}
            onClick={() => applyLang(i18n, l)}
          >
            {names[l]}
          </button>
        ))}
      </div>
      {username !== undefined && onLogout && (
        <div className="account">
          <span className="signed-in">{t('signedInAs', { name: username })}</span>
          <button type="button" className="account-button" onClick={onLogout}>
            {t('logout')}
          </button>
        </div>
      )}
    </header>
  );
}
