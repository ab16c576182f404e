/** Dansk / English: two plain buttons, the current one pressed; the choice stays on this phone. */
import { setLang, useLang, type Lang } from './lang.js';

const names: Record<Lang, string> = { da: 'Dansk', en: 'English' };

export function LangSwitch() {
  const lang = useLang();
  return (
    <div className="family-lang" role="group" aria-label={lang === 'da' ? 'Sprog' : 'Language'}>
      {(['da', 'en'] as const).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="family-lang-button"
          aria-pressed={l === lang}
          onClick={() => setLang(l)}
        >
          {names[l]}
        </button>
      ))}
    </div>
  );
}
