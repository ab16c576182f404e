/**
 * "Mere": what is not an everyday page. Who is on duty, the relative's own account (change
 * password, log out), the language, and who is signed in.
 */
import { Link } from 'wouter';
import { defineWords } from '../../shared/i18n/words.js';
import { fill } from '../words.js';
import { useFamily } from './family-env.js';
import { LangSwitch } from './lang-switch.js';
import { useWords } from './lang.js';

export const moreWords = defineWords(
  {
    title: 'Mere',
    duty: 'Hvem er på arbejde',
    password: 'Skift adgangskode',
    language: 'Sprog',
    account: 'Du er logget ind som {{name}}.',
    logout: 'Log ud',
  },
  {
    title: 'More',
    duty: 'Who is on duty',
    password: 'Change password',
    language: 'Language',
    account: 'You are logged in as {{name}}.',
    logout: 'Log out',
  },
);

export function MorePage() {
  const w = useWords(moreWords);
  const { me, logout } = useFamily();
  return (
    <>
      <h1>{w.title}</h1>
      <ul className="family-more">
        <li>
          <Link href="/duty" className="family-more-link">
            {w.duty}
          </Link>
        </li>
        <li>
          <Link href="/password" className="family-more-link">
            {w.password}
          </Link>
        </li>
      </ul>
      <h2>{w.language}</h2>
      <LangSwitch />
      <p className="family-account">{fill(w.account, { name: me.displayName })}</p>
      <button
        type="button"
        className="family-button family-button-quiet"
        onClick={() => void logout()}
      >
        {w.logout}
      </button>
    </>
  );
}
