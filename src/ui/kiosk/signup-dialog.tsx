/**
 * Signing up, one thing at a time: who are you (residents with wall consent, photo + first
 * name) → "Ja, tilmeld" / "Nej" → the answer. The sign-up goes into the engine's outbox, so the
 * answer first shows as sending (or "sendes, når der er forbindelse" offline) and then as the
 * server's truth from the cache, or its rejection in plain words.
 */
import { useEffect, useRef, useState } from 'react';
import type { OverlaidSignUp, Rejection } from '../../client/index.js';
import type { Activity, Resident } from '../../domain/model.js';
import { firstName, isFull, klokken, rejectionText } from './words.js';

interface Props {
  activity: Activity;
  timeZone: string;
  residents: readonly Resident[];
  signups: readonly OverlaidSignUp[];
  rejections: readonly Rejection[];
  online: boolean;
  signUp: (residentId: string) => Promise<string>;
  dismissRejection: (id: string) => void;
  onClose: () => void;
}

type Step =
  | { kind: 'pick' }
  | { kind: 'confirm'; resident: Resident }
  | { kind: 'sent'; resident: Resident; mutationId: string | null; failed: boolean };

export function Avatar({ resident, large = false }: { resident: Resident; large?: boolean }) {
  const cls = large ? 'avatar large' : 'avatar';
  if (resident.photo) return <img className={cls} src={`/media/${resident.photo}`} alt="" />;
  return (
    <span className={cls} aria-hidden="true">
      {firstName(resident.displayName).charAt(0).toUpperCase()}
    </span>
  );
}

function already(row: OverlaidSignUp | undefined): string | null {
  if (!row) return null;
  if (row.status === 'confirmed') return 'er tilmeldt';
  if (row.status === 'waitlisted') return 'er på ventelisten';
  return row.pending === 'add' ? 'sendes' : null;
}

export function SignUpDialog(p: Props) {
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [step.kind]);
  const when = `${klokken(p.activity.start, p.timeZone)}.${p.activity.place ? ` Sted: ${p.activity.place}.` : ''}`;

  const confirm = (resident: Resident): void => {
    setStep({ kind: 'sent', resident, mutationId: null, failed: false });
    p.signUp(resident.id).then(
      (mutationId) => setStep({ kind: 'sent', resident, mutationId, failed: false }),
      () => setStep({ kind: 'sent', resident, mutationId: null, failed: true }),
    );
  };

  let body;
  if (step.kind === 'pick') {
    body = (
      <>
        <h2 id="dialog-title" ref={heading} tabIndex={-1}>
          Hvem vil tilmelde sig {p.activity.title}?
        </h2>
        <p>{when}</p>
        {p.residents.length === 0 && <p>Der er ingen beboere at vælge. Spørg personalet.</p>}
        <ul className="picker">
          {p.residents.map((r) => {
            const note = already(p.signups.find((s) => s.residentId === r.id));
            return (
              <li key={r.id}>
                <button
                  type="button"
                  className="resident"
                  disabled={note !== null}
                  onClick={() => setStep({ kind: 'confirm', resident: r })}
                >
                  <Avatar resident={r} />
                  <span>
                    {firstName(r.displayName)}
                    {note && <span className="note"> {note}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        <div className="actions">
          <button type="button" className="secondary" onClick={p.onClose}>
            Tilbage
          </button>
        </div>
      </>
    );
  } else if (step.kind === 'confirm') {
    const name = firstName(step.resident.displayName);
    body = (
      <>
        <div className="who-confirm">
          <Avatar resident={step.resident} large />
          <h2 id="dialog-title" ref={heading} tabIndex={-1}>
            {name}, vil du tilmelde dig {p.activity.title}?
          </h2>
        </div>
        <p>{when}</p>
        {isFull(p.activity) && <p>Aktiviteten er fuld. Du kommer på ventelisten.</p>}
        <div className="actions">
          <button type="button" className="primary" onClick={() => confirm(step.resident)}>
            Ja, tilmeld
          </button>
          <button type="button" className="secondary" onClick={() => setStep({ kind: 'pick' })}>
            Nej
          </button>
        </div>
      </>
    );
  } else {
    const { resident, mutationId, failed } = step;
    const rejection = mutationId ? p.rejections.find((r) => r.id === mutationId) : undefined;
    const row = p.signups.find((s) => s.residentId === resident.id);
    const sending =
      !row || (row.pending === 'add' && row.status !== 'confirmed' && row.status !== 'waitlisted');
    const answer = failed
      ? 'Det lykkedes ikke. Prøv igen.'
      : rejection
        ? `Du blev ikke tilmeldt. ${rejectionText(rejection)}`
        : mutationId === null || sending
          ? p.online
            ? 'Sendes …'
            : 'Tilmeldingen sendes, når der er forbindelse.'
          : row.status === 'waitlisted'
            ? `Du er nummer ${row.position ?? '?'} på ventelisten.`
            : 'Du er tilmeldt.';
    const close = (): void => {
      if (rejection) p.dismissRejection(rejection.id);
      p.onClose();
    };
    body = (
      <>
        <div className="who-confirm">
          <Avatar resident={resident} large />
          <h2 id="dialog-title" ref={heading} tabIndex={-1}>
            {firstName(resident.displayName)}
          </h2>
        </div>
        <p>
          {p.activity.title}, {when}
        </p>
        <p role="status" className="answer">
          {answer}
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={close}>
            OK
          </button>
        </div>
      </>
    );
  }

  return (
    <div className="backdrop">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        onKeyDown={(e) => e.key === 'Escape' && p.onClose()}
      >
        {body}
      </div>
    </div>
  );
}
