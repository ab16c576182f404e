/**
 * No way out of the kiosk window by keyboard or gesture (issue 12), only the staff exit
 * (staff-exit.ts: a long press on a hidden corner and the staff PIN), which quits the app.
 *
 * - A close that is not part of quitting is refused: Alt+F4 or a window manager's close button
 *   ask the window to close; the staff exit and Electron's own restarts go through `app.quit()` /
 *   `app.exit()`, which this lets through (`before-quit` comes first).
 * - Keys with Ctrl, Alt or Meta and the function keys never reach the page: with the menu gone
 *   most of Chromium's shortcuts are gone too, but not all (zoom, reload and history keys are
 *   handled below the menu on some platforms). Plain keys and Shift stay, so staff can type an
 *   enrolment code and residents a PIN.
 * - Pinch zoom is off: a page zoomed by two fingers stays zoomed until someone knows the way
 *   back, and the layout no longer fits (issue 11).
 *
 * Outside kiosk mode (a developer's window) nothing is locked. What the OS itself owns
 * (Ctrl+Alt+Del, Alt+Tab, a virtual terminal) is the kiosk PC's session's to lock: see the
 * README's kiosk-PC section.
 */

/** The part of a key press Electron's `before-input-event` passes that this reads. */
export interface KeyInput {
  type: string;
  key: string;
  control?: boolean;
  alt?: boolean;
  meta?: boolean;
}

export interface LockedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void;
  webContents: {
    on(
      event: 'before-input-event',
      listener: (event: { preventDefault(): void }, input: KeyInput) => void,
    ): void;
    setVisualZoomLevelLimits(minimum: number, maximum: number): unknown;
  };
}

export interface LockedApp {
  on(event: 'before-quit', listener: () => void): void;
}

/** True for a key press the kiosk page never gets. */
export function isEscapeKey(input: KeyInput): boolean {
  if (input.control || input.alt || input.meta) return true;
  return /^F([1-9]|1\d|2[0-4])$/.test(input.key) || /^Browser/.test(input.key);
}

export function lockKioskWindow(
  app: LockedApp,
  win: LockedWindow,
  { kioskMode, log }: { kioskMode: boolean; log: (line: string) => void },
): void {
  if (!kioskMode) return;
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  win.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    log('kiosk window: a close outside the staff exit was refused');
  });
  win.webContents.on('before-input-event', (event, input) => {
    if (isEscapeKey(input)) event.preventDefault();
  });
  void win.webContents.setVisualZoomLevelLimits(1, 1);
}
