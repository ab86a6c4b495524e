import { describe, expect, it } from 'vitest';
import {
  addDuration,
  clockStatus,
  computeDue,
  type DueContext,
} from '../../shared/domain/obligations/deadlines.js';
import { type ClockDef, clockApplies, REGIMES, regimeById } from '../../shared/domain/obligations/regimes.js';
import { signedIsoDuration } from '../../shared/domain/time.js';

function clockOf(regimeId: string, clockId: string): { clock: ClockDef; timeZone: string } {
  const regime = regimeById(regimeId);
  const clock = regime?.clocks.find((c) => c.id === clockId);
  if (!regime || !clock) throw new Error(`no clock ${regimeId}/${clockId}`);
  return { clock, timeZone: regime.timeZone };
}

/** Due instant (ISO) of a regime's clock. */
function due(
  regimeId: string,
  clockId: string,
  triggers: DueContext['triggers'],
  extra: Partial<Pick<DueContext, 'holidays' | 'submissions'>> = {},
): string | 'asap' | 'pending' {
  const { clock, timeZone } = clockOf(regimeId, clockId);
  const r = computeDue(clock, { triggers, timeZone, ...extra });
  return r.kind === 'deadline' ? r.due.toISOString() : r.kind;
}

describe('hour clocks are absolute UTC instants', () => {
  it('GDPR: 72 h after awareness, across the EU change to summer time (30 March 2025)', () => {
    // 10:00 UTC = 11:00 CET on Friday; 72 h later it is 12:00 CEST on Monday, still 10:00 UTC.
    expect(
      due('gdpr', 'authority', {
        discovery: '2025-03-20T00:00:00.000Z',
        awareness: '2025-03-28T10:00:00.000Z',
      }),
    ).toBe('2025-03-31T10:00:00.000Z');
  });

  it('UK GDPR: 72 h across the end of British Summer Time (26 October 2025)', () => {
    expect(due('uk-gdpr', 'authority', { discovery: '2025-10-24T23:30:00.000Z' })).toBe(
      '2025-10-27T23:30:00.000Z',
    );
  });

  it('GDPR awareness defaults to the discovery date and is marked assumed', () => {
    const { clock, timeZone } = clockOf('gdpr', 'authority');
    const r = computeDue(clock, { triggers: { discovery: '2025-01-01T00:00:00.000Z' }, timeZone });
    expect(r).toMatchObject({ kind: 'deadline', assumed: ['awareness'] });
  });

  it('NIS2: early warning 24 h and notification 72 h after awareness', () => {
    const t = { discovery: '2025-06-01T08:00:00.000Z', awareness: '2025-06-02T09:15:00.000Z' };
    expect(due('nis2', 'early-warning', t)).toBe('2025-06-03T09:15:00.000Z');
    expect(due('nis2', 'notification', t)).toBe('2025-06-05T09:15:00.000Z');
  });

  it('NYDFS: 72 h after the determination; the extortion clocks wait for a payment', () => {
    const t = { discovery: '2025-02-01T12:00:00.000Z', determination: '2025-02-03T12:00:00.000Z' };
    expect(due('nydfs', 'incident', t)).toBe('2025-02-06T12:00:00.000Z');
    expect(due('nydfs', 'extortion-payment', t)).toBe('pending');
    const paid = { ...t, 'extortion-payment': '2025-02-04T20:00:00.000Z' };
    expect(due('nydfs', 'extortion-payment', paid)).toBe('2025-02-05T20:00:00.000Z');
    expect(due('nydfs', 'extortion-justification', paid)).toBe('2025-03-06T20:00:00.000Z'); // 30 days, EST
  });

  it('CIRCIA: 72 h and 24 h after a ransom payment, flagged not in force', () => {
    expect(regimeById('circia')?.inForce).toBe(false);
    const t = { discovery: '2025-05-01T00:00:00.000Z', 'ransom-payment': '2025-05-02T06:00:00.000Z' };
    expect(due('circia', 'covered-incident', t)).toBe('2025-05-04T00:00:00.000Z');
    expect(due('circia', 'ransom-payment', t)).toBe('2025-05-03T06:00:00.000Z');
  });

  it('CERT-In: 6 h after noticing', () => {
    expect(due('in-certin', 'report', { discovery: '2025-09-10T22:00:00.000Z' })).toBe(
      '2025-09-11T04:00:00.000Z',
    );
  });

  it('AU SOCI: 12 h (significant) unless the impact is recorded as only relevant (72 h)', () => {
    const t = { discovery: '2025-04-05T12:00:00.000Z' };
    expect(due('au-soci', 'significant', t)).toBe('2025-04-06T00:00:00.000Z'); // across the end of AEDT
    expect(due('au-soci', 'relevant', t)).toBe('2025-04-08T12:00:00.000Z');
    const { clock: sig } = clockOf('au-soci', 'significant');
    const { clock: rel } = clockOf('au-soci', 'relevant');
    expect([clockApplies(sig, {}), clockApplies(rel, {})]).toEqual([true, false]);
    expect([
      clockApplies(sig, { significantImpact: false }),
      clockApplies(rel, { significantImpact: false }),
    ]).toEqual([false, true]);
  });
});

