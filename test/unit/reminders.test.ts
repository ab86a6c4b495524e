import { describe, expect, it } from 'vitest';
import type { SchedulingDeps } from '../../shared/aws/ports.js';
import { readRemindersConfig } from '../../shared/config.js';
import {
  actionReminderInstants,
  actionScheduleName,
  addOverdue,
  allPercents,
  coordinatedScheduleName,
  decideActionFire,
  decideObligationFire,
  obligationReminderInstants,
  obligationScheduleName,
  overdueRef,
  removeOverdue,
} from '../../shared/domain/reminders/plan.js';
import {
  cancelReminderSchedules,
  createReminderSchedules,
  planDueReminders,
} from '../../shared/domain/reminders/schedules.js';
import { atExpression } from '../../shared/scheduling/schedules.js';
import { ReminderEvent } from '../../shared/schemas/reminders.js';
import { memorySchedules } from '../helpers/memory/ports.js';

const t = (iso: string) => new Date(iso);
const iso = (plans: readonly { at: Date }[]) => plans.map((p) => ({ ...p, at: p.at.toISOString() }));
const H = 3600;

describe('action reminder instants', () => {
  it('reminds the configured offset before the due date, and notices overdue at it', () => {
    expect(iso(actionReminderInstants(t('2030-03-01T09:00:00Z'), t('2030-03-05T12:00:00Z'), 24 * H))).toEqual(
      [
        { stage: 'remind', at: '2030-03-04T12:00:00.000Z' },
        { stage: 'overdue', at: '2030-03-05T12:00:00.000Z' },
      ],
    );
  });

  it('with less time left than the offset, reminds half-way between now and the due date', () => {
    expect(iso(actionReminderInstants(t('2030-03-01T09:00:00Z'), t('2030-03-01T13:00:00Z'), 24 * H))).toEqual(
      [
        { stage: 'remind', at: '2030-03-01T11:00:00.000Z' },
        { stage: 'overdue', at: '2030-03-01T13:00:00.000Z' },
      ],
    );
  });

  it('a due date already past gets its overdue notice now, and no reminder (clamped)', () => {
    expect(
      iso(actionReminderInstants(t('2030-03-01T09:00:00.250Z'), t('2030-02-28T00:00:00Z'), 24 * H)),
    ).toEqual([{ stage: 'overdue', at: '2030-03-01T09:00:01.000Z' }]);
  });

  it('rounds up to whole seconds (Scheduler drops milliseconds; never fire early)', () => {
    const [remind, overdue] = actionReminderInstants(
      t('2030-03-01T09:00:00Z'),
      t('2030-03-01T09:00:03.500Z'),
      24 * H,
    );
    expect(remind?.at.toISOString()).toBe('2030-03-01T09:00:02.000Z');
    expect(overdue?.at.toISOString()).toBe('2030-03-01T09:00:04.000Z');
  });
});

describe('obligation reminder instants', () => {
  const start = t('2030-03-01T00:00:00Z');
  const due = t('2030-03-04T00:00:00Z'); // 72 h

  it('at 50 %, 80 % and 100 % of the clock', () => {
    expect(iso(obligationReminderInstants(start, due, start, [0.5, 0.8, 1]))).toEqual([
      { pct: 50, at: '2030-03-02T12:00:00.000Z' },
      { pct: 80, at: '2030-03-03T09:36:00.000Z' },
      { pct: 100, at: '2030-03-04T00:00:00.000Z' },
    ]);
  });

  it('always includes the deadline, whatever the configured fractions', () => {
    expect(obligationReminderInstants(start, due, start, [0.25]).map((p) => p.pct)).toEqual([25, 100]);
    expect(allPercents([0.9, 0.5])).toEqual([50, 90, 100]);
  });

  it('instants already past collapse into one reminder now: the latest of them', () => {
    const now = t('2030-03-03T12:00:00Z'); // past 50 % and 80 %
    expect(iso(obligationReminderInstants(start, due, now, [0.5, 0.8, 1]))).toEqual([
      { pct: 80, at: '2030-03-03T12:00:00.000Z' },
      { pct: 100, at: '2030-03-04T00:00:00.000Z' },
    ]);
  });

  it('a clock already past its deadline: the overdue escalation only, now', () => {
    const now = t('2030-03-05T00:00:00Z');
    expect(iso(obligationReminderInstants(start, due, now, [0.5, 0.8, 1]))).toEqual([
      { pct: 100, at: '2030-03-05T00:00:00.000Z' },
    ]);
  });
});

