// `!{timestamp:…}` patterns: the subset of Java's DateTimeFormatter that S3 prefixes use — pattern
// letters (y u M d D H h k m s S E a), text in single quotes taken literally (`''` is a quote), anything
// else copied — in UTC or the stream's CustomTimeZone.
// https://docs.oracle.com/javase/8/docs/api/java/time/format/DateTimeFormatter.html
// https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html#timestamp-namespace

type Token = { readonly letter: string; readonly count: number } | { readonly text: string };

/** The pattern's tokens, or undefined when it is not one DateTimeFormatter would accept here. */
export function parsePattern(pattern: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const char = pattern[i]!;
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) return undefined;
      tokens.push({ text: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[a-zA-Z]/.test(char)) {
      let count = 1;
      while (pattern[i + count] === char) count++;
      if (!LETTERS.has(char)) return undefined;
      tokens.push({ letter: char, count });
      i += count;
    } else if (char === '{' || char === '}' || char === '[' || char === ']' || char === '#') {
      // Reserved by DateTimeFormatter (optional sections, future use).
      return undefined;
    } else {
      tokens.push({ text: char });
      i++;
    }
  }
  return tokens;
}

/** Formats `time` (epoch ms) by a pattern parsePattern accepted. */
export function formatTime(tokens: readonly Token[], time: number, timeZone = 'UTC'): string {
  const fields = fieldsOf(time, timeZone);
  let out = '';
  for (const token of tokens) out += 'text' in token ? token.text : field(token.letter, token.count, fields);
  return out;
}

const LETTERS = new Set(['y', 'u', 'M', 'd', 'D', 'H', 'h', 'k', 'm', 's', 'S', 'E', 'a']);
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

interface Fields {
  year: number;
  month: number;
  day: number;
  dayOfYear: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
}

function field(letter: string, count: number, f: Fields): string {
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'M':
      return count >= 4
        ? MONTHS[f.month - 1]!
        : count === 3
          ? MONTHS[f.month - 1]!.slice(0, 3)
          : pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'D':
      return pad(f.dayOfYear, count);
    case 'H':
      return pad(f.hour, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'E':
      return count >= 4 ? DAYS[f.weekday]! : DAYS[f.weekday]!.slice(0, 3);
    default:
      return f.hour < 12 ? 'AM' : 'PM';
  }
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function fieldsOf(time: number, timeZone: string): Fields {
  // The wall-clock time in the zone, read back as if it were UTC, gives every field with UTC getters.
  const local = timeZone === 'UTC' ? new Date(time) : new Date(time + zoneOffsetMs(time, timeZone));
  const startOfYear = Date.UTC(local.getUTCFullYear(), 0, 1);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    dayOfYear: Math.floor((local.getTime() - startOfYear) / 86_400_000) + 1,
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: local.getUTCDay(),
  };
}

function zoneOffsetMs(time: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(time));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(time / 1000) * 1000;
}

/** Whether `zone` is a time zone Intl knows (CustomTimeZone). */
export function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
