/**
 * The relatives' pages. Today: accepting an invitation (`/family/invite#TOKEN`); the relatives'
 * own view of their person's day is issue 10, and says so plainly until then.
 */
import { AcceptPage } from './accept-page.js';
import { familyLang, familyWords } from './words.js';
import './family.css';

export function FamilyApp({ path = window.location.pathname }: { path?: string }) {
  const lang = familyLang();
  const w = familyWords[lang];
  document.documentElement.lang = lang;
  return (
    <main className="family">
      {/\/invite\/?$/.test(path) ? (
        <>
          <p className="family-app-name">{w.appName}</p>
          <AcceptPage w={w} />
        </>
      ) : (
        <>
          <h1>{w.appName}</h1>
          <p>{w.notReady}</p>
        </>
      )}
    </main>
  );
}
