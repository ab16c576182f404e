// @vitest-environment jsdom
/**
 * Issue 11: night mode is decided at start, in the centre's time zone. Before the cache was read
 * the frame judged the night hours by the default zone (Copenhagen), so a kiosk in a centre
 * elsewhere opened on the wrong screen: the night screen by day, or Home at night, until the
 * centre's row arrived. Each test records every screen the kiosk showed from its first render.
 */
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheDb, SyncEngine } from '../../../client/index.js';
import { createI18n } from '../i18n/index.js';
import { engineActions, KioskApp } from '../kiosk-app.js';
import { defaultSettings } from '../settings.js';
import { useKiosk } from '../state/store.js';
import { fakeSpeech, onlineStatus } from '../test-support/render-kiosk.js';

afterEach(() => {
  cleanup();
  useKiosk.setState(useKiosk.getInitialState(), true);
});

let n = 0;
const night = { from: '22:00', to: '06:30' };

/** Starts a kiosk of a centre in Auckland at `iso`; returns what it has shown so far. */
async function start(iso: string): Promise<{ shown: Set<string> }> {
  const db = new CacheDb(`night-start-${++n}-${Date.now()}`);
  await db.centre.put({ id: 'centre', name: 'Solsikken', timeZone: 'Pacific/Auckland' });
  const shown = new Set<string>();
  const look = () => {
    if (document.body.textContent?.includes('Det er nat')) shown.add('night');
    if (screen.queryByRole('button', { name: 'Hjem' })) shown.add('home');
  };
  const watcher = new MutationObserver(look);
  watcher.observe(document.body, { childList: true, subtree: true, characterData: true });
  const fixed = new Date(iso);
  const settings = { ...defaultSettings, night };
  render(
    <KioskApp
      db={db}
      actions={engineActions(new SyncEngine({ url: 'http://kiosk.test', token: 't', db }))}
      status={onlineStatus}
      settings={settings}
      speaker={fakeSpeech().speaker}
      i18n={createI18n('da')}
      clock={{ now: () => fixed }}
    />,
  );
  look();
  await act(async () => {
    await new Promise((r) => setTimeout(r, 50));
  });
  look();
  watcher.disconnect();
  return { shown };
}

describe('night mode at start, in the centre’s time zone', () => {
  it('a kiosk started during the night hours opens on the night screen, never Home first', async () => {
    // 23.15 in Auckland (NZDT, +13), 11.15 in Copenhagen.
    const { shown } = await start('2026-11-24T10:15:00Z');
    expect(screen.getByText('Det er nat')).toBeTruthy();
    expect([...shown]).toEqual(['night']);
  });

  it('a kiosk started by day opens on Home, never the night screen first', async () => {
    // 11.15 in Auckland, 23.15 in Copenhagen.
    const { shown } = await start('2026-11-24T22:15:00Z');
    expect(screen.getByRole('button', { name: 'Hjem' })).toBeTruthy();
    expect([...shown]).toEqual(['home']);
  });
});
