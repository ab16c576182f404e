/**
 * The relatives' pages: one line per page (its path under /family, its place in the navigation
 * at the bottom, if any). A page is a React component that reads the cache through the shared
 * hooks (`useOverlaid`, `useLiveQuery` on `useFamily().db`), the selected resident with
 * `useResident()`, and sends with `useSend()`. See /work/notes/relatives-ready.md.
 * The navigation shows the entries with `nav`, in this order; keep it to five.
 */
import type { ComponentType } from 'react';
import type { MutationName } from '../../protocol/index.js';
import { CalendarPage } from './calendar/calendar-page.js';
import { DutyPage } from './duty/duty-page.js';
import { NewsPage } from './news/news-page.js';
import { PasswordPage } from './password/password-page.js';
import { AlbumPage } from './photos/album-page.js';
import { PhotosPage } from './photos/photos-page.js';
import { MorePage } from './shell/more-page.js';
import type { NavKey } from './shell/nav-icons.js';
import { WeekPage } from './week/week-page.js';

export interface FamilyPage {
  /** A wouter path under /family, e.g. `/news` or `/photos/:id`. */
  path: string;
  /** Its entry in the navigation (the first page with a key is the one the entry opens). */
  nav?: NavKey;
  component: ComponentType;
  /**
   * Refusals of these mutations the page words itself, beside the item they are about; the
   * frame's general "Det gik ikke" notice leaves them out while this page is shown, so a
   * refusal is said once.
   */
  ownRefusals?: readonly MutationName[];
}

export const pages: FamilyPage[] = [
  {
    path: '/',
    nav: 'week',
    component: WeekPage,
    ownRefusals: ['signup.add', 'signup.cancel', 'meal.attend'],
  },
  { path: '/news', nav: 'news', component: NewsPage },
  { path: '/photos', nav: 'photos', component: PhotosPage },
  { path: '/photos/:id', component: AlbumPage },
  { path: '/calendar', nav: 'calendar', component: CalendarPage },
  { path: '/more', nav: 'more', component: MorePage },
  { path: '/duty', component: DutyPage },
  { path: '/password', component: PasswordPage },
];
