/**
 * UI state only (domain data lives in Dexie and is read with useLiveQuery): which screen is open,
 * which resident has opened their own day, what is half done, and the undo on offer. One zustand
 * store built from typed slices; tests reset it with `useKiosk.setState(useKiosk.getInitialState())`.
 */
import { create, type StateCreator } from 'zustand';

export type Screen =
  'home' | 'my-day' | 'meals' | 'activities' | 'book' | 'news' | 'photos' | 'roster';
export const screens: readonly Screen[] = [
  'home',
  'my-day',
  'activities',
  'meals',
  'book',
  'news',
  'photos',
  'roster',
];

export interface NavSlice {
  screen: Screen;
  go: (screen: Screen) => void;
  /** Back to Home, closing a resident's own day and anything half done. */
  goHome: () => void;
  /**
   * What the screen just opened should be ready to act on (issue 11, fewer taps): an activity's
   * id (Activities opens its sign-up) or a resource's (Book opens today's free slots). Set by
   * `open`, cleared by `go`/`goHome` and by the screen once it has used it.
   */
  focus: string | null;
  open: (screen: Screen, id: string) => void;
}

export interface SessionSlice {
  /** The resident whose own day is open (after their photo, and PIN where set), or null. */
  residentId: string | null;
  openResident: (id: string) => void;
  closeResident: () => void;
}

export interface HalfDoneSlice {
  /**
   * Actions started but not finished (a sign-up waiting for "Ja"), by a key the component picks.
   * The idle timer asks "Er du færdig?" before it closes any of these.
   */
  halfDone: readonly string[];
  setHalfDone: (key: string, on: boolean) => void;
}

export interface UndoOffer {
  id: string;
  /** What was done, in words ("Anna er tilmeldt Bankospil."). */
  text: string;
  pictogram: string | null;
  undo: () => void;
  /** Epoch ms; the offer stays visible at least until then. */
  until: number;
  /**
   * The screen it was made on. The undo belongs to that screen and the person who acted there:
   * it goes when they leave it, go Home, or the idle timeout passes, so the next person at the
   * wall is never offered to undo someone else's sign-up.
   */
  screen: Screen;
}

export interface UndoSlice {
  undoOffer: UndoOffer | null;
  offerUndo: (offer: Omit<UndoOffer, 'until' | 'screen'>, now?: number) => void;
  clearUndo: (id?: string) => void;
}

export type KioskState = NavSlice & SessionSlice & HalfDoneSlice & UndoSlice;

/** How long an undo stays on screen (KIOSK-UX: at least 10 seconds). */
export const UNDO_MS = 15_000;

const navSlice: StateCreator<KioskState, [], [], NavSlice> = (set) => ({
  screen: 'home',
  // Leaving a screen takes its undo along (see UndoOffer.screen); the same screen keeps it.
  go: (screen) =>
    set((s) => ({
      screen,
      halfDone: [],
      focus: null,
      ...(s.undoOffer && s.undoOffer.screen !== screen ? { undoOffer: null } : {}),
    })),
  goHome: () =>
    set({ screen: 'home', residentId: null, halfDone: [], undoOffer: null, focus: null }),
  focus: null,
  open: (screen, id) =>
    set((s) => ({
      screen,
      halfDone: [],
      focus: id,
      ...(s.undoOffer && s.undoOffer.screen !== screen ? { undoOffer: null } : {}),
    })),
});

const sessionSlice: StateCreator<KioskState, [], [], SessionSlice> = (set) => ({
  residentId: null,
  openResident: (id) => set({ residentId: id }),
  closeResident: () => set({ residentId: null }),
});

const halfDoneSlice: StateCreator<KioskState, [], [], HalfDoneSlice> = (set) => ({
  halfDone: [],
  setHalfDone: (key, on) =>
    set((s) => {
      const has = s.halfDone.includes(key);
      if (on === has) return {};
      return { halfDone: on ? [...s.halfDone, key] : s.halfDone.filter((k) => k !== key) };
    }),
});

const undoSlice: StateCreator<KioskState, [], [], UndoSlice> = (set) => ({
  undoOffer: null,
  offerUndo: (offer, now = Date.now()) =>
    set((s) => ({ undoOffer: { ...offer, until: now + UNDO_MS, screen: s.screen } })),
  clearUndo: (id) =>
    set((s) => (id === undefined || s.undoOffer?.id === id ? { undoOffer: null } : {})),
});

export const useKiosk = create<KioskState>()((...a) => ({
  ...navSlice(...a),
  ...sessionSlice(...a),
  ...halfDoneSlice(...a),
  ...undoSlice(...a),
}));