describe('schedule names', () => {
  it('are deterministic, readable when short, and within Scheduler limits', () => {
    const due = '2030-03-05T12:00:00.000Z';
    expect(actionScheduleName('INC-1', 'ACTION-2', 'remind', due)).toBe(
      'due.INC-1.ACTION-2.remind.t1898942400',
    );
    expect(obligationScheduleName('INC-1', 'gdpr', 'authority', 80, due)).toBe(
      'obl.INC-1.gdpr.authority.p80.t1898942400',
    );
    // The planned instant is part of the identity: a moved due date never collides with the old one.
    expect(actionScheduleName('INC-1', 'ACTION-2', 'remind', '2030-03-05T12:00:01Z')).not.toBe(
      actionScheduleName('INC-1', 'ACTION-2', 'remind', due),
    );
    const long = coordinatedScheduleName(
      'INC-0f4c2a1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      'ACT-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      'COORD-1',
      'overdue',
      due,
    );
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toBe(
      coordinatedScheduleName(
        'INC-0f4c2a1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
        'ACT-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        'COORD-1',
        'overdue',
        due,
      ),
    );
    expect(long).not.toBe(
      coordinatedScheduleName(
        'INC-0f4c2a1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
        'ACT-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        'COORD-1',
        'remind',
        due,
      ),
    );
  });
});

describe('the re-read decision of an action reminder', () => {
  const base = {
    stage: 'remind' as const,
    dueDate: '2030-03-05T12:00:00.000Z',
    incidentStatus: 'open',
    item: { status: 'pending', dueDate: '2030-03-05T12:00:00.000Z' },
    open: true,
    now: t('2030-03-04T12:00:00Z'),
  };

  it('acts when the action is still open with the planned due date', () => {
    expect(decideActionFire(base)).toEqual({ act: true });
    expect(decideActionFire({ ...base, stage: 'overdue', now: t('2030-03-05T12:00:00Z') })).toEqual({
      act: true,
    });
    // A late overdue notice is still worth sending: the action is still overdue.
    expect(decideActionFire({ ...base, stage: 'overdue', now: t('2030-03-07T00:00:00Z') })).toEqual({
      act: true,
    });
  });

  it('does nothing for a completed or cancelled action, a gone one, or a closed incident', () => {
    expect(
      decideActionFire({ ...base, item: { status: 'completed', dueDate: base.dueDate }, open: false }),
    ).toEqual({
      act: false,
      reason: 'the action is completed',
    });
    expect(decideActionFire({ ...base, item: undefined, open: false })).toMatchObject({ act: false });
    expect(decideActionFire({ ...base, incidentStatus: 'closed' })).toMatchObject({ act: false });
  });

  it('does nothing when the due date moved (a stale schedule), even by the same offset format', () => {
    expect(
      decideActionFire({ ...base, item: { status: 'pending', dueDate: '2030-03-06T12:00:00.000Z' } }),
    ).toEqual({ act: false, reason: 'the due date changed since this reminder was planned' });
    // Same instant written with an offset: still the same due date.
    expect(
      decideActionFire({ ...base, item: { status: 'pending', dueDate: '2030-03-05T13:00:00+01:00' } }),
    ).toEqual({
      act: true,
    });
  });

  it('a reminder that fires after the due date does nothing: the overdue notice covers it', () => {
    expect(decideActionFire({ ...base, now: t('2030-03-05T12:00:00Z') })).toMatchObject({ act: false });
  });
});

