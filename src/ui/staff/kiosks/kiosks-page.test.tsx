// @vitest-environment jsdom
/**
 * Skærme as staff meet it: each kiosk's state in words (on, off, waiting for its code, removed)
 * with last seen in the centre's time; adding one shows the code, the QR code and the code's
 * expiry; editing sends device.put; removing asks first, then sends device.revoke.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Kiosk } from '../../../domain/model.js';
import type { KioskPresenceRow } from '../../../protocol/operations.js';
import { renderStaff } from '../test-support/render-staff.js';
import { KiosksPage } from './kiosks-page.js';

afterEach(() => vi.unstubAllGlobals());

const kiosk = (over: Partial<Kiosk>): Kiosk => ({
  id: 'k1',
  name: 'Gangen',
  location: 'Ved døren',
  groupIds: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  revoked: false,
  ...over,
});

/** The server's answers: presence for GET /api/devices/presence, `other` for the rest. */
function stubServer(other?: (url: string, init?: RequestInit) => Promise<Response>) {
  const spy = vi.fn((url: string, init?: RequestInit) => {
    if (url === '/api/devices/presence')
      return Promise.resolve(new Response(JSON.stringify({ kiosks: presence })));
    return other ? other(url, init) : Promise.reject(new TypeError('Failed to fetch'));
  });
  vi.stubGlobal('fetch', spy);
  return spy;
}
const presence: KioskPresenceRow[] = [
  {
    id: 'k1',
    enrolled: true,
    codeExpiresAt: null,
    online: true,
    lastSeenAt: '2026-12-01T08:55:00.000Z',
    appVersion: 'kiosk 0.1.0',
    health: null,
    healthAt: null,
  },
  {
    id: 'k2',
    enrolled: true,
    codeExpiresAt: null,
    online: false,
    lastSeenAt: '2026-11-30T15:10:00.000Z',
    appVersion: null,
    health: null,
    healthAt: null,
  },
  {
    id: 'k3',
    enrolled: false,
    codeExpiresAt: '2026-12-01T09:10:00.000Z',
    online: false,
    lastSeenAt: null,
    appVersion: null,
    health: null,
    healthAt: null,
  },
];

const seed = {
  kiosk: [
    kiosk({}),
    kiosk({ id: 'k2', name: 'Spisestuen' }),
    kiosk({ id: 'k3', name: 'Værkstedet' }),
    kiosk({ id: 'k4', name: 'Gammel', revoked: true }),
  ],
};

