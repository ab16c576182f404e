/**
 * "You have unsaved changes": asked before the tab closes (the browser's own question) and before
 * an in-app navigation (the router's navigate checks `mayLeave()`, see shell/router.tsx).
 */
import { useEffect } from 'react';

const dirtyForms = new Set<symbol>();

export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const me = Symbol('form');
    dirtyForms.add(me);
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      dirtyForms.delete(me);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);
}

/** True if no form has unsaved changes, or the user agreed to leave them. */
export function mayLeave(question: string): boolean {
  return dirtyForms.size === 0 || window.confirm(question);
}
