import { describe, expect, it } from 'vitest';
import { activationsFrom } from '../../shared/db/activations-repo.js';
import {
  activationEscalationId,
  assertActivationCompletable,
  assertCoordinatedActionTransition,
  assertNoOpenCoordinatedActions,
  coordinatedActionId,
  coordinationMetrics,
  coordinationRecommendations,
} from '../../shared/domain/coordination/rules.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';

describe('coordinated action transitions', () => {
  it('moves among open states and into completed or declined', () => {
    expect(() =>
      assertCoordinatedActionTransition('COORD-1', 'pending', 'acknowledged', undefined),
    ).not.toThrow();
    expect(() =>
      assertCoordinatedActionTransition('COORD-1', 'acknowledged', 'in_progress', undefined),
    ).not.toThrow();
    expect(() =>
      assertCoordinatedActionTransition('COORD-1', 'in_progress', 'completed', undefined),
    ).not.toThrow();
    expect(() =>
      assertCoordinatedActionTransition('COORD-1', 'pending', 'declined', 'not our system'),
    ).not.toThrow();
  });
  it('declining needs a reason (400 naming body.reason)', () => {
    for (const reason of [undefined, '', '   ']) {
      try {
        assertCoordinatedActionTransition('COORD-1', 'pending', 'declined', reason);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).details[0]?.field).toBe('body.reason');
      }
    }
  });
  it('completed and declined are final (409)', () => {
    expect(() => assertCoordinatedActionTransition('COORD-1', 'completed', 'pending', undefined)).toThrow(
      ConflictError,
    );
    expect(() => assertCoordinatedActionTransition('COORD-1', 'declined', 'in_progress', undefined)).toThrow(
      /declined/,
    );
  });
  it('numbers children per activation', () => {
    expect(coordinatedActionId(3)).toBe('COORD-3');
    expect(activationEscalationId(1)).toBe('ESC-1');
  });
});

describe('completing and closing', () => {
  const actions = [
    { actionId: 'COORD-1', status: 'completed' as const, description: 'a' },
    { actionId: 'COORD-2', status: 'acknowledged' as const, description: 'b' },
    { actionId: 'COORD-3', status: 'declined' as const, description: 'c' },
  ];
  it('an activation with open coordinated actions cannot be completed; the 409 lists them', () => {
    try {
      assertActivationCompletable({ activationId: 'ACT-1', status: 'active' }, actions);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConflictError);
      expect((e as ConflictError).code).toBe('OPEN_COORDINATED_ACTIONS');
      expect((e as ConflictError).details.map((d) => d.actionId)).toEqual(['COORD-2']);
    }
    expect(() =>
      assertActivationCompletable(
        { activationId: 'ACT-1', status: 'active' },
        actions.filter((a) => a.status !== 'acknowledged'),
      ),
    ).not.toThrow();
  });
  it('a completed activation cannot be completed again', () => {
    expect(() => assertActivationCompletable({ activationId: 'ACT-1', status: 'completed' }, [])).toThrow(
      ConflictError,
    );
  });
  it('an incident with open coordinated actions cannot be closed', () => {
    expect(() =>
      assertNoOpenCoordinatedActions(
        { id: 'INC-1' },
        actions.map((a) => ({ ...a, activationId: 'ACT-1' })),
      ),
    ).toThrow(/1 open coordinated action/);
    expect(() => assertNoOpenCoordinatedActions({ id: 'INC-1' }, [])).not.toThrow();
  });
});

describe('activation report', () => {
  it('counts only `pending` as pending; open is pending + acknowledged + in progress', () => {
    expect(
      coordinationMetrics([
        { status: 'completed' },
        { status: 'pending' },
        { status: 'acknowledged' },
        { status: 'in_progress' },
        { status: 'declined' },
      ]),
    ).toEqual({
      totalActions: 5,
      completedActions: 1,
      pendingActions: 1,
      openActions: 3,
      completionRate: 20,
    });
    expect(coordinationMetrics([{ status: 'acknowledged' }, { status: 'pending' }])).toMatchObject({
      pendingActions: 1,
      openActions: 2,
    });
    expect(coordinationMetrics([]).completionRate).toBe(0);
  });
  it('recommends per the rules: open actions, un-acknowledged ones, more than 2 escalations, active for more than 3 days', () => {
    const now = new Date('2026-03-05T10:00:00.000Z');
    expect(
      coordinationRecommendations({
        status: 'active',
        activatedAt: '2026-03-01T09:59:59.000Z',
        now,
        pendingActions: 1,
        openActions: 2,
        escalations: 3,
      }),
    ).toEqual([
      { type: 'action_completion', priority: 'high', description: 'Complete 2 open coordinated actions' },
      {
        type: 'action_acknowledgement',
        priority: 'high',
        description:
          '1 coordinated action not yet acknowledged by its organization; follow up with the responsible organization',
      },
      expect.objectContaining({ type: 'escalation_management', priority: 'medium' }),
      expect.objectContaining({ type: 'duration_management', priority: 'medium' }),
    ]);
  });
  it('recommends nothing at the boundaries', () => {
    expect(
      coordinationRecommendations({
        status: 'active',
        activatedAt: '2026-03-02T10:00:00.000Z',
        now: new Date('2026-03-05T10:00:00.000Z'),
        pendingActions: 0,
        openActions: 0,
        escalations: 2,
      }),
    ).toEqual([]);
    // Every action acknowledged but none done: complete them, nothing to chase.
    expect(
      coordinationRecommendations({
        status: 'active',
        activatedAt: '2026-03-05T09:00:00.000Z',
        now: new Date('2026-03-05T10:00:00.000Z'),
        pendingActions: 0,
        openActions: 1,
        escalations: 0,
      }),
    ).toEqual([
      { type: 'action_completion', priority: 'high', description: 'Complete 1 open coordinated action' },
    ]);
    expect(
      coordinationRecommendations({
        status: 'completed',
        activatedAt: '2026-01-01T00:00:00.000Z',
        now: new Date('2026-03-05T10:00:00.000Z'),
        pendingActions: 0,
        openActions: 0,
        escalations: 0,
      }),
    ).toEqual([]);
  });
});

describe('activations in an incident collection', () => {
  it('groups each activation with its own coordinated actions and escalations, hiding counters', () => {
    const items = [
      {
        pk: 'INC#I',
        sk: 'ACTIVATION#ACT-a',
        activationId: 'ACT-a',
        incidentId: 'I',
        coordSeq: 1,
        escSeq: 1,
        version: 3,
      },
      { pk: 'INC#I', sk: 'ACTIVATION#ACT-a#A#000001', actionId: 'COORD-1', incidentId: 'I', version: 2 },
      {
        pk: 'INC#I',
        sk: 'ACTIVATION#ACT-a#E#000001',
        escalationId: 'ESC-1',
        incidentId: 'I',
        activationId: 'ACT-a',
      },
      {
        pk: 'INC#I',
        sk: 'ACTIVATION#ACT-b',
        activationId: 'ACT-b',
        incidentId: 'I',
        coordSeq: 0,
        escSeq: 0,
        version: 1,
      },
    ];
    expect(activationsFrom(items)).toEqual([
      {
        activationId: 'ACT-a',
        incidentId: 'I',
        actions: [{ actionId: 'COORD-1' }],
        escalations: [{ escalationId: 'ESC-1' }],
      },
      { activationId: 'ACT-b', incidentId: 'I', actions: [], escalations: [] },
    ]);
  });
});
