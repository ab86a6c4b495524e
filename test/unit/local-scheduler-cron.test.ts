import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CronSyntaxError, nextCronTime, parseCron } from '../../infra/local/scheduler/cron.js';
import {
  ExpressionError,
  firstFire,
  followingFire,
  parseScheduleExpression,
  type Timing,
} from '../../infra/local/scheduler/expression.js';
import { fromWall, isTimeZone, toWall } from '../../shared/domain/zone.js';

const next = (fields: string, after: string, zone = 'UTC') =>
  nextCronTime(parseCron(fields), new Date(after), zone)?.toISOString();

describe('AWS cron: next time', () => {
  it('fires daily at a fixed time', () => {
    expect(next('0 12 * * ? *', '2024-01-01T13:00:00Z')).toBe('2024-01-02T12:00:00.000Z');
    expect(next('0 12 * * ? *', '2024-01-01T11:59:59Z')).toBe('2024-01-01T12:00:00.000Z');
  });

  it('is strictly after the given instant', () => {
    expect(next('0 12 * * ? *', '2024-01-01T12:00:00Z')).toBe('2024-01-02T12:00:00.000Z');
  });

  it('steps: */15 and 0/15 and a stepped range', () => {
    expect(next('*/15 * * * ? *', '2024-01-01T10:07:00Z')).toBe('2024-01-01T10:15:00.000Z');
    expect(next('0/15 * * * ? *', '2024-01-01T10:45:00Z')).toBe('2024-01-01T11:00:00.000Z');
    expect(next('10-30/10 * * * ? *', '2024-01-01T10:21:00Z')).toBe('2024-01-01T10:30:00.000Z');
    expect(next('10-30/10 * * * ? *', '2024-01-01T10:31:00Z')).toBe('2024-01-01T11:10:00.000Z');
  });

  it('day-of-week range by name skips the weekend (1-7 = SUN-SAT)', () => {
    // 2024-03-08 is a Friday.
    expect(next('0 8 ? * MON-FRI *', '2024-03-08T09:00:00Z')).toBe('2024-03-11T08:00:00.000Z');
    expect(next('0 8 ? * 2-6 *', '2024-03-08T09:00:00Z')).toBe('2024-03-11T08:00:00.000Z');
  });

  it('day-of-week list by number: 2,4 = Monday and Wednesday', () => {
    // 2024-03-05 is a Tuesday.
    expect(next('30 9 ? * 2,4 *', '2024-03-05T00:00:00Z')).toBe('2024-03-06T09:30:00.000Z');
    expect(next('30 9 ? * 1 *', '2024-03-05T00:00:00Z')).toBe('2024-03-10T09:30:00.000Z');
  });

  it('month steps, hour lists and ranges', () => {
    expect(next('0 0 1 1/3 ? *', '2024-02-10T00:00:00Z')).toBe('2024-04-01T00:00:00.000Z');
    expect(next('0 0 1 JAN,JUL ? *', '2024-02-10T00:00:00Z')).toBe('2024-07-01T00:00:00.000Z');
    expect(next('5 6,18 * * ? *', '2024-02-10T07:00:00Z')).toBe('2024-02-10T18:05:00.000Z');
    expect(next('0 9-11 10-12 * ? *', '2024-02-10T11:30:00Z')).toBe('2024-02-11T09:00:00.000Z');
  });

  it('L, n#k and nL in the day fields', () => {
    expect(next('0 0 L * ? *', '2024-02-01T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(next('0 0 L * ? *', '2023-02-01T00:00:00Z')).toBe('2023-02-28T00:00:00.000Z');
    expect(next('0 10 ? * 6#3 *', '2024-03-01T00:00:00Z')).toBe('2024-03-15T10:00:00.000Z');
    expect(next('0 10 ? * 2L *', '2024-03-01T00:00:00Z')).toBe('2024-03-25T10:00:00.000Z');
  });

  it('the year field, and expressions that never fire again', () => {
    expect(next('0 0 1 1 ? 2030', '2024-05-05T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    expect(next('0 0 1 1 ? 2030', '2030-01-01T00:00:00Z')).toBeUndefined();
    expect(next('0 0 31 2 ? *', '2024-01-01T00:00:00Z')).toBeUndefined();
    expect(next('0 0 29 2 ? *', '2025-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('reads the wall clock of the time zone, including summer time', () => {
    expect(next('0 9 * * ? *', '2024-07-01T00:00:00Z', 'Europe/Paris')).toBe('2024-07-01T07:00:00.000Z');
    expect(next('0 9 * * ? *', '2024-01-10T00:00:00Z', 'Europe/Paris')).toBe('2024-01-10T08:00:00.000Z');
  });

  it('skips a reading that a daylight-saving jump removes', () => {
    // 2024-03-10 02:30 does not exist in New York.
    expect(next('30 2 * * ? *', '2024-03-10T05:00:00Z', 'America/New_York')).toBe('2024-03-11T06:30:00.000Z');
  });

  it('rejects what AWS rejects, and what the emulator does not support', () => {
    for (const bad of [
      '0 12 * * *',
      '0 12 ? * ? *',
      '0 12 * * * *',
      '61 * * * ? *',
      '0 25 * * ? *',
      '0 0 ? * 8 *',
      '0 0 20-10 * ? *',
      '0 0 15W * ? *',
      '? 0 * * ? *',
      '0 0 1 * ? 1969',
      '*/0 * * * ? *',
      '0 0 ? * 2#6 *',
    ]) {
      expect(() => parseCron(bad), bad).toThrow(CronSyntaxError);
    }
  });

  it('agrees with a brute-force search on random expressions (UTC)', () => {
    const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 4 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }),
        fc.oneof(
          fc.record({ dom: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { minLength: 1, maxLength: 3 }) }),
          fc.record({ dow: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }) }),
        ),
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (minutes, hours, days, after) => {
          const dom = 'dom' in days ? days.dom.join(',') : '?';
          const dow = 'dow' in days ? days.dow.join(',') : '?';
          const fields = `${minutes.join(',')} ${hours.join(',')} ${dom} * ${dow} *`;
          const got = nextCronTime(parseCron(fields), after);

          let want: Date | undefined;
          const day0 = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
          for (let d = 0; d < 400 && !want; d++) {
            const day = new Date(day0 + d * 86_400_000);
            const ok =
              'dom' in days ? days.dom.includes(day.getUTCDate()) : days.dow.includes(day.getUTCDay() + 1);
            if (!ok) continue;
            for (const h of sorted(new Set(hours))) {
              const m = sorted(new Set(minutes)).find(
                (m) => day.getTime() + h * 3_600_000 + m * 60_000 > after.getTime(),
              );
              if (m !== undefined) {
                want = new Date(day.getTime() + h * 3_600_000 + m * 60_000);
                break;
              }
            }
          }
          expect(got?.toISOString()).toBe(want?.toISOString());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('schedule expressions', () => {
  it('parses at(), rate() and cron()', () => {
    expect(parseScheduleExpression('at(2030-01-01T10:00:00)')).toEqual({
      kind: 'at',
      wall: new Date('2030-01-01T10:00:00Z'),
    });
    expect(parseScheduleExpression('rate(1 day)')).toEqual({ kind: 'rate', periodMs: 86_400_000 });
    expect(parseScheduleExpression('rate(5 minutes)')).toEqual({ kind: 'rate', periodMs: 300_000 });
    expect(parseScheduleExpression('cron(0 3 * * ? *)').kind).toBe('cron');
  });

  it('rejects malformed expressions', () => {
    for (const bad of [
      'at(2030-02-30T10:00:00)',
      'at(2030-01-01 10:00:00)',
      'at(2030-01-01T10:00)',
      'rate(0 minutes)',
      'rate(5 weeks)',
      'rate(-1 days)',
      'cron(0 3 * * *)',
      'every day',
    ]) {
      expect(() => parseScheduleExpression(bad), bad).toThrow(ExpressionError);
    }
  });

  const timing = (expression: string, extra: Partial<Timing> = {}): Timing => ({
    expression: parseScheduleExpression(expression),
    timeZone: 'UTC',
    anchor: new Date('2030-01-01T00:00:00Z'),
    ...extra,
  });
  const now = new Date('2030-01-01T00:00:00Z');

  it('at() is read in its time zone, and keeps a past time (fires late)', () => {
    expect(
      firstFire(timing('at(2030-07-01T09:00:00)', { timeZone: 'Europe/Paris' }), now)?.toISOString(),
    ).toBe('2030-07-01T07:00:00.000Z');
    expect(firstFire(timing('at(2029-12-31T23:00:00)'), now)?.toISOString()).toBe('2029-12-31T23:00:00.000Z');
    expect(followingFire(timing('at(2030-07-01T09:00:00)'), now)).toBeUndefined();
  });

  it('rate() counts from its anchor (or StartDate) and collapses missed periods', () => {
    const t = timing('rate(5 minutes)');
    expect(firstFire(t, now)?.toISOString()).toBe('2030-01-01T00:05:00.000Z');
    expect(followingFire(t, new Date('2030-01-01T00:05:00Z'))?.toISOString()).toBe(
      '2030-01-01T00:10:00.000Z',
    );
    expect(followingFire(t, new Date('2030-01-01T00:31:00Z'))?.toISOString()).toBe(
      '2030-01-01T00:35:00.000Z',
    );
    const started = timing('rate(1 hour)', { startDate: new Date('2030-01-02T06:00:00Z') });
    expect(firstFire(started, now)?.toISOString()).toBe('2030-01-02T06:00:00.000Z');
  });

  it('nothing fires after EndDate; cron honours StartDate', () => {
    const ending = timing('rate(1 day)', { endDate: new Date('2030-01-01T12:00:00Z') });
    expect(firstFire(ending, now)).toBeUndefined();
    const started = timing('cron(0 3 * * ? *)', { startDate: new Date('2030-01-05T03:00:00Z') });
    expect(firstFire(started, now)?.toISOString()).toBe('2030-01-05T03:00:00.000Z');
  });
});

describe('time zones', () => {
  it('round-trips wall clocks and knows unknown zones', () => {
    const instant = new Date('2024-10-27T00:30:00Z');
    const wall = toWall(instant, 'Europe/Paris');
    expect(wall.toISOString()).toBe('2024-10-27T02:30:00.000Z');
    expect(fromWall(wall, 'Europe/Paris')?.toISOString()).toBe(instant.toISOString());
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('a reading that occurs twice (autumn) gives the first instant', () => {
    // 2024-10-27 02:30 happens twice in Paris: 00:30Z (CEST) then 01:30Z (CET).
    expect(fromWall(new Date('2024-10-27T02:30:00Z'), 'Europe/Paris')?.toISOString()).toBe(
      '2024-10-27T00:30:00.000Z',
    );
  });
});