describe('the kiosks page', () => {
  it('says for each kiosk whether it is on, when it was last seen, its version and place', async () => {
    stubServer();
    await renderStaff(<KiosksPage />, { path: '/kiosks', seed });
    const card = (name: string) =>
      screen.getByRole('heading', { name: new RegExp(name) }).closest('li') as HTMLElement;
    expect(await screen.findByText('Gangen')).toBeTruthy();
    expect(await within(card('Gangen')).findByText('Tændt')).toBeTruthy();
    expect(within(card('Gangen')).getByText('i dag kl. 09.55')).toBeTruthy();
    expect(within(card('Gangen')).getByText('kiosk 0.1.0')).toBeTruthy();
    expect(within(card('Gangen')).getByText('Ved døren')).toBeTruthy();
    expect(within(card('Spisestuen')).getByText('Slukket')).toBeTruthy();
    expect(within(card('Spisestuen')).getByText('mandag 30. november kl. 16.10')).toBeTruthy();
    expect(within(card('Værkstedet')).getByText('Venter på kode')).toBeTruthy();
    expect(within(card('Værkstedet')).getByText('Aldrig')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Fjernede skærme' })).toBeTruthy();
    expect(within(card('Gammel')).queryByRole('button')).toBeNull();
  });

  it('adds a kiosk and shows its code, QR code and when the code stops working', async () => {
    const fetchSpy = stubServer(() =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            code: 'ABCD-EFGH',
            deviceId: 'k9',
            expiresAt: '2026-12-01T09:10:00.000Z',
            kioskAddress: 'http://centre.test:8080/kiosk/#enrol=ABCD-EFGH',
          }),
          { status: 201 },
        ),
      ),
    );
    await renderStaff(<KiosksPage />, { path: '/kiosks' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tilføj skærm' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Navn'), 'Hallen');
    await user.click(within(dialog).getByRole('button', { name: 'Opret skærm' }));
    expect(await screen.findByText('ABCD-EFGH')).toBeTruthy();
    expect(screen.getByText('http://centre.test:8080/kiosk/#enrol=ABCD-EFGH')).toBeTruthy();
    expect(screen.getByText('Koden virker til i dag kl. 10.10.')).toBeTruthy();
    const qr = screen.getByRole('img', { name: 'QR-kode med skærmens adresse og kode' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(fetchSpy).toHaveBeenCalledWith(
      '/api/devices',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ name: 'Hallen', location: '' }),
      }),
    );
  });

  it('says so when the server cannot be reached, and keeps the form', async () => {
    stubServer();
    await renderStaff(<KiosksPage />, { path: '/kiosks' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Tilføj skærm' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Navn'), 'Hallen');
    await user.click(within(dialog).getByRole('button', { name: 'Opret skærm' }));
    expect(
      await within(dialog).findByText('Der er ingen forbindelse til serveren. Prøv igen om lidt.'),
    ).toBeTruthy();
  });

  it('gives a kiosk a new code and shows it', async () => {
    const spy = stubServer((url) =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            code: 'NEWC-ODE1',
            deviceId: 'k3',
            expiresAt: '2026-12-01T09:10:00.000Z',
            kioskAddress: 'http://centre.test/kiosk/#enrol=NEWC-ODE1',
          }),
          { status: url === '/api/devices/k3/code' ? 201 : 404 },
        ),
      ),
    );
    await renderStaff(<KiosksPage />, { path: '/kiosks', seed });
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Ny kode: Værkstedet' }));
    expect(
      await screen.findByRole('heading', { name: 'Ny kode til skærmen "Værkstedet"' }),
    ).toBeTruthy();
    expect(screen.getByText('NEWC-ODE1')).toBeTruthy();
    expect(spy).toHaveBeenCalledWith(
      '/api/devices/k3/code',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('edits a kiosk with device.put and removes one only after asking', async () => {
    stubServer();
    const t = await renderStaff(<KiosksPage />, { path: '/kiosks', seed });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Ret: Gangen' }));
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByLabelText('Navn');
    await user.clear(name);
    await user.type(name, 'Indgangen');
    await user.click(within(dialog).getByRole('button', { name: 'Gem' }));
    await waitFor(() =>
      expect(t.sent).toContainEqual({
        name: 'device.put',
        args: { deviceId: 'k1', name: 'Indgangen', location: 'Ved døren', groupIds: [] },
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Fjern: Spisestuen' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(t.sent.some((s) => s.name === 'device.revoke')).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Ja, fjern skærmen' }));
    await waitFor(() =>
      expect(t.sent).toContainEqual({ name: 'device.revoke', args: { deviceId: 'k2' } }),
    );
  });

  it("shows a kiosk shell's health and asks a screen that is on to reload", async () => {
    const rows: KioskPresenceRow[] = presence.map((r) =>
      r.id === 'k1'
        ? {
            ...r,
            health: {
              version: '1.4.0',
              uptimeSeconds: 3 * 24 * 3600 + 60,
              lastCrash: { at: '2026-12-01T08:30:00.000Z', reason: 'oom' },
              screen: 'crash-loop',
            },
            healthAt: '2026-12-01T08:55:00.000Z',
          }
        : r,
    );
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (url === '/api/devices/presence')
          return Promise.resolve(new Response(JSON.stringify({ kiosks: rows })));
        sent.push(`${init?.method ?? 'GET'} ${url}`);
        return Promise.resolve(new Response('{"status":"sent"}', { status: 202 }));
      }),
    );
    await renderStaff(<KiosksPage />, { path: '/kiosks', seed });
    const card = (name: string) =>
      screen.getByRole('heading', { name: new RegExp(name) }).closest('li') as HTMLElement;
    expect(await screen.findByText('Gangen')).toBeTruthy();
    expect(await within(card('Gangen')).findByText('Hviler efter flere nedbrud')).toBeTruthy();
    expect(within(card('Gangen')).getByText('3 døgn')).toBeTruthy();
    expect(within(card('Gangen')).getByText('i dag kl. 09.30 (oom)')).toBeTruthy();
    // A screen that is off has no reload button; one that is on does.
    expect(within(card('Spisestuen')).queryByRole('button', { name: /Genindlæs/ })).toBeNull();
    await userEvent
      .setup()
      .click(within(card('Gangen')).getByRole('button', { name: 'Genindlæs skærmen "Gangen"' }));
    expect(await screen.findByText('Skærmen "Gangen" genindlæser nu.')).toBeTruthy();
    expect(sent).toEqual(['POST /api/devices/k1/reload']);
  });
});
