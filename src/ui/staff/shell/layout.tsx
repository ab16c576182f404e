/**
 * The frame around every staff page: a skip link, the header (centre, who is signed in, the
 * account menu), the menu of tasks (a column on an office screen, behind a "Menu" button on a
 * phone), the connection line when it matters, and the save notices and refusals.
 */
import { useState, type ReactNode } from 'react';
import { Button, Link, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useCentre } from '../../shared/data/hooks.js';
import { pages, type StaffPage } from '../pages.js';
import { Notices, Refusals } from './notices.js';
import { useStaff } from './staff-env.js';
import { ConnectionLine } from './connection-line.js';

/** The menu entries: the first page per nav key, admin-only ones for admins. */
export function menuEntries(role: string): (StaffPage & { nav: NonNullable<StaffPage['nav']> })[] {
  const seen = new Set<string>();
  return pages.filter((p): p is StaffPage & { nav: NonNullable<StaffPage['nav']> } => {
    if (!p.nav || seen.has(p.nav) || (p.adminOnly && role !== 'admin')) return false;
    seen.add(p.nav);
    return true;
  });
}

function isCurrent(path: string, location: string): boolean {
  return path === '/' ? location === '/' : location === path || location.startsWith(`${path}/`);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('staff');
  const { me, logout } = useStaff();
  const centre = useCentre();
  const [location, navigate] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <div className="staff" data-menu-open={menuOpen}>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="staff-header">
        <Button
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="staff-nav"
          onPress={() => setMenuOpen((o) => !o)}
        >
          {menuOpen ? t('closeMenu') : t('menu')}
        </Button>
        <span className="brand">
          {t('appName')}
          {centre.name && <span className="centre-name"> · {centre.name}</span>}
        </span>
        <MenuTrigger>
          <Button
            className="account-button"
            aria-label={t('account.signedInAs', { name: me.displayName })}
          >
            {me.displayName} ▾
          </Button>
          <Popover className="popover">
            <Menu
              className="menu"
              onAction={(key) => {
                if (key === 'password') navigate('/password');
                if (key === 'logout') void logout();
              }}
            >
              <MenuItem id="password" className="menu-item">
                {t('account.changePassword')}
              </MenuItem>
              <MenuItem id="logout" className="menu-item">
                {t('account.logout')}
              </MenuItem>
            </Menu>
          </Popover>
        </MenuTrigger>
      </header>
      <nav id="staff-nav" className="staff-nav" aria-label={t('menu')}>
        <ul>
          {menuEntries(me.role).map((p) => (
            <li key={p.nav}>
              <Link
                href={p.path}
                className="nav-link"
                {...(isCurrent(p.path, location) ? { 'aria-current': 'page' as const } : {})}
                onPress={() => setMenuOpen(false)}
              >
                {t(`nav.${p.nav}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="staff-main" tabIndex={-1}>
        <ConnectionLine />
        <Refusals />
        {children}
      </main>
      <Notices />
    </div>
  );
}
