/**
 * Routing: wouter under `/family` (the server answers every path under it with the page). Pages
 * link with wouter's `<Link href="/news">` (the base is added) or `useLocation()[1]('/news')`.
 */
import type { ReactNode } from 'react';
import { Router } from 'wouter';

export const BASE = '/family';

export function FamilyRouter({ children }: { children: ReactNode }) {
  return <Router base={BASE}>{children}</Router>;
}