describe('the re-read decision of an obligation reminder', () => {
  const clock = { status: 'open', due: '2030-03-04T00:00:00.000Z', applicable: true };
  const base = { pct: 50, due: clock.due, clock, now: t('2030-03-02T12:00:00Z') };

  it('acts while the clock runs with the planned deadline', () => {
    expect(decideObligationFire(base)).toEqual({ act: true });
    expect(
      decideObligationFire({
        ...base,
        pct: 100,
        clock: { ...clock, status: 'overdue' },
        now: t('2030-03-04T00:00:00Z'),
      }),
    ).toEqual({ act: true });
  });

  it('does nothing once submitted, when the deadline moved, or when the clock no longer applies', () => {
    expect(decideObligationFire({ ...base, clock: { ...clock, status: 'submitted' } })).toEqual({
      act: false,
      reason: 'the notice was submitted',
    });
    expect(
      decideObligationFire({ ...base, clock: { ...clock, due: '2030-03-05T00:00:00.000Z' } }),
    ).toMatchObject({
      act: false,
    });
    expect(
      decideObligationFire({ ...base, clock: { ...clock, applicable: false, status: 'not_applicable' } }),
    ).toMatchObject({ act: false });
    expect(decideObligationFire({ ...base, clock: undefined })).toMatchObject({ act: false });
  });

  it('an 80 % reminder firing after the deadline does nothing (late): the 100 % escalation covers it', () => {
    expect(decideObligationFire({ ...base, pct: 80, now: t('2030-03-04T00:00:01Z') })).toMatchObject({
      act: false,
    });
  });
});

describe('overdueActions on the incident item', () => {
  it('adds once, removes, and drops the attribute when empty', () => {
    const incident: { id: string; overdueActions?: string[] } = { id: 'INC-1' };
    const one = addOverdue(incident, 'ACTION-1');
    expect(one).toEqual({ id: 'INC-1', overdueActions: ['ACTION-1'] });
    expect(addOverdue(one, 'ACTION-1')).toBe(one);
    const two = addOverdue(
      one,
      overdueRef({ kind: 'coordinated-action', activationId: 'ACT-9', actionId: 'COORD-2' }),
    );
    expect(two.overdueActions).toEqual(['ACTION-1', 'ACT-9/COORD-2']);
    expect(removeOverdue(two, 'ACTION-1')).toEqual({ id: 'INC-1', overdueActions: ['ACT-9/COORD-2'] });
    expect(removeOverdue(one, 'ACTION-1')).toEqual({ id: 'INC-1' });
    expect(removeOverdue(incident, 'ACTION-1')).toBe(incident);
  });
});

describe('reminder configuration and events', () => {
  it('defaults to 24 h and 50/80/100 %; validates what a deployer sets', () => {
    expect(readRemindersConfig({})).toEqual({
      actionReminderOffsetSeconds: 24 * H,
      obligationReminderFractions: [0.5, 0.8, 1],
    });
    expect(
      readRemindersConfig({
        LIAISON_ACTION_REMINDER_OFFSET: '2 hours',
        LIAISON_OBLIGATION_REMINDER_FRACTIONS: '0.9, 0.25',
      }),
    ).toEqual({ actionReminderOffsetSeconds: 2 * H, obligationReminderFractions: [0.25, 0.9, 1] });
    expect(() => readRemindersConfig({ LIAISON_ACTION_REMINDER_OFFSET: 'soon' })).toThrow(
      /LIAISON_ACTION_REMINDER_OFFSET/,
    );
    expect(() => readRemindersConfig({ LIAISON_OBLIGATION_REMINDER_FRACTIONS: '50,80' })).toThrow(
      /LIAISON_OBLIGATION_REMINDER_FRACTIONS/,
    );
  });

  it('the target accepts only the events the schedules carry', () => {
    expect(
      ReminderEvent.safeParse({
        kind: 'obligation',
        incidentId: 'INC-1',
        obligationId: 'gdpr',
        clockId: 'authority',
        pct: 80,
        due: '2030-03-04T00:00:00.000Z',
      }).success,
    ).toBe(true);
    expect(ReminderEvent.safeParse({ kind: 'action', incidentId: 'INC-1' }).success).toBe(false);
  });
});

