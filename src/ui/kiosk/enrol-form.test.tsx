// @vitest-environment jsdom
/**
 * A kiosk without a token, or whose code was used or expired, offers a big field to type a new
 * code (issue 8: "the kiosk page offers no field to type a new code"), in Danish and in English.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.js';
import { createI18n } from './i18n/index.js';
import { defaultSettings } from './settings.js';
import { fakeSpeech } from './test-support/render-kiosk.js';

/** The server's enrol answers, in order; records the codes sent. */
function server(...answers: { status: number; body: Record<string, string> }[]): string[] {
  const sent: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init?: RequestInit) => {
      sent.push((JSON.parse(init?.body as string) as { code: string }).code);
      const a = answers.shift() ?? { status: 500, body: {} };
      return Promise.resolve(new Response(JSON.stringify(a.body), { status: a.status }));
    }),
  );
  return sent;
}

const used = { status: 409, body: { error: 'code_used', message: 'used' } };

function renderApp(enrolCode: string | null, lang: 'da' | 'en' = 'da'): void {
  render(
    <App
      enrolCode={enrolCode}
      settings={{ ...defaultSettings, lang }}
      speaker={fakeSpeech().speaker}
      i18n={createI18n(lang)}
    />,
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the kiosk code field', () => {
  it('is there when the kiosk has no token, and sends the typed code tidied', async () => {
    const sent = server(used);
    renderApp(null);
    const field = screen.getByLabelText('Kode til skærmen');
    fireEvent.change(field, { target: { value: ' abcde-fghjk ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tilmeld skærmen' }));
    await screen.findByText('Koden er allerede brugt. Bed personalet om en ny kode.');
    expect(sent).toEqual(['ABCDE-FGHJK']);
  });

  it('comes back after a used code in the address, and a new code enrols the kiosk', async () => {
    const sent = server(used, { status: 200, body: { token: 't-1', deviceId: 'd', name: 'K' } });
    renderApp('OLDXX-CODEX');
    await screen.findByText('Koden er allerede brugt. Bed personalet om en ny kode.');
    fireEvent.change(screen.getByLabelText('Kode til skærmen'), {
      target: { value: 'NEWXX-CODEX' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Tilmeld skærmen' }));
    await vi.waitFor(() => expect(localStorage.getItem('citizen-guide.kiosk-token')).toBe('t-1'));
    expect(sent).toEqual(['OLDXX-CODEX', 'NEWXX-CODEX']);
    expect(screen.queryByLabelText('Kode til skærmen')).toBeNull();
  });

  it('does not offer an empty code, and speaks English when the kiosk does', async () => {
    server({ status: 410, body: { error: 'code_expired', message: '' } });
    renderApp('OLDYY-CODEY', 'en');
    await screen.findByText(
      'The code has expired. It works for 10 minutes only. Ask the staff for a new one.',
    );
    const button = screen.getByRole('button', { name: 'Enrol the screen' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Code for this screen'), { target: { value: '   ' } });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });
});
