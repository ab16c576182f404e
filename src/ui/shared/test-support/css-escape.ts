/**
 * jsdom has no `CSS.escape`, which React Aria's select, popover and modal use: a stand-in for
 * component tests, imported by each front end's render helper (never by app code).
 */
if (typeof window !== 'undefined' && typeof window.CSS?.escape !== 'function') {
  const escape = (value: string): string => value.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`);
  Object.defineProperty(window, 'CSS', { value: { ...window.CSS, escape }, configurable: true });
}
