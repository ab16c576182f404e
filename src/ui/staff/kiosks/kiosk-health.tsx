/**
 * A kiosk's shell health in its card on Skærme (`kiosk.health`, src/protocol/kiosk-health.ts):
 * what it shows now, how long it has run without a restart, and its last crash.
 */
import { useTranslation } from 'react-i18next';
import type { KioskHealth } from '../../../protocol/kiosk-health.js';
import { whenWords } from '../today/time.js';

/** Whole hours below two days, else whole days: staff want "is it restarting?", not seconds. */
export function uptimeParts(seconds: number): {
  unit: 'uptimeHours' | 'uptimeDays';
  count: number;
} {
  const hours = Math.floor(seconds / 3600);
  return hours < 48
    ? { unit: 'uptimeHours', count: hours }
    : { unit: 'uptimeDays', count: Math.floor(hours / 24) };
}

export function KioskHealthFacts({
  health,
  lang,
  timeZone,
  now,
}: {
  health: KioskHealth;
  lang: Parameters<typeof whenWords>[0];
  timeZone: string;
  now: Date;
}) {
  const { t } = useTranslation('staffKiosks');
  const up = uptimeParts(health.uptimeSeconds);
  return (
    <>
      <dt>{t('shows')}</dt>
      <dd>{t(`screens.${health.screen}`)}</dd>
      <dt>{t('uptime')}</dt>
      <dd>{t(up.unit, { count: up.count })}</dd>
      <dt>{t('lastCrash')}</dt>
      <dd>
        {health.lastCrash
          ? `${whenWords(lang, health.lastCrash.at, timeZone, now)} (${health.lastCrash.reason})`
          : t('noCrash')}
      </dd>
    </>
  );
}
