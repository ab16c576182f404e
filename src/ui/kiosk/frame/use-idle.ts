/**
 * The idle timer. After `idleSeconds` without a touch the kiosk goes back Home (closing a
 * resident's own day). If something is half done (a sign-up waiting for "Ja"), it first asks
 * "Er du færdig?" and waits another while; nothing is closed without that question.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useKiosk } from '../state/store.js';

/** How long the "Er du færdig?" question waits for an answer before going Home. */
export const ASK_SECONDS = 30;

export interface Idle {
  asking: boolean;
  /** "Nej, jeg er her". */
  stay: () => void;
  /** "Ja, jeg er færdig". */
  finish: () => void;
  /** True after a timeout until the next touch (the night screen comes back then). */
  idle: boolean;
}

export function useIdle(idleSeconds: number, now: () => number = Date.now): Idle {
  const lastTouch = useRef(now());
  const [asking, setAsking] = useState(false);
  const [idle, setIdle] = useState(true);
  const askingRef = useRef(false);
  askingRef.current = asking;

  const goHome = useKiosk((s) => s.goHome);

  useEffect(() => {
    const touch = () => {
      lastTouch.current = now();
      setIdle(false);
    };
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    return () => {
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
    };
  }, [now]);

  useEffect(() => {
    const tick = setInterval(() => {
      const quiet = (now() - lastTouch.current) / 1000;
      const s = useKiosk.getState();
      if (askingRef.current) {
        if (quiet >= Math.min(ASK_SECONDS, idleSeconds)) {
          setAsking(false);
          setIdle(true);
          goHome();
        }
        return;
      }
      if (quiet < idleSeconds) return;
      const away = s.screen !== 'home' || s.residentId !== null;
      if (s.halfDone.length > 0) {
        lastTouch.current = now();
        setAsking(true);
      } else {
        // Home clears an undo; already Home, the undo still goes (the next person is not its).
        if (away) goHome();
        else s.clearUndo();
        setIdle(true);
      }
    }, 1000);
    return () => clearInterval(tick);
  }, [idleSeconds, goHome, now]);

  const stay = useCallback(() => {
    lastTouch.current = now();
    setAsking(false);
  }, [now]);
  const finish = useCallback(() => {
    setAsking(false);
    goHome();
  }, [goHome]);
  return { asking, stay, finish, idle };
}
