/**
 * Two independent readers of an iCalendar text, neither written here: Mozilla's ical.js (npm)
 * and Debian's python3-icalendar (spawned as /usr/bin/python3). Each reports every VEVENT the
 * same way: UID, SUMMARY, STATUS, SEQUENCE, DTSTAMP (UTC), and DTSTART/DTEND both as the wall
 * clock it says ("2026-10-26T10:00", with its TZID) and as the UTC instant it means.
 */
import { spawn } from 'node:child_process';
import ICAL from 'ical.js';

export interface ParsedEvent {
  uid: string;
  summary: string;
  status: string | null;
  sequence: number;
  /** UTC instant, ISO without milliseconds: `2026-10-26T09:00:00Z`. */
  stamp: string;
  startLocal: string;
  startTzid: string | null;
  startUtc: string;
  endLocal: string | null;
  endUtc: string | null;
}

export interface ParsedCalendar {
  name: string | null;
  timezones: string[];
  events: ParsedEvent[];
}

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const pad = (n: number): string => String(n).padStart(2, '0');
const wall = (t: ICAL.Time): string =>
  `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;

export function parseWithIcalJs(text: string): ParsedCalendar {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const zones = cal.getAllSubcomponents('vtimezone');
  // Registered so DTSTART's TZID is read with the feed's own VTIMEZONE, not a built-in table.
  for (const z of zones) ICAL.TimezoneService.register(new ICAL.Timezone(z));
  try {
    const events = cal.getAllSubcomponents('vevent').map((c): ParsedEvent => {
      const e = new ICAL.Event(c);
      const end = c.hasProperty('dtend') ? e.endDate : null;
      const stamp = c.getFirstPropertyValue('dtstamp') as ICAL.Time;
      return {
        uid: e.uid,
        summary: e.summary,
        status: (c.getFirstPropertyValue('status') as string | null) ?? null,
        sequence: e.sequence,
        stamp: iso(stamp.toJSDate()),
        startLocal: wall(e.startDate),
        startTzid: (c.getFirstProperty('dtstart')?.getParameter('tzid') as string | null) ?? null,
        startUtc: iso(e.startDate.toJSDate()),
        endLocal: end ? wall(end) : null,
        endUtc: end ? iso(end.toJSDate()) : null,
      };
    });
    return {
      name: (cal.getFirstPropertyValue('x-wr-calname') as string | null) ?? null,
      timezones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))),
      events,
    };
  } finally {
    for (const z of zones) ICAL.TimezoneService.remove(String(z.getFirstPropertyValue('tzid')));
  }
}

const PYTHON = String.raw`
import json, sys, datetime
import icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
utc = datetime.timezone.utc
def wall(dt): return dt.strftime('%Y-%m-%dT%H:%M')
def inst(dt): return dt.astimezone(utc).strftime('%Y-%m-%dT%H:%M:%SZ')
out = {'name': str(cal.get('X-WR-CALNAME')) if cal.get('X-WR-CALNAME') else None,
       'timezones': [str(z.get('TZID')) for z in cal.walk('VTIMEZONE')], 'events': []}
for e in cal.walk('VEVENT'):
    start = e.get('DTSTART'); end = e.get('DTEND')
    out['events'].append({
        'uid': str(e.get('UID')), 'summary': str(e.get('SUMMARY')),
        'status': str(e.get('STATUS')) if e.get('STATUS') else None,
        'sequence': int(e.get('SEQUENCE', 0)),
        'stamp': inst(e.get('DTSTAMP').dt),
        'startLocal': wall(start.dt), 'startTzid': start.params.get('TZID'),
        'startUtc': inst(start.dt),
        'endLocal': wall(end.dt) if end else None, 'endUtc': inst(end.dt) if end else None,
    })
print(json.dumps(out))
`;

/** Debian's python3-icalendar (not the pyenv shim's python, which lacks it). */
export function parseWithPython(text: string): Promise<ParsedCalendar> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', ['-c', PYTHON], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`python3-icalendar failed (${code}): ${err}`));
      else resolve(JSON.parse(out) as ParsedCalendar);
    });
    child.stdin.end(text);
  });
}