describe('DORA: the earlier of classification + 4 h and awareness + 24 h', () => {
  it('classification soon after awareness: 4 h after classification', () => {
    const t = {
      discovery: '2025-03-03T07:00:00.000Z',
      awareness: '2025-03-03T08:00:00.000Z',
      classification: '2025-03-03T10:00:00.000Z',
    };
    expect(due('dora', 'initial', t)).toBe('2025-03-03T14:00:00.000Z');
  });

  it('late classification: capped at 24 h after awareness', () => {
    const t = {
      discovery: '2025-03-03T07:00:00.000Z',
      awareness: '2025-03-03T08:00:00.000Z',
      classification: '2025-03-05T09:00:00.000Z',
    };
    expect(due('dora', 'initial', t)).toBe('2025-03-04T08:00:00.000Z');
  });

  it('intermediate 72 h after the initial notification, final one month after the last intermediate', () => {
    const t = { discovery: '2025-03-03T07:00:00.000Z' };
    expect(due('dora', 'intermediate', t)).toBe('pending');
    const submissions = {
      initial: { first: '2025-03-03T10:00:00.000Z', last: '2025-03-03T10:00:00.000Z' },
      intermediate: { first: '2025-03-06T09:00:00.000Z', last: '2025-03-20T09:00:00.000Z' },
    };
    expect(due('dora', 'intermediate', t, { submissions })).toBe('2025-03-06T10:00:00.000Z');
    // 20 March 10:00 CET (09:00 UTC) → 20 April 10:00 CEST (08:00 UTC): same wall-clock time.
    expect(due('dora', 'final', t, { submissions })).toBe('2025-04-20T08:00:00.000Z');
  });
});

describe('NIS2 final report: one month after the notification was submitted', () => {
  it('is pending until the notification is submitted', () => {
    expect(due('nis2', 'final-report', { discovery: '2025-01-01T00:00:00.000Z' })).toBe('pending');
  });

  it('counts one calendar month, clamped to the end of a shorter month', () => {
    const submissions = {
      notification: { first: '2025-01-31T12:00:00.000Z', last: '2025-02-10T12:00:00.000Z' },
    };
    expect(due('nis2', 'final-report', { discovery: '2025-01-28T00:00:00.000Z' }, { submissions })).toBe(
      '2025-02-28T12:00:00.000Z',
    );
  });
});

describe('business days skip weekends and the deployer’s holidays', () => {
  it('SEC 8-K: 4 business days from a Thursday determination end on the next Wednesday', () => {
    // Thu 5 June 2025 14:00 EDT → Fri 6, Mon 9, Tue 10, Wed 11.
    expect(
      due('sec-8k', 'form-8k', {
        discovery: '2025-06-01T00:00:00.000Z',
        determination: '2025-06-05T18:00:00.000Z',
      }),
    ).toBe('2025-06-11T18:00:00.000Z');
  });

  it('SEC 8-K: a Saturday determination counts from Monday; a holiday adds a day', () => {
    const t = { discovery: '2025-06-01T00:00:00.000Z', determination: '2025-06-14T15:00:00.000Z' };
    expect(due('sec-8k', 'form-8k', t)).toBe('2025-06-19T15:00:00.000Z'); // Mon 16 … Thu 19
    expect(due('sec-8k', 'form-8k', t, { holidays: ['2025-06-19'] })).toBe('2025-06-20T15:00:00.000Z'); // Juneteenth
  });

  it('LGPD: 3 business days from a Friday in São Paulo end on Wednesday', () => {
    expect(due('br-lgpd', 'anpd', { discovery: '2025-08-01T13:00:00.000Z' })).toBe(
      '2025-08-06T13:00:00.000Z',
    );
  });

  it('a business-day count keeps the wall-clock time across a DST change (New York, 9 March 2025)', () => {
    // Thu 6 March 10:00 EST (15:00 UTC) → Wed 12 March 10:00 EDT (14:00 UTC).
    const { clock, timeZone } = clockOf('sec-8k', 'form-8k');
    const r = computeDue(clock, {
      triggers: { discovery: '2025-03-01T00:00:00.000Z', determination: '2025-03-06T15:00:00.000Z' },
      timeZone,
    });
    expect(r.kind === 'deadline' && r.due.toISOString()).toBe('2025-03-12T14:00:00.000Z');
  });
});

