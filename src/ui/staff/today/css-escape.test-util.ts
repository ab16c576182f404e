/** jsdom has no CSS.escape, which React Aria's modals and popovers call (every browser has it). */
(globalThis as { CSS?: { escape(s: string): string } }).CSS ??= {
  escape: (s: string) => s.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c}`),
};
export {};
