/**
 * Deadline arithmetic of regulatory clocks (pure). Every deadline is an absolute UTC instant.
 *
 * - `hours` are elapsed time: trigger + n × 3,600 s. A daylight-saving change in between does not
 *   move the deadline (72 h are 72 h).
 * - `calendar-days`, `business-days` and `months` are counted on the calendar of the regime's
 *   reference time zone (e.g. Europe/Brussels for EU regimes) and end at the SAME wall-clock time as
 *   the trigger, so "3 days" after 10:00 on Friday ends at 10:00 on Monday in that zone, whatever
 *   DST did meanwhile. Business days skip Saturday, Sunday and the deployer's holidays (ISO dates in
 *   that zone). Months are "same day next month", clamped to the month's last day (31 Jan → 28/29 Feb).
 * - A wall-clock time that does not exist (the hour skipped by DST) resolves to the instant one DST
 *   offset later; an ambiguous one (the repeated hour) to its first occurrence.
 */

import { toWall } from '../zone.js';
export type DurationUnit = 'hours' | 'calendar-days' | 'business-days' | 'months';
export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

/** Events that start a clock. `previous-submission` starts when another clock of the regime is met. */
export type Trigger =
  | 'discovery'
  | 'awareness'
  | 'determination'
  | 'classification'
  | 'ransom-payment'
  | 'extortion-payment'
  | 'discovery-year-end'
  | 'previous-submission';

/** Triggers a caller may set (the others are derived). */
export const SETTABLE_TRIGGERS = [
  'awareness',
  'determination',
  'classification',
  'ransom-payment',
  'extortion-payment',
] as const;
export type SettableTrigger = (typeof SETTABLE_TRIGGERS)[number];
/** Settable triggers that default to the incident's discovery time until set. */
export const DEFAULTS_TO_DISCOVERY: readonly SettableTrigger[] = [
  'awareness',
  'determination',
  'classification',
];

/** The parts of a clock definition the arithmetic needs (see `regimes.ts` for the full shape). */
export interface ClockTiming {
  readonly id: string;
  readonly trigger: Trigger;
  /** For `previous-submission`: the clock whose submission starts this one, and which submission. */
  readonly after?: { readonly clock: string; readonly submission: 'first' | 'last' };
  /** null: "without undue delay" — no fixed deadline (status `asap`). */
  readonly duration: Duration | null;
  /** "… and at the latest": the deadline is the earlier of the two (DORA's initial notification). */
  readonly cap?: { readonly trigger: Trigger; readonly duration: Duration };
}

export interface DueContext {
  /** ISO instants. `discovery` is the incident's discovery date. */
  readonly triggers: { readonly discovery: string } & Partial<Record<SettableTrigger, string>>;
  /** Submission times per clock id (first and last), for clocks started by another's submission. */
  readonly submissions?: Readonly<Record<string, { readonly first: string; readonly last: string }>>;
  /** IANA zone the regime counts days in. */
  readonly timeZone: string;
  /** Public holidays (YYYY-MM-DD in `timeZone`) skipped by business-day clocks. */
  readonly holidays?: readonly string[];
}

export type DueResult =
  | {
      readonly kind: 'deadline';
      readonly start: Date;
      readonly due: Date;
      /** Triggers taken from the discovery date because they were not set. */
      readonly assumed: readonly Trigger[];
    }
  | { readonly kind: 'asap'; readonly start: Date; readonly assumed: readonly Trigger[] }
  /** The triggering event has not happened (or not been recorded): no clock runs yet. */
  | { readonly kind: 'pending'; readonly waitingFor: string };

const HOUR_MS = 3_600_000;

// ---------- time zones (Intl only) ----------

interface Wall {
  y: number;
  m: number; // 1-12
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

/** Wall-clock reading of an instant in a zone (conversions in shared/domain/zone.ts). */
export function wallClock(instant: number, timeZone: string): Wall {
  const w = toWall(new Date(instant), timeZone);
  return {
    y: w.getUTCFullYear(),
    m: w.getUTCMonth() + 1,
    d: w.getUTCDate(),
    h: w.getUTCHours(),
    mi: w.getUTCMinutes(),
    s: w.getUTCSeconds(),
    ms: ((instant % 1000) + 1000) % 1000,
  };
}

const wallAsUtc = (w: Wall) => Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s, w.ms);
/** Offset of the zone at an instant, in ms (UTC+1 → 3,600,000). */
const offsetAt = (instant: number, timeZone: string) => wallAsUtc(wallClock(instant, timeZone)) - instant;

/** The instant a wall-clock reading denotes in a zone. */
export function fromWallClock(w: Wall, timeZone: string): number {
  const asUtc = wallAsUtc(w);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  if (first === second) return first;
  // Ambiguous or skipped hour: keep the candidate that reads back as the wall time, earliest first.
  const exact = [first, second]
    .filter((t) => wallAsUtc(wallClock(t, timeZone)) === asUtc)
    .sort((a, b) => a - b);
  return exact[0] ?? Math.max(first, second);
}

