/**
 * Routing: wouter under `/staff`, and React Aria's RouterProvider, so every React Aria `Link`
 * (and menu item with an href) navigates inside the app. A navigation away from a form with
 * unsaved changes asks first (forms/leave-guard.ts).
 */
import type { ReactNode } from 'react';
import { RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Router, useLocation } from 'wouter';
import { mayLeave } from '../forms/leave-guard.js';

export const BASE = '/staff';

function AriaRouter({ children }: { children: ReactNode }) {
  const [, navigate] = useLocation();
  const { t } = useTranslation('staff');
  return (
    <RouterProvider
      navigate={(to) => {
        if (mayLeave(t('form.unsaved'))) navigate(to);
      }}
      useHref={(to) => (to.startsWith('/') ? BASE + to : to)}
    >
      {children}
    </RouterProvider>
  );
}

export function StaffRouter({ children }: { children: ReactNode }) {
  return (
    <Router base={BASE}>
      <AriaRouter>{children}</AriaRouter>
    </Router>
  );
}
