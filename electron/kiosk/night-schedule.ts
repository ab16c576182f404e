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
 * Walks minute by minute: a day has at most 1,500 local minutes, and walking (rather than
 * computing "today at 22:00") is what makes the DST days right without a date library.
 */
export function nextChange(at: Date, night: Night | null, timeZone?: string): Date | null {
  if (!night || minutesOf(night.from) === minutesOf(night.to)) return null;
  const start = isNight(at, night, timeZone);
  let t = Math.floor(at.getTime() / 60_000) * 60_000;
  for (let i = 0; i < 50 * 60; i += 1) {
    t += 60_000;
    if (isNight(new Date(t), night, timeZone) !== start) return new Date(t);
  }
  return null;
}