/** Calendar date arithmetic on (y, m, d), normalised through UTC. */
function shiftDate(w: Wall, days: number): Wall {
  const t = new Date(Date.UTC(w.y, w.m - 1, w.d + days));
  return { ...w, y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
const isoDate = (w: Wall) =>
  `${String(w.y).padStart(4, '0')}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;

/** Is this date (YYYY-MM-DD in the zone) a business day? */
export function isBusinessDay(date: string, holidays: ReadonlySet<string>): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(date);
}

/** `start` + `duration`, as described at the top of this module. */
export function addDuration(
  start: Date,
  duration: Duration,
  timeZone: string,
  holidays: readonly string[] = [],
): Date {
  const { amount, unit } = duration;
  if (unit === 'hours') return new Date(start.getTime() + amount * HOUR_MS);
  const wall = wallClock(start.getTime(), timeZone);
  let target: Wall;
  if (unit === 'calendar-days') {
    target = shiftDate(wall, amount);
  } else if (unit === 'business-days') {
    const off = new Set(holidays);
    target = wall;
    for (let counted = 0; counted < amount; ) {
      target = shiftDate(target, 1);
      if (isBusinessDay(isoDate(target), off)) counted++;
    }
  } else {
    const monthIndex = wall.m - 1 + amount;
    const y = wall.y + Math.floor(monthIndex / 12);
    const m = (((monthIndex % 12) + 12) % 12) + 1;
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    target = { ...wall, y, m, d: Math.min(wall.d, lastDay) };
  }
  return new Date(fromWallClock(target, timeZone));
}

/** Midnight that ends the calendar year (in the zone) of an instant. */
export function endOfYear(instant: Date, timeZone: string): Date {
  const { y } = wallClock(instant.getTime(), timeZone);
  return new Date(fromWallClock({ y: y + 1, m: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0 }, timeZone));
}

// ---------- clocks ----------

function triggerTime(
  trigger: Trigger,
  clock: ClockTiming,
  ctx: DueContext,
): { at: Date; assumed: boolean } | { waitingFor: string } {
  const t = ctx.triggers;
  switch (trigger) {
    case 'discovery':
      return { at: new Date(t.discovery), assumed: false };
    case 'discovery-year-end':
      return { at: endOfYear(new Date(t.discovery), ctx.timeZone), assumed: false };
    case 'previous-submission': {
      if (!clock.after) throw new Error(`Clock ${clock.id}: previous-submission without 'after'`);
      const s = ctx.submissions?.[clock.after.clock];
      if (!s) return { waitingFor: `submission of ${clock.after.clock}` };
      return { at: new Date(clock.after.submission === 'first' ? s.first : s.last), assumed: false };
    }
    default: {
      const set = t[trigger];
      if (set !== undefined) return { at: new Date(set), assumed: false };
      if (DEFAULTS_TO_DISCOVERY.includes(trigger)) return { at: new Date(t.discovery), assumed: true };
      return { waitingFor: trigger };
    }
  }
}

/** When a clock is due: an absolute instant, `asap` (no fixed duration), or `pending` (not started). */
export function computeDue(clock: ClockTiming, ctx: DueContext): DueResult {
  const started = triggerTime(clock.trigger, clock, ctx);
  if ('waitingFor' in started) return { kind: 'pending', waitingFor: started.waitingFor };
  const assumed: Trigger[] = started.assumed ? [clock.trigger] : [];
  if (clock.duration === null) return { kind: 'asap', start: started.at, assumed };
  let due = addDuration(started.at, clock.duration, ctx.timeZone, ctx.holidays);
  if (clock.cap) {
    const capStart = triggerTime(clock.cap.trigger, clock, ctx);
    if ('at' in capStart) {
      const capDue = addDuration(capStart.at, clock.cap.duration, ctx.timeZone, ctx.holidays);
      if (capDue < due) {
        due = capDue;
        if (capStart.assumed) assumed.push(clock.cap.trigger);
      }
    }
  }
  return { kind: 'deadline', start: started.at, due, assumed };
}

// ---------- status ----------

export type ClockStatus =
  | 'pending'
  | 'not_applicable'
  | 'asap'
  | 'open'
  | 'due_soon'
  | 'overdue'
  | 'submitted';

/** Share of a clock's window after which it is `due_soon` (the default last reminder before the deadline). */
export const DUE_SOON_FRACTION = 0.8;

export interface StatusInput {
  readonly start: Date;
  /** null for `asap` clocks. */
  readonly due: Date | null;
  readonly now: Date;
  /** First submission for the clock, if any. */
  readonly submittedAt?: Date | undefined;
  readonly dueSoonFraction?: number;
}

export interface StatusResult {
  readonly status: ClockStatus;
  /** Seconds until the deadline (negative once passed); null without a deadline or once submitted. */
  readonly timeLeftSeconds: number | null;
  /** Seconds past the deadline: when overdue, or when the submission was late. */
  readonly lateSeconds: number | null;
}

export function clockStatus(input: StatusInput): StatusResult {
  const { start, due, now, submittedAt } = input;
  const fraction = input.dueSoonFraction ?? DUE_SOON_FRACTION;
  if (submittedAt) {
    const late = due && submittedAt > due ? Math.floor((submittedAt.getTime() - due.getTime()) / 1000) : null;
    return { status: 'submitted', timeLeftSeconds: null, lateSeconds: late };
  }
  if (!due) return { status: 'asap', timeLeftSeconds: null, lateSeconds: null };
  const left = Math.trunc((due.getTime() - now.getTime()) / 1000);
  if (left < 0) return { status: 'overdue', timeLeftSeconds: left, lateSeconds: -left };
  const window = due.getTime() - start.getTime();
  const soon = now.getTime() >= start.getTime() + fraction * window;
  return { status: soon ? 'due_soon' : 'open', timeLeftSeconds: left, lateSeconds: null };
}
