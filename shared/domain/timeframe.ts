/**
 * Timeframes in the domain: the pure parser lives in `shared/model/timeframe.ts` (the schemas use it
 * too); this adds the 400 for a field that is not one and due-date arithmetic.
 */
import { ValidationError } from '../errors.js';
import { parseTimeframe, TIMEFRAME_FORMS } from '../model/timeframe.js';

export {
  MAX_TIMEFRAME_SECONDS,
  MIN_TIMEFRAME_SECONDS,
  parseTimeframe,
  TIMEFRAME_FORMS,
} from '../model/timeframe.js';

/** Seconds in a timeframe; a 400 naming `field` when the text is not one. */
export function timeframeSeconds(text: string, field: string): number {
  const seconds = parseTimeframe(text);
  if (seconds === undefined) {
    throw new ValidationError(`${field} is not a timeframe`, [
      {
        field,
        message: `expected ${TIMEFRAME_FORMS}`,
        value: text,
      },
    ]);
  }
  return seconds;
}

/** `start` + timeframe, as an ISO 8601 instant (UTC). */
export function dueAfter(start: Date, timeframe: string, field: string): string {
  return new Date(start.getTime() + timeframeSeconds(timeframe, field) * 1000).toISOString();
}
