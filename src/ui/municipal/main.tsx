/** Entry point of the municipal admin's page (the deployment's base domain, `/`). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria-components';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useEffect, type ReactNode } from 'react';
import { createMunicipalI18n, initialLang } from './i18n.js';
import { MunicipalApp } from './app.js';
import '../../../assets/fonts/fonts.css';
import '../shared/styles/visually-hidden.css';
import '../staff/styles/staff.css';
import './municipal.css';

const i18n = createMunicipalI18n(initialLang());

/** React Aria's locale and the document's title follow the language switch. */
function Localised({ children }: { children: ReactNode }) {
  const { t, i18n: current } = useTranslation('municipal');
  useEffect(() => {
    document.title = t('title');
  }, [t]);
  return (
    <I18nProvider locale={current.language === 'en' ? 'en-GB' : 'da-DK'}>{children}</I18nProvider>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Localised>
          <MunicipalApp />
        </Localised>
      </I18nextProvider>
    </StrictMode>,
  );
