/**
 * The staff admin's pages: one line per page (path under /staff, its menu entry, admin only?).
 * A page is a React component reading the cache through the shared hooks and writing through
 * `useSave()`. The menu shows the entries with `nav`, in this order.
 */
import { RelativesPage } from './relatives/relatives-page.js';
import { ResidentsPage } from './residents/residents-page.js';
import { ResidentEditPage } from './residents/resident-edit-page.js';
import type { ComponentType } from 'react';
import { TodayPage } from './today/today-page.js';
import { KiosksPage } from './kiosks/kiosks-page.js';
import { WallMessagePage } from './wall-message/wall-message-page.js';
import { UsersPage } from './users/users-page.js';
import { AuditPage } from './audit/audit-page.js';
import { EvaluationPage } from './evaluation/evaluation-page.js';
import { DayStructurePage } from './day-structure/day-structure-page.js';
import { RosterPage } from './roster/roster-page.js';
import { ResourcesPage } from './resources/resources-page.js';
import { ChangePasswordPage } from './login/change-password.js';
import { MealsPage } from './meals/meals-page.js';
import { NewsEditPage } from './news/news-edit-page.js';
import { NewsPage } from './news/news-page.js';
import { AlbumEditPage } from './albums/album-edit-page.js';
import { AlbumsPage } from './albums/albums-page.js';
import { ActivitiesPage } from './activities/activities-page.js';
import { EditActivityPage, NewActivityPage } from './activities/activity-edit-page.js';
import { ActivityPage } from './activities/activity-page.js';

export type NavKey =
  | 'today'
  | 'news'
  | 'albums'
  | 'meals'
  | 'activities'
  | 'dayStructure'
  | 'roster'
  | 'resources'
  | 'residents'
  | 'relatives'
  | 'kiosks'
  | 'wallMessage'
  | 'users'
  | 'audit'
  | 'evaluation';

export interface StaffPage {
  /** A wouter path under /staff, e.g. `/news` or `/activities/:id`. */
  path: string;
  /** Its menu entry (the first page with a key is the one the menu links to). */
  nav?: NavKey;
  adminOnly?: boolean;
  component: ComponentType;
}

export const pages: StaffPage[] = [
  { path: '/', nav: 'today', component: TodayPage },
  { path: '/news', nav: 'news', component: NewsPage },
  { path: '/news/:id', component: NewsEditPage },
  { path: '/albums', nav: 'albums', component: AlbumsPage },
  { path: '/albums/:id', component: AlbumEditPage },
  { path: '/meals', nav: 'meals', component: MealsPage },
  { path: '/activities', nav: 'activities', component: ActivitiesPage },
  { path: '/activities/new', component: NewActivityPage },
  { path: '/activities/:id/edit', component: EditActivityPage },
  { path: '/activities/:id', component: ActivityPage },
  { path: '/day-structure', nav: 'dayStructure', component: DayStructurePage },
  { path: '/roster', nav: 'roster', component: RosterPage },
  { path: '/resources', nav: 'resources', component: ResourcesPage },
  { path: '/residents', nav: 'residents', component: ResidentsPage },
  { path: '/residents/:id', component: ResidentEditPage },
  { path: '/relatives', nav: 'relatives', component: RelativesPage },
  { path: '/kiosks', nav: 'kiosks', component: KiosksPage },
  { path: '/wall-message', nav: 'wallMessage', component: WallMessagePage },
  { path: '/users', nav: 'users', adminOnly: true, component: UsersPage },
  { path: '/audit', nav: 'audit', component: AuditPage },
  { path: '/evaluation', nav: 'evaluation', component: EvaluationPage },
  { path: '/password', component: ChangePasswordPage },
];
