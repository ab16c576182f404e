/**
 * The big code field a kiosk shows when it has no token, or when the code in its address was
 * used, expired or unknown (a second browser, a reload on another machine): staff type the code
 * from `enrol-code` here instead of needing a new address. Big targets (KIOSK-UX: 64 px and more).
 */
import { useId, useState, type FormEvent } from 'react';
import type { EnrolText } from './enrol-words.js';

/** Upper case, no spaces: how codes are printed (the server accepts either). */
export const tidyCode = (text: string): string => text.toUpperCase().replace(/\s+/g, '');

export function EnrolForm({ words, onCode }: { words: EnrolText; onCode: (code: string) => void }) {
  const [code, setCode] = useState('');
  const id = useId();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const tidy = tidyCode(code);
    if (tidy) onCode(tidy);
  };
  return (
    <form className="enrol-form" onSubmit={submit}>
      <label htmlFor={id}>{words.codeLabel}</label>
      <input
        id={id}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-describedby={`${id}-help`}
        maxLength={20}
      />
      <p id={`${id}-help`} className="help">
        {words.codeHelp}
      </p>
      <button type="submit" className="primary" disabled={tidyCode(code) === ''}>
        {words.submit}
      </button>
    </form>
  );
}
