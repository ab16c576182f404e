/**
 * A kiosk page opened over plain HTTP from another machine is not a secure context: the service
 * worker never registers, so a reload without network shows a blank page (issue 8 section 2).
 * Instead of failing silently later, the page says so first, with the fix for the IT person.
 * localhost and https are secure contexts and never see it. Until "show anyway" is pressed the
 * kiosk itself is not started, so an enrolment code in the address is not spent on a page that
 * is about to be opened again over https.
 */
import { useState, type ReactNode } from 'react';
import { insecureText } from './insecure-words.js';
import type { Lang } from './settings.js';

interface Props {
  /** `window.isSecureContext`; `undefined` (an old engine, jsdom) counts as secure. */
  secureContext: boolean | undefined;
  /** What the page was opened as, shown to the IT person. */
  address: string;
  lang: Lang;
  children: ReactNode;
}

export function InsecureGate({ secureContext, address, lang, children }: Props) {
  const [goOn, setGoOn] = useState(false);
  if (secureContext !== false || goOn) return children;
  const words = insecureText(lang);
  return (
    <main className="message insecure" lang={lang}>
      <h1>{words.title}</h1>
      <p>{words.why}</p>
      <p>{words.fix}</p>
      <p className="address">
        {words.opened}: <span translate="no">{address}</span>
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setGoOn(true)}>
          {words.showAnyway}
        </button>
      </div>
    </main>
  );
}
