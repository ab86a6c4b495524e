/** Agreement updates, contractual SLAs and review TLP rules (pure): docs/agreements.md. */
import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  breachesOf,
  isOpenUpdate,
  measureSlas,
  type SlaCommunication,
  TRANSITIONS,
} from '../../shared/domain/agreements/rules.js';
import { decideAgreementUpdateFire } from '../../shared/domain/reminders/plan.js';
import { planAgreementUpdateReminders } from '../../shared/domain/reminders/schedules.js';
import { contributionMarking, contributionVisible, resultMayCarry } from '../../shared/domain/tlp/rules.js';
import { AGREEMENT_UPDATE_STATUSES } from '../../shared/schemas/agreements.js';

describe('agreement update transitions', () => {
  it('allows proposed → agreed → drafted → signed, and rejected / withdrawn from every open status', () => {
    expect(() => assertTransition('proposed', 'agreed')).not.toThrow();
    expect(() => assertTransition('agreed', 'drafted')).not.toThrow();
    expect(() => assertTransition('drafted', 'signed')).not.toThrow();
    for (const from of ['proposed', 'agreed', 'drafted'] as const) {
      expect(() => assertTransition(from, 'rejected')).not.toThrow();
      expect(() => assertTransition(from, 'withdrawn')).not.toThrow();
    }
  });

  it('refuses every other move with 409 INVALID_TRANSITION naming from and to', () => {
    let refused = 0;
    for (const from of AGREEMENT_UPDATE_STATUSES) {
      for (const to of AGREEMENT_UPDATE_STATUSES) {
        if (TRANSITIONS[from].includes(to)) continue;
        refused++;
        try {
          assertTransition(from, to);
          expect.unreachable(`${from} → ${to} was allowed`);
        } catch (error) {
          expect(error).toMatchObject({ status: 409, code: 'INVALID_TRANSITION' });
          expect((error as { details: unknown[] }).details).toMatchObject([
            { field: 'body.status', from, to },
          ]);
        }
      }
    }
    expect(refused).toBe(36 - 9);
  });

  it('treats signed, rejected and withdrawn as final (no reminders)', () => {
    expect(AGREEMENT_UPDATE_STATUSES.filter(isOpenUpdate)).toEqual(['proposed', 'agreed', 'drafted']);
  });
});

const comm = (over: Partial<SlaCommunication> & Pick<SlaCommunication, 'recordedAt'>): SlaCommunication => ({
  communicationId: `COMM-${over.recordedAt}`,
  direction: 'inbound',
  thirdParty: 'TP-1',
  ...over,
});
const base = {
  thirdPartyId: 'TP-1',
  awareAt: '2030-01-01T00:00:00Z',
  timeline: [],
  now: new Date('2030-01-01T10:00:00Z'),
};

describe('measureSlas', () => {
  it('measures notification from awareness to the first inbound communication of that third party', () => {
    const [late] = measureSlas({
      ...base,
      terms: { notificationHours: 4 },
      communications: [
        comm({ recordedAt: '2030-01-01T01:00:00Z', thirdParty: 'TP-2' }), // another supplier
        comm({ recordedAt: '2030-01-01T02:00:00Z', direction: 'outbound' }), // ours
        comm({ recordedAt: '2030-01-01T06:30:00Z', communicationId: 'COMM-9' }),
        comm({ recordedAt: '2030-01-01T05:00:00Z', communicationId: 'COMM-5' }), // out of order
      ],
    });
    expect(late).toEqual({
      thirdPartyId: 'TP-1',
      metric: 'notification',
      limitHours: 4,
      startedAt: '2030-01-01T00:00:00Z',
      dueAt: '2030-01-01T04:00:00.000Z',
      metAt: '2030-01-01T05:00:00Z',
      evidence: 'COMM-5',
      status: 'breached',
      hoursTaken: 5,
    });
    const [onTime] = measureSlas({
      ...base,
      terms: { notificationHours: 4 },
      communications: [comm({ recordedAt: '2030-01-01T04:00:00Z' })],
    });
    expect(onTime?.status).toBe('met'); // exactly at the limit is on time
  });

  it('is pending until the due time and breached once it passes without a notification', () => {
    const terms = { notificationHours: 12 };
    expect(measureSlas({ ...base, terms, communications: [] })[0]).toMatchObject({
      status: 'pending',
      hoursTaken: null,
    });
    expect(
      measureSlas({ ...base, terms, communications: [], now: new Date('2030-01-01T13:00:00Z') })[0],
    ).toMatchObject({ status: 'breached', metAt: null, hoursTaken: 13 });
  });

  it('measures acknowledgement from our first message to the first answer or link acknowledgement after it', () => {
    const terms = { acknowledgementHours: 2 };
    expect(measureSlas({ ...base, terms, communications: [] })[0]).toMatchObject({ status: 'not_started' });
    const outbound = comm({
      recordedAt: '2030-01-01T03:00:00Z',
      direction: 'outbound',
      thirdParty: undefined,
      deliveredTo: ['TP-1'],
    });
    const ack = measureSlas({
      ...base,
      terms,
      communications: [comm({ recordedAt: '2030-01-01T01:00:00Z' }), outbound],
      timeline: [
        {
          seq: 7,
          at: '2030-01-01T04:00:00Z',
          type: 'incident.acknowledged',
          data: { organizationId: 'TP-1' },
        },
        {
          seq: 8,
          at: '2030-01-01T03:30:00Z',
          type: 'incident.acknowledged',
          data: { organizationId: 'TP-2' },
        },
      ],
    })[0];
    // The inbound message at 01:00 came BEFORE our request: it does not acknowledge it.
    expect(ack).toMatchObject({
      metric: 'acknowledgement',
      startedAt: '2030-01-01T03:00:00Z',
      metAt: '2030-01-01T04:00:00Z',
      evidence: 'timeline #7',
      status: 'met',
      hoursTaken: 1,
    });
  });

  it('measures only the terms the contract has, and breachesOf keeps the breached ones', () => {
    expect(measureSlas({ ...base, terms: {}, communications: [] })).toEqual([]);
    const both = measureSlas({
      ...base,
      terms: { notificationHours: 1, acknowledgementHours: 1 },
      communications: [comm({ recordedAt: '2030-01-01T03:00:00Z' })],
    });
    expect(both.map((m) => `${m.metric}:${m.status}`)).toEqual([
      'notification:breached',
      'acknowledgement:not_started',
    ]);
    expect(breachesOf(both).map((m) => m.metric)).toEqual(['notification']);
  });
});

