/** Entry point of the staff admin page. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria-components';
import { I18nextProvider } from 'react-i18next';
import { z } from 'zod';
import { createI18nFor, type Lang } from '../shared/i18n/create-i18n.js';
import { App } from './app.js';
import { staffNamespaces } from './i18n/resources.js';
import '../../../assets/fonts/fonts.css';
import '../shared/styles/visually-hidden.css';
import './styles/staff.css';

const lang: Lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'da';
document.documentElement.lang = lang;
// The protocol's zod schemas validate the forms; their messages in the page's language.
z.config(lang === 'da' ? z.locales.da() : z.locales.en());
const i18n = createI18nFor(lang, staffNamespaces, 'staff');

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <I18nProvider locale={lang === 'da' ? 'da-DK' : 'en-GB'}>
          <App />
        </I18nProvider>
      </I18nextProvider>
    </StrictMode>,
  );
