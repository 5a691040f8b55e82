// AWS schedule expressions: `rate(value unit)` and the six-field `cron(minutes hours day-of-month month
// day-of-week year)`, parsed and validated, and the next time one fires after a given instant (UTC).
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html

export type Schedule =
  | { readonly kind: 'rate'; readonly everyMs: number }
  | { readonly kind: 'cron'; readonly fields: CronFields };

export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly dayOfMonth: DayOfMonth;
  readonly months: ReadonlySet<number>;
  readonly dayOfWeek: DayOfWeek;
  readonly years: ReadonlySet<number> | undefined;
}

/** `?` (any), a set of days, `L` (last day), `nW` (nearest weekday to n), `LW` (last weekday). */
type DayOfMonth =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'last' }
  | { readonly kind: 'weekday'; readonly day: number }
  | { readonly kind: 'last-weekday' };

/** Days are 1 (SUN) … 7 (SAT). `nL`: the last such day of the month; `n#k`: the k-th such day. */
type DayOfWeek =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: ReadonlySet<number> }
  | { readonly kind: 'last'; readonly day: number }
  | { readonly kind: 'nth'; readonly day: number; readonly nth: number };

/** Thrown for an expression AWS would refuse; the service words its own error. */
export class ScheduleError extends Error {}

/** Parses `rate(…)` or `cron(…)`; throws ScheduleError when AWS would refuse it. */
export function parseSchedule(expression: string): Schedule {
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) return { kind: 'rate', everyMs: parseRate(rate[1]!) };
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return { kind: 'cron', fields: parseCron(cron[1]!) };
  throw new ScheduleError(`not a rate() or cron() expression: ${expression}`);
}

/**
 * The first time strictly after `afterMs` (epoch ms) at which the schedule fires, or undefined when it never
 * fires again (a cron whose years are over). Rates fire every `everyMs` counted from `startMs`.
 */
export function nextFire(schedule: Schedule, afterMs: number, startMs = afterMs): number | undefined {
  if (schedule.kind === 'rate') {
    const periods = Math.floor((afterMs - startMs) / schedule.everyMs) + 1;
    return startMs + Math.max(1, periods) * schedule.everyMs;
  }
  return nextCron(schedule.fields, afterMs);
}

const MINUTE = 60_000;
const UNITS: Readonly<Record<string, number>> = { minute: MINUTE, hour: 60 * MINUTE, day: 1440 * MINUTE };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MAX_YEAR = 2199;

function parseRate(body: string): number {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body);
  if (!match) throw new ScheduleError(`rate must be "value unit": ${body}`);
  const value = Number(match[1]);
  const unit = match[2]!;
  // "If the value is equal to 1, then the unit must be singular … greater than 1, the unit must be plural."
  if (value < 1 || (value === 1) !== !unit.endsWith('s'))
    throw new ScheduleError(`bad rate value for ${unit}`);
  return value * UNITS[unit.replace(/s$/, '')]!;
}

function parseCron(body: string): CronFields {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) throw new ScheduleError('cron needs six fields');
  const [minutes, hours, dom, months, dow, years] = parts as [string, string, string, string, string, string];
  // "You can't specify the Day-of-month and Day-of-week fields in the same cron expression … one must be ?"
  if ((dom === '?') === (dow === '?'))
    throw new ScheduleError('exactly one of day-of-month, day-of-week is ?');
  return {
    minutes: parseSet(minutes, 0, 59),
    hours: parseSet(hours, 0, 23),
    dayOfMonth: parseDayOfMonth(dom),
    months: parseSet(months, 1, 12, MONTHS),
    dayOfWeek: parseDayOfWeek(dow),
    years: years === '*' ? undefined : parseSet(years, 1970, MAX_YEAR),
  };
}

function parseDayOfMonth(text: string): DayOfMonth {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'last-weekday' };
  const weekday = /^(\d{1,2})W$/.exec(text);
  if (weekday) {
    const day = Number(weekday[1]);
    if (day < 1 || day > 31) throw new ScheduleError(`day ${day} out of range`);
    return { kind: 'weekday', day };
  }
  return { kind: 'days', days: parseSet(text, 1, 31) };
}

