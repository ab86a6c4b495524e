import { describe, expect, it } from 'vitest';
import { dueAfter, parseTimeframe, timeframeSeconds } from '../../shared/domain/timeframe.js';
import { ValidationError } from '../../shared/errors.js';

describe('timeframe parser', () => {
  it.each([
    ['PT1H', 3_600],
    ['PT30M', 1_800],
    ['PT90S', 90],
    ['P3D', 259_200],
    ['P1DT12H', 129_600],
    ['P2W', 1_209_600],
    ['PT1H30M', 5_400],
    ['PT1S', 1],
    ['P0DT1S', 1],
  ])('reads the ISO 8601 duration %s', (text, seconds) => {
    expect(parseTimeframe(text)).toBe(seconds);
  });

  it.each([
    ['30 minutes', 1_800],
    ['1 minute', 60],
    ['2 hours', 7_200],
    ['1 hour', 3_600],
    ['1 day', 86_400],
    ['3 days', 259_200],
    ['2 weeks', 1_209_600],
    ['45 seconds', 45],
    ['1 second', 1],
    ['  4 Hours ', 14_400],
    ['24  hours', 86_400],
  ])('reads the plain form %j', (text, seconds) => {
    expect(parseTimeframe(text)).toBe(seconds);
  });

  it.each([
    'P',
    'PT',
    'P1DT',
    'P1Y',
    'P1M',
    'PT1.5H',
    '-PT1H',
    'P1W2D',
    '1.5 hours',
    'two hours',
    'hours',
    '2 fortnights',
    '',
    '400 days',
    // Zero is not a timeframe (issue 16): a level, due date or reminder would be due at once.
    'PT0S',
    'P0D',
    'P0W',
    'PT0H0M0S',
    '0 seconds',
    '0 days',
  ])('refuses %j', (text) => {
    expect(parseTimeframe(text)).toBeUndefined();
  });

  it('answers a 400 naming the field when the text is not a timeframe', () => {
    try {
      timeframeSeconds('soon', 'body.responseActions.0.timeframe');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).details[0]?.field).toBe('body.responseActions.0.timeframe');
    }
  });

  it('computes a due date from a start and a timeframe, in UTC', () => {
    const start = new Date('2026-03-01T10:00:00.000Z');
    expect(dueAfter(start, 'PT1H', 'f')).toBe('2026-03-01T11:00:00.000Z');
    expect(dueAfter(start, '2 days', 'f')).toBe('2026-03-03T10:00:00.000Z');
  });
});