describe('a determination time set after discovery re-computes the clock', () => {
  it('SEC 8-K assumes discovery until the determination is set', () => {
    const discovery = '2025-01-06T15:00:00.000Z'; // Monday
    const { clock, timeZone } = clockOf('sec-8k', 'form-8k');
    const before = computeDue(clock, { triggers: { discovery }, timeZone });
    expect(before).toMatchObject({ kind: 'deadline', assumed: ['determination'] });
    expect(before.kind === 'deadline' && before.due.toISOString()).toBe('2025-01-10T15:00:00.000Z');
    const after = computeDue(clock, {
      triggers: { discovery, determination: '2025-01-22T15:00:00.000Z' },
      timeZone,
    });
    expect(after).toMatchObject({ kind: 'deadline', assumed: [] });
    expect(after.kind === 'deadline' && after.due.toISOString()).toBe('2025-01-28T15:00:00.000Z');
  });

  it('Singapore PDPA: 3 calendar days after the assessment that the breach is notifiable', () => {
    const t = { discovery: '2025-05-01T02:00:00.000Z', determination: '2025-05-09T02:00:00.000Z' };
    expect(due('sg-pdpa', 'assessment', t)).toBe('2025-05-31T02:00:00.000Z');
    expect(due('sg-pdpa', 'pdpc', t)).toBe('2025-05-12T02:00:00.000Z');
    expect(due('sg-pdpa', 'individuals', t)).toBe('asap');
  });
});

describe('calendar-day clocks count days in the regime’s zone', () => {
  it('HIPAA: 60 days after discovery keep the New York wall-clock time across DST', () => {
    // 20 Feb 10:00 EST (15:00 UTC) → 21 April 10:00 EDT (14:00 UTC).
    expect(due('hipaa', 'individuals', { discovery: '2025-02-20T15:00:00.000Z' })).toBe(
      '2025-04-21T14:00:00.000Z',
    );
  });

  it('HIPAA: media only above 500 residents of a State; HHS with the individuals at 500+, else after year end', () => {
    const clocks = Object.fromEntries(regimeById('hipaa')?.clocks.map((c) => [c.id, c]) ?? []);
    const applies = (facts: object) =>
      ['individuals', 'media', 'hhs', 'hhs-annual'].filter((id) =>
        clockApplies(clocks[id] as ClockDef, facts),
      );
    expect(applies({})).toEqual(['individuals', 'media', 'hhs']);
    expect(applies({ maxResidentsInAState: 500, affectedIndividuals: 499 })).toEqual([
      'individuals',
      'hhs-annual',
    ]);
    expect(applies({ maxResidentsInAState: 501, affectedIndividuals: 900 })).toEqual([
      'individuals',
      'media',
      'hhs',
    ]);
    // Discovered in July 2025: 60 days after the end of 2025 in New York = end of 1 March 2026.
    expect(due('hipaa', 'hhs-annual', { discovery: '2025-07-01T12:00:00.000Z' })).toBe(
      '2026-03-02T05:00:00.000Z',
    );
  });

  it('AU NDB: 30-day assessment across the end of daylight saving in Sydney (6 April 2025)', () => {
    // 20 March 11:00 AEDT (00:00 UTC) → 19 April 11:00 AEST (01:00 UTC).
    expect(due('au-ndb', 'assessment', { discovery: '2025-03-20T00:00:00.000Z' })).toBe(
      '2025-04-19T01:00:00.000Z',
    );
    expect(due('au-ndb', 'oaic', { discovery: '2025-03-20T00:00:00.000Z' })).toBe('asap');
  });

  it('GDPR data subjects: without undue delay, only when high risk', () => {
    const { clock } = clockOf('gdpr', 'data-subjects');
    expect(due('gdpr', 'data-subjects', { discovery: '2025-01-01T00:00:00.000Z' })).toBe('asap');
    expect(clockApplies(clock, { highRisk: false })).toBe(false);
    expect(clockApplies(clock, { highRisk: true })).toBe(true);
  });

  it('months clamp to the last day, leap years included', () => {
    expect(
      addDuration(new Date('2024-01-31T12:00:00Z'), { amount: 1, unit: 'months' }, 'UTC').toISOString(),
    ).toBe('2024-02-29T12:00:00.000Z');
    expect(
      addDuration(new Date('2025-12-15T12:00:00Z'), { amount: 1, unit: 'months' }, 'UTC').toISOString(),
    ).toBe('2026-01-15T12:00:00.000Z');
  });

  it('a wall-clock time skipped by DST moves one offset later', () => {
    // 29 March 02:30 CET (01:30 UTC) + 1 day = 30 March 02:30, which does not exist → 03:30 CEST.
    const r = addDuration(
      new Date('2025-03-29T01:30:00Z'),
      { amount: 1, unit: 'calendar-days' },
      'Europe/Brussels',
    );
    expect(r.toISOString()).toBe('2025-03-30T01:30:00.000Z');
  });
});

