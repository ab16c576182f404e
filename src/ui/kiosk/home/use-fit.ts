/**
 * How many of a list's items fit in its box (issue 11: Home never scrolls and never cuts text).
 * The box gets its height from the layout (a grid or flex share, `min-height: 0`, overflow
 * hidden), not from its content; the hook renders all items, and before the browser paints takes
 * one off the end while the content is taller than the box. When the box changes size (another
 * orientation, text scale or the window) it starts again from all. Home's lists show today at a
 * glance and each leads to its screen with everything, so fewer items is what gives at large
 * text, never a scroll bar. Without layout (jsdom: every height is 0) all items are shown.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** `content` names what is shown (ids, words): a change of it measures again from all. */
export function useFit<T extends HTMLElement>(
  total: number,
  content = '',
): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [count, setCount] = useState(total);
  const [size, setSize] = useState('');

  useLayoutEffect(() => setCount(total), [total, content, size]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && count > 0 && el.scrollHeight > el.clientHeight + 1) setCount(count - 1);
  });

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const watch = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect;
      if (box) setSize(`${Math.round(box.width)}×${Math.round(box.height)}`);
    });
    watch.observe(el);
    // Content that renders itself later (a child's own read): one fewer while it overflows.
    // Only ever fewer here, so this cannot loop; a new size or content starts from all again.
    const grown = new MutationObserver(() => {
      if (el.scrollHeight > el.clientHeight + 1) setCount((c) => Math.max(0, c - 1));
    });
    grown.observe(el, { childList: true, subtree: true, characterData: true });
    // The font arrives after the first layout, and text set in it wraps differently.
    let live = true;
    void document.fonts?.ready.then(() => live && setSize((s) => `${s} font`));
    return () => {
      live = false;
      watch.disconnect();
      grown.disconnect();
    };
  }, []);

  return [ref, Math.min(count, total)];
}
