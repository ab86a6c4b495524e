/**
 * Wall clocks in IANA time zones without a library (regulatory deadlines and the local scheduler). A "wall" value is a naive `Date` whose UTC
 * fields (getUTCFullYear … getUTCMinutes) are the clock reading in the zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone this runtime knows (`UTC`, `Europe/Paris`, …). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The clock reading in `timeZone` at `instant`, as a naive Date (its UTC fields are the reading). */
export function toWall(instant: Date, timeZone: string): Date {
  if (timeZone === 'UTC') return new Date(instant.getTime());
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return new Date(wall + (instant.getTime() % 1000));
}

/**
 * The instant at which `timeZone`'s clock reads `wall`. A reading skipped by a daylight-saving
 * jump has no instant: undefined. A reading that occurs twice gives the first.
 */
export function fromWall(wall: Date, timeZone: string): Date | undefined {
  if (timeZone === 'UTC') return new Date(wall.getTime());
  const target = wall.getTime();
  // Offsets in force a day before and a day after bracket every transition close to `wall`.
  const candidates = [-86_400_000, 86_400_000]
    .map((d) => target - (toWall(new Date(target + d), timeZone).getTime() - (target + d)))
    .sort((a, b) => a - b);
  for (const instant of candidates) {
    if (toWall(new Date(instant), timeZone).getTime() === target) return new Date(instant);
  }
  return undefined;
}
