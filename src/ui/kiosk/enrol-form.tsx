/**
 * The big code field a kiosk shows when it has no token, or when the code in its address was
 * used, expired or unknown (a second browser, a reload on another machine): staff type the code
 * from `enrol-code` here instead of needing a new address. Big targets (KIOSK-UX: 64 px and more).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { EnrolText } from './enrol-words.js';
import { browserCamera, hasCamera, type CameraDeps } from './qr-scan.js';
import { QrScanner } from './qr-scanner.js';

/** Upper case, no spaces: how codes are printed (the server accepts either). */
export const tidyCode = (text: string): string => text.toUpperCase().replace(/\s+/g, '');

export interface EnrolFormProps {
  words: EnrolText;
  onCode: (code: string) => void;
  /** The camera for "Skan koden" (tests inject one); by default the browser's, if any. */
  camera?: CameraDeps | null;
  /** The kiosk's idle time: with no code found for this long the camera stops. */
  idleMs?: number;
}

export function EnrolForm({ words, onCode, camera = browserCamera(), idleMs }: EnrolFormProps) {
  const [code, setCode] = useState('');
  const id = useId();
  // "Skan koden" only where the browser lists a camera; never a button that cannot work.
  const [canScan, setCanScan] = useState(false);
  const [scanning, setScanning] = useState(false);
  const devices = camera?.devices;
  useEffect(() => {
    let live = true;
    void hasCamera(devices).then((yes) => {
      if (live) setCanScan(yes);
    });
    return () => {
      live = false;
    };
  }, [devices]);
  if (scanning && camera) {
    return (
      <div className="enrol-form">
        <QrScanner
          words={words}
          camera={camera}
          onCode={(found) => {
            setScanning(false);
            onCode(found);
          }}
          onClose={() => setScanning(false)}
          {...(idleMs === undefined ? {} : { idleMs })}
        />
      </div>
    );
  }
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
      {canScan && (
        <button type="button" onClick={() => setScanning(true)}>
          {words.scan}
        </button>
      )}
    </form>
  );
}
