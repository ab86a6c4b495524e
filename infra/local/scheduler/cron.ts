/**
 * AWS's 6-field cron (`minutes hours day-of-month month day-of-week year`), as EventBridge
 * Scheduler reads it: day-of-week 1-7 = SUN-SAT, one of day-of-month / day-of-week must be `?`.
 * Supported: `*`, `?`, values, names (JAN-DEC, SUN-SAT), lists, ranges, steps (`*\/5`, `10/15`,
 * `1-30/2`), `L` in day-of-month, `nL` (last weekday n) and `n#k` (k-th weekday n) in day-of-week.
 * Not supported: `W`, `L-n`, `LW` (rejected, so nothing is silently misread).
 */
import { fromWall, toWall } from '../../../shared/domain/zone.js';

export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError';
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;

export interface Cron {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** Undefined when the field is `?`. */
  readonly daysOfMonth?: { readonly days: ReadonlySet<number>; readonly last: boolean };
  /** Undefined when the field is `?`. Days 1-7 = SUN-SAT. */
  readonly daysOfWeek?: {
    readonly days: ReadonlySet<number>;
    /** `n#k`: the k-th weekday n of the month. */
    readonly nth: readonly { readonly day: number; readonly k: number }[];
    /** `nL`: the last weekday n of the month. */
    readonly last: ReadonlySet<number>;
  };
  readonly months: ReadonlySet<number>;
  readonly years: ReadonlySet<number>;
}

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS = {
  minutes: { label: 'minutes', min: 0, max: 59 },
  hours: { label: 'hours', min: 0, max: 23 },
  daysOfMonth: { label: 'day-of-month', min: 1, max: 31 },
  months: { label: 'month', min: 1, max: 12, names: MONTHS },
  daysOfWeek: { label: 'day-of-week', min: 1, max: 7, names: DAYS },
  years: { label: 'year', min: MIN_YEAR, max: MAX_YEAR },
} as const satisfies Record<string, FieldSpec>;

function value(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  const n = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
    throw new CronSyntaxError(`${spec.label}: "${text}" is not in ${spec.min}-${spec.max}`);
  }
  return n;
}

