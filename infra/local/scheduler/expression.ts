/**
 * Schedule expressions (`at(...)`, `rate(...)`, `cron(...)`) and when a schedule fires next.
 */

import { fromWall } from '../../../shared/domain/zone.js';
import { type Cron, CronSyntaxError, nextCronTime, parseCron } from './cron.js';

export type ScheduleExpression =
  | { readonly kind: 'at'; readonly wall: Date }
  | { readonly kind: 'rate'; readonly periodMs: number }
  | { readonly kind: 'cron'; readonly cron: Cron };

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Parses `at(yyyy-mm-ddThh:mm:ss)`, `rate(n minute[s]|hour[s]|day[s])` or `cron(6 fields)`. */
export function parseScheduleExpression(text: string): ScheduleExpression {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(text);
  if (at) {
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    const valid =
      wall.getUTCFullYear() === y &&
      wall.getUTCMonth() === mo - 1 &&
      wall.getUTCDate() === d &&
      wall.getUTCHours() === h &&
      wall.getUTCMinutes() === mi &&
      wall.getUTCSeconds() === s;
    if (!valid) throw new ExpressionError(`${text}: not a valid date and time`);
    return { kind: 'at', wall };
  }
  const rate = /^rate\((\d+)\s+([a-z]+)\)$/.exec(text);
  if (rate) {
    const n = Number(rate[1]);
    const unit = UNIT_MS[rate[2] as string];
    if (unit === undefined)
      throw new ExpressionError(`${text}: the unit must be minute(s), hour(s) or day(s)`);
    if (n < 1) throw new ExpressionError(`${text}: the value must be a positive integer`);
    return { kind: 'rate', periodMs: n * unit };
  }
  const cron = /^cron\((.*)\)$/.exec(text);
  if (cron) {
    try {
      return { kind: 'cron', cron: parseCron(cron[1] as string) };
    } catch (error) {
      if (error instanceof CronSyntaxError) throw new ExpressionError(`${text}: ${error.message}`);
      throw error;
    }
  }
  throw new ExpressionError(
    `${text}: expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(minutes hours day-of-month month day-of-week year)`,
  );
}

export interface Timing {
  readonly expression: ScheduleExpression;
  readonly timeZone: string;
  readonly startDate?: Date | undefined;
  readonly endDate?: Date | undefined;
  /** Where rate() counts periods from when there is no start date (creation or last update). */
  readonly anchor: Date;
}

/** `at(...)` in its time zone; a reading skipped by a DST jump moves forward to the next one. */
export function atInstant(wall: Date, timeZone: string): Date {
  for (let t = wall.getTime(); t < wall.getTime() + 86_400_000; t += 60_000) {
    const instant = fromWall(new Date(t), timeZone);
    if (instant) return instant;
  }
  return new Date(wall.getTime());
}

function withinEnd(t: Date | undefined, endDate: Date | undefined): Date | undefined {
  if (!t) return undefined;
  return endDate && t.getTime() > endDate.getTime() ? undefined : t;
}

/**
 * The first firing of a schedule created or updated at `now`. A one-time schedule keeps its time
 * even when it is already past (it fires on the next tick, late). Undefined: never fires.
 */
export function firstFire(timing: Timing, now: Date): Date | undefined {
  const { expression: e, startDate, endDate } = timing;
  if (e.kind === 'at') return atInstant(e.wall, timing.timeZone);
  if (e.kind === 'rate') {
    if (startDate) return withinEnd(nextRateAtOrAfter(startDate, e.periodMs, now), endDate);
    return withinEnd(new Date(timing.anchor.getTime() + e.periodMs), endDate);
  }
  const from = startDate && startDate.getTime() > now.getTime() ? new Date(startDate.getTime() - 1) : now;
  return withinEnd(nextCronTime(e.cron, from, timing.timeZone), endDate);
}

/**
 * The firing after one that happened at `now` (late firings collapse: missed periods are skipped).
 * Undefined for one-time schedules and past the end date.
 */
export function followingFire(timing: Timing, now: Date): Date | undefined {
  const { expression: e, endDate } = timing;
  if (e.kind === 'at') return undefined;
  if (e.kind === 'rate') {
    const origin = timing.startDate ?? timing.anchor;
    return withinEnd(nextRateAtOrAfter(origin, e.periodMs, new Date(now.getTime() + 1)), endDate);
  }
  return withinEnd(nextCronTime(e.cron, now, timing.timeZone), endDate);
}

/** origin + k·period for the smallest k ≥ 0 that is at or after `notBefore`. */
function nextRateAtOrAfter(origin: Date, periodMs: number, notBefore: Date): Date {
  const behind = notBefore.getTime() - origin.getTime();
  const k = behind <= 0 ? 0 : Math.ceil(behind / periodMs);
  return new Date(origin.getTime() + k * periodMs);
}
