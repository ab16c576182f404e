/**
 * The night schedule in the kiosk's local time: `{ from: '22:00', to: '06:30' }` is night from
 * 22:00 until 06:30 the next morning (from later than to runs across midnight). Wall-clock local
 * time is read with Intl in the kiosk's zone, so the DST days come out right: on the spring day
 * a night starting at 02:30 (a time that does not exist) begins at 03:00, and on the autumn day
 * the doubled hour is simply night twice over.
 */
export interface Night {
  from: string;
  to: string;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function localMinutes(at: Date, timeZone: string | undefined): number {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    formatters.set(key, f);
  }
  let h = 0;
  let m = 0;
  for (const p of f.formatToParts(at)) {
    if (p.type === 'hour') h = Number(p.value);
    if (p.type === 'minute') m = Number(p.value);
  }
  return h * 60 + m;
}

export function isNight(at: Date, night: Night | null, timeZone?: string): boolean {
  if (!night) return false;
  const from = minutesOf(night.from);
  const to = minutesOf(night.to);
  if (from === to) return false;
  const now = localMinutes(at, timeZone);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/**
 * The next instant (on a whole minute) at which `isNight` changes, or null when it never does.
 * It jumps to where the wall clock would show the next boundary if the UTC offset stayed put,
 * then walks minute by minute from three hours before it: a DST change moves the real instant
 * by an hour (two in a few zones), and walking is what makes those days right without a date
 * library (a night from 02:30 on the spring day begins at 03:00, when the clock jumps there).
 */
export function nextChange(at: Date, night: Night | null, timeZone?: string): Date | null {
  if (!night || minutesOf(night.from) === minutesOf(night.to)) return null;
  const start = isNight(at, night, timeZone);
  const minute = 60_000;
  const now = Math.floor(at.getTime() / minute) * minute;
  const target = minutesOf(start ? night.to : night.from);
  const ahead = (target - localMinutes(new Date(now), timeZone) + 1440) % 1440 || 1440;
  let t = Math.max(now, now + (ahead - 180) * minute);
  for (let i = 0; i < 50 * 60; i += 1) {
    t += minute;
    if (isNight(new Date(t), night, timeZone) !== start) return new Date(t);
  }
  return null;
}