describe('schedule upserts (in-memory Schedules port)', () => {
  const schedules = memorySchedules();
  const sched: SchedulingDeps = { schedules };
  // Each call as the Scheduler request it stands for (operation, name, `at()` expression).
  const requests = () =>
    schedules.calls.map((c) => ({
      op: c.op === 'create' ? 'CreateScheduleCommand' : 'DeleteScheduleCommand',
      name: c.name,
      ...(c.schedule ? { at: atExpression(c.schedule.at) } : {}),
    }));
  const item = { kind: 'action' as const, incidentId: 'INC-1', actionId: 'ACTION-1' };
  const now = t('2030-03-01T09:00:00Z');

  it('creates both schedules for a new action, nothing for one without a due date', async () => {
    schedules.calls.length = 0;
    await createReminderSchedules(
      sched,
      planDueReminders(now, item, { open: true, dueDate: '2030-03-05T12:00:00.000Z' }),
    );
    expect(requests()).toEqual([
      {
        op: 'CreateScheduleCommand',
        name: 'due.INC-1.ACTION-1.remind.t1898942400',
        at: 'at(2030-03-04T12:00:00)',
      },
      {
        op: 'CreateScheduleCommand',
        name: 'due.INC-1.ACTION-1.overdue.t1898942400',
        at: 'at(2030-03-05T12:00:00)',
      },
    ]);
    expect(planDueReminders(now, item, { open: true, dueDate: undefined })).toEqual({
      create: [],
      cancel: [],
    });
  });

  it('an unchanged due date plans nothing; a moved one creates the new and deletes the old; closing deletes', async () => {
    const due = { open: true, dueDate: '2030-03-05T12:00:00.000Z' };
    expect(planDueReminders(now, item, due, { open: true, dueDate: '2030-03-05T13:00:00+01:00' })).toEqual({
      create: [],
      cancel: [],
    });
    const moved = planDueReminders(now, item, { open: true, dueDate: '2030-03-08T12:00:00.000Z' }, due);
    schedules.calls.length = 0;
    await createReminderSchedules(sched, moved); // before the change's transaction
    await cancelReminderSchedules(sched, moved); // after it
    expect(requests().map((c) => `${c.op} ${c.name} ${c.at ?? ''}`.trim())).toEqual([
      'CreateScheduleCommand due.INC-1.ACTION-1.remind.t1899201600 at(2030-03-07T12:00:00)',
      'CreateScheduleCommand due.INC-1.ACTION-1.overdue.t1899201600 at(2030-03-08T12:00:00)',
      'DeleteScheduleCommand due.INC-1.ACTION-1.remind.t1898942400',
      'DeleteScheduleCommand due.INC-1.ACTION-1.overdue.t1898942400',
    ]);
    const closed = planDueReminders(now, item, { ...due, open: false }, due);
    expect(closed.create).toEqual([]);
    expect(closed.cancel).toEqual([
      'due.INC-1.ACTION-1.remind.t1898942400',
      'due.INC-1.ACTION-1.overdue.t1898942400',
    ]);
  });

  it('a failed delete after the commit is logged, never thrown (the schedule fires and does nothing)', async () => {
    const throttled = memorySchedules();
    throttled.failNext(3, Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const failing: SchedulingDeps = { schedules: throttled };
    await expect(
      cancelReminderSchedules(failing, { create: [], cancel: ['due.INC-1.ACTION-1.remind.t1898942400'] }),
    ).resolves.toBeUndefined();
    await expect(
      createReminderSchedules(
        failing,
        planDueReminders(now, item, { open: true, dueDate: '2030-03-05T12:00:00Z' }),
      ),
    ).rejects.toThrow('Rate exceeded');
  });
});
