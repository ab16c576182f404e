/** A page's heading (the one h1; focused after navigation so a screen reader hears where it is). */
import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Borgerguide`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <div className="page-header">
      <h1 tabIndex={-1} ref={ref}>
        {title}
      </h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
