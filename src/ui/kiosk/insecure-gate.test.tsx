// @vitest-environment jsdom
/**
 * Issue 8 section 2: a kiosk page opened over plain HTTP from another machine (not a secure
 * context) says on screen that it cannot work without the network, with the fix for IT, in
 * Danish and complete English, and starts the kiosk only when asked to; on localhost or https
 * (secure contexts) it never shows.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { InsecureGate } from './insecure-gate.js';
import { insecureWords } from './insecure-words.js';

const ADDRESS = 'http://192.168.1.20:8080/kiosk/';

function renderGate(secureContext: boolean | undefined, lang: 'da' | 'en' = 'da'): void {
  render(
    <InsecureGate secureContext={secureContext} address={ADDRESS} lang={lang}>
      <p>the kiosk</p>
    </InsecureGate>,
  );
}

afterEach(cleanup);

describe('the kiosk over plain HTTP from another machine', () => {
  it('says plainly that it cannot work without the network, and how IT fixes it', () => {
    renderGate(false);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Denne skærm kan ikke virke uden net' }),
    ).toBeTruthy();
    const text = screen.getByRole('main').textContent ?? '';
    expect(text).toContain('Siden er åbnet med http:// fra en anden maskine.');
    expect(text).toContain('Til IT: Åbn siden med https:// i stedet.');
    expect(text).toContain('README');
    expect(text).toContain(`Åbnet som: ${ADDRESS}`);
    // The kiosk has not started (an enrolment code in the address is not spent yet).
    expect(screen.queryByText('the kiosk')).toBeNull();
  });

  it('starts the kiosk when asked to show the screen anyway', () => {
    renderGate(false);
    fireEvent.click(screen.getByRole('button', { name: 'Vis skærmen alligevel' }));
    expect(screen.getByText('the kiosk')).toBeTruthy();
    expect(screen.queryByText('Denne skærm kan ikke virke uden net')).toBeNull();
  });

  it('speaks complete English on an English kiosk', () => {
    renderGate(false, 'en');
    screen.getByRole('heading', { name: 'This screen cannot work without the network' });
    expect(screen.getByRole('main').textContent).toContain(
      'For IT: open the page with https:// instead.',
    );
    screen.getByRole('button', { name: 'Show the screen anyway' });
    expect(Object.keys(insecureWords.en).sort()).toEqual(Object.keys(insecureWords.da).sort());
    for (const line of Object.values(insecureWords.en)) expect(line).not.toMatch(/[æøå]/i);
  });

  it('never shows in a secure context (localhost, https), nor where the engine cannot tell', () => {
    for (const secure of [true, undefined]) {
      renderGate(secure);
      expect(screen.getByText('the kiosk')).toBeTruthy();
      expect(screen.queryByRole('heading')).toBeNull();
      cleanup();
    }
  });
});
