/**
 * A controlled clock for tests of time-driven behaviour (escalation steps, reminders, verification):
 * fakes `Date` only (timers, promises and I/O run for real), so the handlers running in this worker,
 * the tokens they verify and the local Scheduler (`scheduler: { clock: clock.now }`) all see the same
 * instant, and tests move time instead of sleeping.
 *
 *   const clock = controlledClock('2030-03-04T09:00:00Z');   // beforeAll, before startLocalStack
 *   clock.advance('PT1H'); await stack.scheduler?.tick();     // fire what is due
 *   clock.restore();                                           // afterAll
 */
import { vi } from 'vitest';
import { parseTimeframe } from '../../shared/domain/timeframe.js';

export interface ControlledClock {
  /** The current (fake) instant. */
  readonly now: () => Date;
  /** Moves to `iso`. */
  readonly set: (iso: string | Date) => void;
  /** Moves forward by milliseconds or a timeframe (`PT1H`, `"2 hours"`). */
  readonly advance: (by: number | string) => void;
  /** Back to real time. */
  readonly restore: () => void;
}

export function controlledClock(start: string | Date): ControlledClock {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(start) });
  return {
    now: () => new Date(),
    set: (iso) => vi.setSystemTime(new Date(iso)),
    advance: (by) => {
      const seconds = typeof by === 'number' ? by / 1000 : parseTimeframe(by);
      if (seconds === undefined) throw new Error(`controlledClock.advance: not a timeframe: ${String(by)}`);
      vi.setSystemTime(new Date(Date.now() + seconds * 1000));
    },
    restore: () => vi.useRealTimers(),
  };
}
