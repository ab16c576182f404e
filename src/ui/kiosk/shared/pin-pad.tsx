/**
 * The PIN step, only for residents whose staff set a PIN: big digit keys (no keyboard), dots for
 * the digits typed, "Slet" and "OK". The server checks the PIN (it never leaves the server), so
 * without a connection the pad says plainly that the code cannot be checked now.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayItem, Resident } from '../../../domain/model.js';
import { useEnv } from '../data/kiosk-env.js';
import { Avatar, firstName } from './avatar.js';
import { Dialog } from './dialog.js';
import './pin-pad.css';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const MAX = 8;

interface Props {
  resident: Resident;
  /** With the resident's personal day items, which only an unlock brings (never the cache). */
  onUnlocked: (items: DayItem[]) => void;
  onCancel: () => void;
}

export function PinPad({ resident, onUnlocked, onCancel }: Props) {
  const { t } = useTranslation();
  const { actions } = useEnv();
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const type = (d: string) => {
    setProblem(null);
    setPin((p) => (p.length < MAX ? p + d : p));
  };

  const check = async () => {
    setChecking(true);
    const answer = await actions.unlockResident(resident.id, pin);
    setChecking(false);
    if (answer.ok) {
      onUnlocked(answer.items);
      return;
    }
    setPin('');
    switch (answer.code) {
      case 'wrong_pin':
        setProblem(t('pin.wrong'));
        break;
      case 'locked':
        setProblem(
          t('pin.locked', {
            minutes: Math.max(1, Math.ceil((answer.retryAfterSeconds ?? 300) / 60)),
          }),
        );
        break;
      case 'offline':
        setProblem(t('pin.offline'));
        break;
      default:
        setProblem(t('pin.failed'));
    }
  };

  return (
    <Dialog title={t('pin.title')} className="pin">
      <div className="pin-who">
        <Avatar resident={resident} />
        <span>{firstName(resident.displayName)}</span>
      </div>
      <p className="help">{t('pin.help')}</p>
      <p className="pin-dots" role="status" aria-label={t('pin.digits', { count: pin.length })}>
        {pin.length === 0 ? '\u00a0' : '●'.repeat(pin.length)}
      </p>
      {problem && <p className="pin-problem">{problem}</p>}
      <div className="pin-keys">
        {KEYS.map((d) => (
          <button key={d} type="button" className="secondary" onClick={() => type(d)}>
            {d}
          </button>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setPin((p) => p.slice(0, -1))}
          disabled={pin.length === 0}
        >
          {t('pin.erase')}
        </button>
        <button type="button" className="secondary" onClick={() => type('0')}>
          0
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void check()}
          disabled={pin.length < 4 || checking}
        >
          {t('pin.ok')}
        </button>
      </div>
      <button type="button" className="secondary big pin-back" onClick={onCancel}>
        {t('pin.cancel')}
      </button>
    </Dialog>
  );
}
