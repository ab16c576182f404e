/**
 * "Skift adgangskode": the password now, the new one twice. The rules come from the server's own
 * NewPassword schema (its length limits) and are ticked off as the relative types, so the rule is
 * seen before the mistake; the server's answer is said in plain words.
 */
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { NewPassword } from '../../../protocol/rest.js';
import { useWords } from '../shell/lang.js';
import { fill } from '../words.js';
import { changePassword, type PasswordOutcome } from './api.js';
import { passwordWords } from './words.js';

type W = (typeof passwordWords)['da'];

const MIN = NewPassword.minLength ?? 8;
const MAX = NewPassword.maxLength ?? 200;

/** The rules as the relative sees them, each met or not yet, for what they have typed. */
export function passwordRules(w: W, next: string, repeat: string) {
  return [
    { text: fill(w.ruleMin, { min: String(MIN) }), met: next.length >= MIN },
    // The upper limit only matters to someone pasting a very long one: shown only then.
    ...(next.length > MAX ? [{ text: fill(w.ruleMax, { max: String(MAX) }), met: false }] : []),
    { text: w.ruleSame, met: next.length > 0 && next === repeat },
  ];
}

function outcomeText(w: W, o: Exclude<PasswordOutcome, { ok: true }>): string {
  if (o.why === 'limited')
    return o.minutes === 1 ? w.limited_one : fill(w.limited_other, { count: String(o.minutes) });
  return w[o.why];
}

export function PasswordPage() {
  const w = useWords(passwordWords);
  const ids = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const rules = passwordRules(w, next, repeat);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!current) return setResult({ ok: false, text: w.missingCurrent });
    if (!NewPassword.safeParse(next).success || next !== repeat)
      return setResult({ ok: false, text: w.notValid });
    setSending(true);
    setResult(null);
    const r = await changePassword(current, next);
    setSending(false);
    if (r.ok) {
      setResult({ ok: true, text: w.done });
      setCurrent('');
      setNext('');
      setRepeat('');
    } else setResult({ ok: false, text: outcomeText(w, r) });
  };

  return (
    <>
      <h1>{w.title}</h1>
      {result && (
        <p
          className={result.ok ? 'family-success' : 'family-problem'}
          role={result.ok ? 'status' : 'alert'}
        >
          {result.text}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="family-field">
          <label htmlFor={`${ids}-cur`}>{w.current}</label>
          <input
            id={`${ids}-cur`}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="family-field">
          <label htmlFor={`${ids}-next`}>{w.next}</label>
          <div id={`${ids}-rules`} className="family-help">
            <p className="family-rules-title">{w.rules}</p>
            <ul className="family-rules">
              {rules.map((r) => (
                <li key={r.text} data-met={r.met}>
                  <span aria-hidden="true">{r.met ? '✓' : '•'}</span> {r.text}
                  <span className="visually-hidden"> ({r.met ? w.met : w.notMet})</span>
                </li>
              ))}
            </ul>
          </div>
          <input
            id={`${ids}-next`}
            type="password"
            autoComplete="new-password"
            aria-describedby={`${ids}-rules`}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </div>
        <div className="family-field">
          <label htmlFor={`${ids}-rep`}>{w.repeat}</label>
          <input
            id={`${ids}-rep`}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </div>
        <button type="submit" className="family-button" disabled={sending}>
          {sending ? w.sending : w.submit}
        </button>
      </form>
      <p>
        <Link href="/more" className="family-text-link">
          {w.back}
        </Link>
      </p>
    </>
  );
}
