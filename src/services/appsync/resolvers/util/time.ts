// `$util.time` / `util.time`: ISO 8601, epoch and formatted times on the cloud's clock. Formats are Java
// DateTimeFormatter patterns (AppSync runs on the JVM); the common letters are handled: y M d H h m s S a
// E Z X z and 'quoted' text. Zones are IANA names or offsets ("-08:00").
// https://docs.aws.amazon.com/appsync/latest/devguide/time-helpers-in-util-time.html
// https://docs.oracle.com/javase/8/docs/api/java/time/format/DateTimeFormatter.html

import { ErrorSignal } from './signals.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Token = { letter: string; count: number } | { text: string };

function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] as string;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const text = pattern.slice(i + 1, end === -1 ? pattern.length : end);
      out.push({ text: text === '' ? "'" : text });
      i = end === -1 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ letter: c, count: j - i });
      i = j;
    } else {
      out.push({ text: c });
      i++;
    }
  }
  return out;
}

function badFormat(detail: string): ErrorSignal {
  return new ErrorSignal({ message: detail, errorType: 'InvalidFormat' });
}

/** The zone's offset from UTC, in minutes, at `ms`. */
export function zoneOffset(ms: number, zone: string | undefined): number {
  if (!zone || zone === 'UTC' || zone === 'Z' || zone === 'GMT') return 0;
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(ms));
  } catch {
    throw badFormat(`Unknown time zone: ${zone}`);
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

function offsetText(minutes: number, colon: boolean, zulu: boolean): string {
  if (minutes === 0 && zulu) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

export function formatEpoch(ms: number, pattern: string, zone?: string): string {
  const offset = zoneOffset(ms, zone);
  const d = new Date(ms + offset * 60_000);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  let out = '';
  for (const token of tokens(pattern)) {
    if ('text' in token) {
      out += token.text;
      continue;
    }
    const { letter, count } = token;
    const hour = d.getUTCHours();
    switch (letter) {
      case 'y':
      case 'u':
        out += count === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), count);
        break;
      case 'M':
        out +=
          count >= 4
            ? MONTHS[d.getUTCMonth()]
            : count === 3
              ? MONTHS[d.getUTCMonth()]?.slice(0, 3)
              : pad(d.getUTCMonth() + 1, count);
        break;
      case 'd':
        out += pad(d.getUTCDate(), count);
        break;
      case 'D': {
        const start = Date.UTC(d.getUTCFullYear(), 0, 1);
        out += pad(Math.floor((d.getTime() - start) / 86_400_000) + 1, count);
        break;
      }
      case 'E':
        out += count >= 4 ? DAYS[d.getUTCDay()] : DAYS[d.getUTCDay()]?.slice(0, 3);
        break;
      case 'H':
        out += pad(hour, count);
        break;
      case 'h':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, count);
        break;
      case 'a':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), count);
        break;
      case 's':
        out += pad(d.getUTCSeconds(), count);
        break;
      case 'S':
        out += pad(d.getUTCMilliseconds(), 3).padEnd(count, '0').slice(0, count);
        break;
      case 'Z':
        out += count >= 4 ? `GMT${offsetText(offset, true, false)}` : offsetText(offset, count === 5, false);
        break;
      case 'X':
        out += offsetText(offset, count >= 3, true);
        break;
      case 'x':
        out += offsetText(offset, count >= 3, false);
        break;
      case 'z':
      case 'V':
        out += zone ?? 'UTC';
        break;
      default:
        throw badFormat(`Unknown pattern letter: ${letter}`);
    }
  }
  return out;
}

/** The epoch milliseconds that `text` names in `pattern` (numeric fields, offsets and month names). */
export function parseFormatted(text: string, pattern: string, zone?: string): number {
  const fields: Record<string, number> = {};
  let offsetMinutes: number | undefined;
  let rest = String(text);
  const take = (re: RegExp): string => {
    const m = re.exec(rest);
    if (!m) throw badFormat(`Text '${text}' could not be parsed with pattern '${pattern}'`);
    rest = rest.slice(m[0].length);
    return m[0];
  };
  for (const token of tokens(pattern)) {
    if ('text' in token) {
      if (!rest.startsWith(token.text)) take(/(?!)/); // literal text that is not there: a pattern that never matches fails the parse
      rest = rest.slice(token.text.length);
      continue;
    }
    const { letter, count } = token;
    const digits = new RegExp(`^\\d{${count},${Math.max(count, letter === 'y' ? 9 : 2)}}`);
    switch (letter) {
      case 'y':
      case 'u': {
        const v = Number(take(count === 2 ? /^\d{2}/ : digits));
        fields.year = count === 2 ? 2000 + v : v;
        break;
      }
      case 'M':
        if (count >= 3) {
          const name = take(/^[A-Za-z]+/).toLowerCase();
          fields.month = MONTHS.findIndex((m) => m.toLowerCase().startsWith(name.slice(0, 3))) + 1;
        } else fields.month = Number(take(digits));
        break;
      case 'd':
        fields.day = Number(take(digits));
        break;
      case 'H':
      case 'h':
        fields.hour = Number(take(digits));
        break;
      case 'a':
        fields.pm = take(/^(AM|PM)/i).toUpperCase() === 'PM' ? 1 : 0;
        break;
      case 'm':
        fields.minute = Number(take(digits));
        break;
      case 's':
        fields.second = Number(take(digits));
        break;
      case 'S':
        fields.ms = Number(
          take(new RegExp(`^\\d{${count}}`))
            .padEnd(3, '0')
            .slice(0, 3),
        );
        break;
      case 'E':
        take(/^[A-Za-z]+/);
        break;
      case 'Z':
      case 'X':
      case 'x': {
        const z = take(/^(Z|[+-]\d{2}:?\d{2})/);
        offsetMinutes = z === 'Z' ? 0 : zoneOffset(0, z);
        break;
      }
      default:
        throw badFormat(`Unknown pattern letter: ${letter}`);
    }
  }
  if (rest !== '') throw badFormat(`Text '${text}' could not be parsed, unparsed text found`);
  let hour = fields.hour ?? 0;
  if (fields.pm !== undefined) hour = (hour % 12) + (fields.pm ? 12 : 0);
  const local = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    hour,
    fields.minute ?? 0,
    fields.second ?? 0,
    fields.ms ?? 0,
  );
  return local - (offsetMinutes ?? zoneOffset(local, zone)) * 60_000;
}

export function parseIso8601(text: unknown): number {
  const ms = Date.parse(String(text));
  if (Number.isNaN(ms)) throw badFormat(`Text '${String(text)}' could not be parsed as ISO 8601`);
  return ms;
}

export function timeUtils(now: () => number) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    nowISO8601: () => iso(now()),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (format: string, zone?: string) => formatEpoch(now(), String(format), zone),
    parseFormattedToEpochMilliSeconds: (text: string, format: string, zone?: string) =>
      parseFormatted(text, String(format), zone),
    parseISO8601ToEpochMilliSeconds: (text: string) => parseIso8601(text),
    epochMilliSecondsToSeconds: (ms: number) => Math.floor(Number(ms) / 1000),
    epochMilliSecondsToISO8601: (ms: number) => iso(Number(ms)),
    epochMilliSecondsToFormatted: (ms: number, format: string, zone?: string) =>
      formatEpoch(Number(ms), String(format), zone),
  };
}
