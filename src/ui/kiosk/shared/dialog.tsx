/**
 * A modal step on top of the screen (a confirmation, a picker, a PIN pad). Focus moves into it,
 * and while it is open it is marked half done, so the idle timer asks before closing it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useHalfDone } from '../state/use-half-done.js';

interface Props {
  title: ReactNode;
  children: ReactNode;
  /** Counts as a half-done action for the idle timer (default true). */
  halfDone?: boolean;
  className?: string;
}

export function Dialog({ title, children, halfDone = true, className }: Props) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useHalfDone(`dialog${id}`, halfDone);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('button, [href], input, [tabindex]');
    (first ?? ref.current)?.focus();
  }, []);
  return (
    <div className="overlay">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
