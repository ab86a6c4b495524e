/**
 * Timeframes (pure, no dependencies: the schemas validate with it, the domain computes due dates): how long an organization has to act, as written in playbooks, channels'
 * escalation rules and (later) escalation chains.
 *
 * Accepted forms:
 * - ISO 8601 durations with fixed-length units: `PT30M`, `PT1H`, `P3D`, `P1DT12H`, `P2W`, `PT90S`.
 *   Years and months are refused: their length depends on the calendar, so a due date computed
 *   from them would be ambiguous.
 * - Plain English: `30 minutes`, `2 hours`, `1 day`, `2 weeks`, `45 seconds` (singular or plural,
 *   any case, surrounding spaces ignored).
 */
const UNIT_SECONDS = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
} as const;

const ISO = /^P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/;
const PLAIN = /^(\d+)\s+(second|minute|hour|day|week)s?$/;
/** Upper bound (one year) so a typo cannot push a due date into the far future. */
export const MAX_TIMEFRAME_SECONDS = 366 * UNIT_SECONDS.day;
/**
 * Lower bound: a timeframe is positive. `PT0S`, `0 seconds`, `P0D` would make a level, a due date
 * or a reminder due the instant it is created (an escalation ladder climbing at once).
 */
export const MIN_TIMEFRAME_SECONDS = 1;
/** What a timeframe field accepts, for messages and the OpenAPI descriptions. */
export const TIMEFRAME_FORMS =
  'an ISO 8601 duration without years or months (PT1H, P3D) or a plain form such as "30 minutes", "2 hours", "1 day"; at least 1 second (PT0S, "0 seconds" and P0D are refused), at most one year';

/** Seconds in a timeframe (≥ 1), or undefined when the text is not a timeframe this module accepts. */
export function parseTimeframe(text: string): number | undefined {
  const value = text.trim();
  const iso = ISO.exec(value);
  if (iso) {
    // `P` and `PT` alone match the pattern but name no duration.
    if (value === 'P' || value.endsWith('T')) return undefined;
    const [, w, d, h, m, s] = iso;
    const seconds =
      Number(w ?? 0) * UNIT_SECONDS.week +
      Number(d ?? 0) * UNIT_SECONDS.day +
      Number(h ?? 0) * UNIT_SECONDS.hour +
      Number(m ?? 0) * UNIT_SECONDS.minute +
      Number(s ?? 0);
    return withinBounds(seconds);
  }
  const plain = PLAIN.exec(value.toLowerCase().replace(/\s+/g, ' '));
  if (plain) {
    const [, n, unit] = plain;
    return withinBounds(Number(n) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS]);
  }
  return undefined;
}

function withinBounds(seconds: number): number | undefined {
  return Number.isSafeInteger(seconds) && seconds >= MIN_TIMEFRAME_SECONDS && seconds <= MAX_TIMEFRAME_SECONDS
    ? seconds
    : undefined;
}