function parseDayOfWeek(text: string): DayOfWeek {
  if (text === '?') return { kind: 'any' };
  const last = /^([1-7]|[A-Z]{3})L$/.exec(text);
  if (last) return { kind: 'last', day: parseValue(last[1]!, 1, 7, WEEKDAYS) };
  const nth = /^([1-7]|[A-Z]{3})#([1-5])$/.exec(text);
  if (nth) return { kind: 'nth', day: parseValue(nth[1]!, 1, 7, WEEKDAYS), nth: Number(nth[2]) };
  if (text === 'L') return { kind: 'last', day: 7 };
  return { kind: 'days', days: parseSet(text, 1, 7, WEEKDAYS) };
}

/** `*`, `a`, `a-b` (wrapping past the maximum, as `20-2` in hours does), `a/n`, `*\/n`, `a-b/n`, joined by commas. */
function parseSet(text: string, min: number, max: number, names?: readonly string[]): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new ScheduleError(`bad field item ${item}`);
    const [, range, stepText] = match as unknown as [string, string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new ScheduleError('step must be positive');
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a, b, extra] = range.split('-');
      if (extra !== undefined || a === undefined || b === undefined)
        throw new ScheduleError(`bad range ${range}`);
      from = parseValue(a, min, max, names);
      to = parseValue(b, min, max, names);
    } else {
      from = parseValue(range, min, max, names);
      to = stepText === undefined ? from : max;
    }
    const span = to >= from ? to - from : max - from + 1 + (to - min);
    for (let offset = 0; offset <= span; offset += step) {
      const value = from + offset;
      values.add(value > max ? value - (max - min + 1) : value);
    }
  }
  return values;
}

function parseValue(text: string, min: number, max: number, names?: readonly string[]): number {
  const named = names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) throw new ScheduleError(`${text} is not within ${min}-${max}`);
  return value;
}

function nextCron(fields: CronFields, afterMs: number): number | undefined {
  // Schedules have minute precision: start at the first whole minute after `afterMs`.
  const start = new Date(Math.floor(afterMs / MINUTE) * MINUTE + MINUTE);
  let day = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  let fromMinute = start.getUTCHours() * 60 + start.getUTCMinutes();
  for (;;) {
    const date = new Date(day);
    const year = date.getUTCFullYear();
    if (year > MAX_YEAR) return undefined;
    if (dayMatches(fields, date)) {
      for (let minuteOfDay = fromMinute; minuteOfDay < 1440; minuteOfDay++) {
        if (fields.hours.has(Math.floor(minuteOfDay / 60)) && fields.minutes.has(minuteOfDay % 60))
          return day + minuteOfDay * MINUTE;
      }
    }
    day += 1440 * MINUTE;
    fromMinute = 0;
  }
}

function dayMatches(fields: CronFields, date: Date): boolean {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  if (fields.years && !fields.years.has(year)) return false;
  if (!fields.months.has(month)) return false;
  const dayOfMonth = date.getUTCDate();
  const weekday = date.getUTCDay() + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dom = fields.dayOfMonth;
  switch (dom.kind) {
    case 'any':
      break;
    case 'days':
      if (!dom.days.has(dayOfMonth)) return false;
      break;
    case 'last':
      if (dayOfMonth !== lastDay) return false;
      break;
    case 'weekday':
      if (dayOfMonth !== nearestWeekday(year, month, Math.min(dom.day, lastDay), lastDay)) return false;
      break;
    case 'last-weekday':
      if (dayOfMonth !== nearestWeekday(year, month, lastDay, lastDay)) return false;
      break;
  }
  const dow = fields.dayOfWeek;
  switch (dow.kind) {
    case 'any':
      return true;
    case 'days':
      return dow.days.has(weekday);
    case 'last':
      return weekday === dow.day && dayOfMonth + 7 > lastDay;
    case 'nth':
      return weekday === dow.day && Math.ceil(dayOfMonth / 7) === dow.nth;
  }
}

/** The weekday nearest to `day` within its month (Saturday → Friday, Sunday → Monday, not across months). */
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === lastDay ? day - 2 : day + 1;
  return day;
}
