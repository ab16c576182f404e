/**
 * Renders the municipal admin's page (or a part of it) for a component test: the real words
 * (Danish unless asked), zod's locale, React Aria's, and a fake server answering `fetch` by
 * `METHOD path` (every request recorded). Import it from a test file marked
 * `// @vitest-environment jsdom`.
 */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { I18nextProvider } from 'react-i18next';
import { afterEach, vi } from 'vitest';
import type { Lang } from '../../shared/i18n/create-i18n.js';
import '../../shared/test-support/css-escape.js';
import { createMunicipalI18n } from '../i18n.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

export type Answer = Response | (() => Response);
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** A fake server: `{ 'GET /api/municipal/session': json(401, {}) }`; anything else is offline. */
export function fakeServer(answers: Record<string, Answer | Answer[]>): Sent[] {
  const sent: Sent[] = [];
  const queues = new Map(
    Object.entries(answers).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]),
  );
  vi.stubGlobal(
    'fetch',
    vi.fn((path: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      sent.push({
        method,
        path,
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      });
      const queue = queues.get(`${method} ${path}`);
      // The last answer repeats; none at all is a server that cannot be reached.
      const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
      if (!next) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(typeof next === 'function' ? next() : next.clone());
    }),
  );
  return sent;
}

export function renderMunicipal(ui: ReactNode, lang: Lang = 'da'): RenderResult {
  const i18n = createMunicipalI18n(lang);
  return render(
    <I18nextProvider i18n={i18n}>
      <I18nProvider locale={lang === 'da' ? 'da-DK' : 'en-GB'}>{ui}</I18nProvider>
    </I18nextProvider>,
  );
}
