// @vitest-environment jsdom
/**
 * The staff admin's gate when the server cannot be reached at start: the login page shows (and
 * says there is no connection when tried), never a blank page.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18nFor } from '../shared/i18n/create-i18n.js';
import { App } from './app.js';
import { staffNamespaces } from './i18n/resources.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the staff gate', () => {
  it('shows the login page when the server does not answer, and says so on trying', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    render(
      <I18nextProvider i18n={createI18nFor('da', staffNamespaces, 'staff')}>
        <App />
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Brugernavn'), 'mette');
    await user.type(screen.getByLabelText('Adgangskode'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log ind' }));
    expect(await screen.findByText(/Ingen forbindelse til serveren/)).toBeTruthy();
  });
});