describe('status of a clock', () => {
  const start = new Date('2025-01-01T00:00:00Z');
  const dueAt = new Date('2025-01-04T00:00:00Z'); // 72 h
  const at = (h: number) => new Date(start.getTime() + h * 3_600_000);

  it('open, due soon from 80 % of the window, overdue after the deadline', () => {
    expect(clockStatus({ start, due: dueAt, now: at(10) })).toEqual({
      status: 'open',
      timeLeftSeconds: 62 * 3600,
      lateSeconds: null,
    });
    expect(clockStatus({ start, due: dueAt, now: at(58) }).status).toBe('due_soon');
    expect(clockStatus({ start, due: dueAt, now: at(75) })).toEqual({
      status: 'overdue',
      timeLeftSeconds: -3 * 3600,
      lateSeconds: 3 * 3600,
    });
  });

  it('a late submission is submitted with its lateness; an on-time one without', () => {
    expect(clockStatus({ start, due: dueAt, now: at(100), submittedAt: at(80) })).toEqual({
      status: 'submitted',
      timeLeftSeconds: null,
      lateSeconds: 8 * 3600,
    });
    expect(clockStatus({ start, due: dueAt, now: at(100), submittedAt: at(70) }).lateSeconds).toBeNull();
  });

  it('asap clocks have no time left', () => {
    expect(clockStatus({ start, due: null, now: at(1) })).toEqual({
      status: 'asap',
      timeLeftSeconds: null,
      lateSeconds: null,
    });
  });

  it('signed ISO durations', () => {
    expect(signedIsoDuration(0)).toBe('PT0S');
    expect(signedIsoDuration(93_784)).toBe('P1DT2H3M4S');
    expect(signedIsoDuration(-3 * 3600)).toBe('-PT3H');
  });
});

describe('the catalogue', () => {
  it('has every regime of the issue, each with a citation, a known zone and clocks with checklists', () => {
    expect(REGIMES.map((r) => r.id)).toEqual([
      'gdpr',
      'uk-gdpr',
      'nis2',
      'dora',
      'sec-8k',
      'hipaa',
      'nydfs',
      'circia',
      'au-ndb',
      'au-soci',
      'sg-pdpa',
      'in-certin',
      'br-lgpd',
    ]);
    for (const r of REGIMES) {
      expect(r.citation, r.id).not.toBe('');
      expect(() => new Intl.DateTimeFormat('en', { timeZone: r.timeZone }), r.id).not.toThrow();
      expect(new Set(r.clocks.map((c) => c.id)).size, r.id).toBe(r.clocks.length);
      for (const c of r.clocks) {
        expect(c.checklist.length, `${r.id}/${c.id}`).toBeGreaterThan(0);
        expect(new Set(c.checklist.map((i) => i.id)).size, `${r.id}/${c.id}`).toBe(c.checklist.length);
        if (c.after)
          expect(
            r.clocks.map((x) => x.id),
            `${r.id}/${c.id}`,
          ).toContain(c.after.clock);
      }
    }
  });

  it('GDPR Art. 33(3) content, with reasons for delay required only when late', () => {
    const { clock } = clockOf('gdpr', 'authority');
    expect(clock.checklist.map((i) => i.id)).toEqual([
      'nature',
      'records',
      'contact-point',
      'consequences',
      'measures',
      'reasons-for-delay',
    ]);
    expect(clock.checklist.find((i) => i.id === 'reasons-for-delay')?.whenLate).toBe(true);
    expect(clock.lateRequires).toBe('reasonsForDelay');
  });

  it('NIS2 Art. 23(4) stages', () => {
    const ids = (c: string) => clockOf('nis2', c).clock.checklist.map((i) => i.id);
    expect(ids('early-warning')).toEqual(['suspected-malicious', 'cross-border']);
    expect(ids('notification')).toEqual(['update', 'severity-impact', 'iocs']);
    expect(ids('final-report')).toEqual(['description', 'root-cause', 'mitigation', 'cross-border']);
  });
});
