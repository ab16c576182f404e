import { useEffect } from 'react';
import { useKiosk } from './store.js';

/** While `active`, the idle timer asks "Er du færdig?" before it returns Home. */
export function useHalfDone(key: string, active: boolean): void {
  const set = useKiosk((s) => s.setHalfDone);
  useEffect(() => {
    set(key, active);
    return () => set(key, false);
  }, [key, active, set]);
}