describe('agreement update reminders', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  it('plans a reminder and an overdue notice for an open update, and cancels them when it closes', () => {
    const plan = planAgreementUpdateReminders(now, 'AGU-1', {
      open: true,
      dueDate: '2030-01-05T00:00:00.000Z',
    });
    expect(plan.create.map((s) => s.name.replace(/\.t\d+$/, ''))).toEqual([
      'agr.AGU-1.remind',
      'agr.AGU-1.overdue',
    ]);
    expect(plan.create[0]?.payload).toEqual({
      kind: 'agreement-update',
      updateId: 'AGU-1',
      stage: 'remind',
      dueDate: '2030-01-05T00:00:00.000Z',
    });
    const closed = planAgreementUpdateReminders(
      now,
      'AGU-1',
      { open: false, dueDate: '2030-01-05T00:00:00.000Z' },
      { open: true, dueDate: '2030-01-05T00:00:00.000Z' },
    );
    expect(closed.create).toEqual([]);
    expect(closed.cancel.map((n) => n.replace(/\.t\d+$/, ''))).toEqual([
      'agr.AGU-1.remind',
      'agr.AGU-1.overdue',
    ]);
    expect(
      planAgreementUpdateReminders(
        now,
        'AGU-1',
        { open: true, dueDate: '2030-01-05T00:00:00.000Z' },
        { open: true, dueDate: '2030-01-05T00:00:00Z' },
      ),
    ).toEqual({ create: [], cancel: [] });
  });

  it('acts on a firing only while the update is open with the same due date', () => {
    const input = {
      stage: 'remind' as const,
      dueDate: '2030-01-05T00:00:00Z',
      item: { status: 'agreed', dueDate: '2030-01-05T00:00:00.000Z' },
      open: true,
      now,
    };
    expect(decideAgreementUpdateFire(input)).toEqual({ act: true });
    expect(decideAgreementUpdateFire({ ...input, item: undefined }).act).toBe(false);
    expect(decideAgreementUpdateFire({ ...input, open: false }).act).toBe(false);
    expect(
      decideAgreementUpdateFire({ ...input, item: { ...input.item, dueDate: '2030-02-01T00:00:00Z' } }).act,
    ).toBe(false);
    expect(decideAgreementUpdateFire({ ...input, now: new Date('2030-01-06T00:00:00Z') }).act).toBe(false);
    expect(
      decideAgreementUpdateFire({ ...input, stage: 'overdue', now: new Date('2030-01-06T00:00:00Z') }).act,
    ).toBe(true);
  });
});

describe('review TLP rules', () => {
  it("marks a contribution at the review's level by default, never above the incident's", () => {
    expect(contributionMarking('AMBER', 'AMBER', undefined)).toBe('AMBER');
    expect(contributionMarking('AMBER', 'GREEN', undefined)).toBe('GREEN');
    expect(contributionMarking('GREEN', 'AMBER', undefined)).toBe('GREEN'); // the incident was lowered since
    expect(contributionMarking('AMBER', 'AMBER', 'CLEAR')).toBe('CLEAR');
    expect(() => contributionMarking('AMBER', 'AMBER', 'RED')).toThrow(
      expect.objectContaining({
        details: [expect.objectContaining({ field: 'body.tlp', code: 'ABOVE_INCIDENT_TLP' })],
      }),
    );
  });

  it("shows a partner its own contributions and others' up to its ceiling, never RED or AMBER+STRICT", () => {
    const viewer = { organization: 'TP-A', ceiling: 'AMBER' as const };
    expect(contributionVisible({ organizationId: 'TP-A', tlp: 'RED' }, viewer)).toBe(true);
    expect(contributionVisible({ organizationId: 'TP-B', tlp: 'AMBER' }, viewer)).toBe(true);
    expect(contributionVisible({ organizationId: 'TP-B', tlp: 'AMBER+STRICT' }, viewer)).toBe(false);
    expect(contributionVisible({ organizationId: 'TP-B', tlp: 'RED' }, viewer)).toBe(false);
    expect(
      contributionVisible({ organizationId: 'TP-B', tlp: 'AMBER' }, { ...viewer, ceiling: 'GREEN' }),
    ).toBe(false);
    expect(resultMayCarry('GREEN', 'CLEAR')).toBe(true);
    expect(resultMayCarry('GREEN', 'AMBER')).toBe(false);
  });
});