/** `*`, `a`, `a-b`, each optionally `/step`, comma-separated. */
function parseList(text: string, spec: FieldSpec, item?: (part: string) => boolean): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') throw new CronSyntaxError(`${spec.label}: empty list item in "${text}"`);
    if (item?.(part)) continue;
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronSyntaxError(`${spec.label}: "${part}" has two steps`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
        throw new CronSyntaxError(`${spec.label}: step "${stepText}" must be a positive integer`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = '', more] = range.split('-');
      if (more !== undefined) throw new CronSyntaxError(`${spec.label}: "${range}" is not a range`);
      from = value(a, spec);
      to = value(b, spec);
      if (from > to) throw new CronSyntaxError(`${spec.label}: range "${range}" runs backwards`);
    } else {
      from = value(range, spec);
      // `a/step` means from a to the end of the field.
      to = stepText === undefined ? from : spec.max;
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

/** Parses the six fields inside `cron(...)`. Throws {@link CronSyntaxError}. */
export function parseCron(fields: string): Cron {
  const parts = fields.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new CronSyntaxError(`cron needs 6 fields (minutes hours day-of-month month day-of-week year)`);
  }
  const [min = '', hour = '', dom = '', month = '', dow = '', year = ''] = parts;
  if ((dom === '?') === (dow === '?')) {
    throw new CronSyntaxError('exactly one of day-of-month and day-of-week must be "?"');
  }
  for (const [field, text] of [
    ['minutes', min],
    ['hours', hour],
    ['month', month],
    ['year', year],
  ] as const) {
    if (text.includes('?')) throw new CronSyntaxError(`${field}: "?" is only for the day fields`);
  }

  let daysOfMonth: Cron['daysOfMonth'];
  if (dom !== '?') {
    let last = false;
    const days = parseList(dom, FIELDS.daysOfMonth, (part) => {
      if (part === 'L') {
        last = true;
        return true;
      }
      if (/W|L/i.test(part)) {
        throw new CronSyntaxError(`day-of-month: "${part}" (W, L-n, LW) is not supported locally`);
      }
      return false;
    });
    daysOfMonth = { days, last };
  }

  let daysOfWeek: Cron['daysOfWeek'];
  if (dow !== '?') {
    const nth: { day: number; k: number }[] = [];
    const last = new Set<number>();
    const days = parseList(dow, FIELDS.daysOfWeek, (part) => {
      const hash = /^([A-Za-z]+|\d+)#(\d+)$/.exec(part);
      if (hash) {
        const k = Number(hash[2]);
        if (k < 1 || k > 5) throw new CronSyntaxError(`day-of-week: "${part}" needs #1-#5`);
        nth.push({ day: value(hash[1] as string, FIELDS.daysOfWeek), k });
        return true;
      }
      const lastDay = /^([A-Za-z]+|\d+)L$/.exec(part);
      if (lastDay && !DAYS.includes(part.toUpperCase())) {
        last.add(value(lastDay[1] as string, FIELDS.daysOfWeek));
        return true;
      }
      if (part.includes('#')) throw new CronSyntaxError(`day-of-week: "${part}" is not n#k`);
      return false;
    });
    daysOfWeek = { days, nth, last };
  }

  return {
    source: fields.trim(),
    minutes: parseList(min, FIELDS.minutes),
    hours: parseList(hour, FIELDS.hours),
    ...(daysOfMonth ? { daysOfMonth } : {}),
    ...(daysOfWeek ? { daysOfWeek } : {}),
    months: parseList(month, FIELDS.months),
    years: parseList(year, FIELDS.years),
  };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function dayMatches(cron: Cron, year: number, month: number, day: number): boolean {
  const dom = cron.daysOfMonth;
  if (dom) return dom.days.has(day) || (dom.last && day === daysIn(year, month));
  const dow = cron.daysOfWeek;
  if (!dow) return false;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  if (dow.days.has(weekday)) return true;
  if (dow.last.has(weekday) && day + 7 > daysIn(year, month)) return true;
  const k = Math.ceil(day / 7);
  return dow.nth.some((n) => n.day === weekday && n.k === k);
}

/**
 * The first time strictly after `after` that the expression names, read on the wall clock of
 * `timeZone`; undefined when there is none before the end of year 2199. Readings a
 * daylight-saving jump skips are skipped.
 */
export function nextCronTime(cron: Cron, after: Date, timeZone = 'UTC'): Date | undefined {
  const start = toWall(after, timeZone);
  let t = Date.UTC(
    start.getUTCFullYear(),
    start.getUTCMonth(),
    start.getUTCDate(),
    start.getUTCHours(),
    start.getUTCMinutes() + 1,
  );
  for (let guard = 0; guard < 1_000_000; guard++) {
    const d = new Date(t);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const hour = d.getUTCHours();
    const minute = d.getUTCMinutes();
    if (year > MAX_YEAR) return undefined;
    if (!cron.years.has(year)) {
      const next = [...cron.years].filter((y) => y > year).sort((a, b) => a - b)[0];
      if (next === undefined) return undefined;
      t = Date.UTC(next, 0, 1);
    } else if (!cron.months.has(month)) {
      t = Date.UTC(year, month, 1);
    } else if (!dayMatches(cron, year, month, day)) {
      t = Date.UTC(year, month - 1, day + 1);
    } else if (!cron.hours.has(hour)) {
      t = Date.UTC(year, month - 1, day, hour + 1);
    } else if (!cron.minutes.has(minute)) {
      t = Date.UTC(year, month - 1, day, hour, minute + 1);
    } else {
      const instant = fromWall(d, timeZone);
      if (instant && instant.getTime() > after.getTime()) return instant;
      t += 60_000;
    }
  }
  return undefined;
}
