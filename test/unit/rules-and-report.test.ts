import { describe, expect, it } from 'vitest';
import { buildReport, recommendations, responseMetrics } from '../../shared/domain/incidents/report.js';
import {
  assertActionTransition,
  assertClosable,
  assertIncidentOpen,
  assertReopenable,
} from '../../shared/domain/incidents/rules.js';
import { isoDuration } from '../../shared/domain/time.js';
import { ConflictError } from '../../shared/errors.js';
import type { IncidentDetail } from '../../shared/schemas/incidents.js';

describe('action transitions', () => {
  it('allows moves between open states and into final states', () => {
    expect(() => assertActionTransition('ACTION-1', 'pending', 'in_progress')).not.toThrow();
    expect(() => assertActionTransition('ACTION-1', 'in_progress', 'completed')).not.toThrow();
    expect(() => assertActionTransition('ACTION-1', 'pending', 'cancelled')).not.toThrow();
  });
  it('refuses to leave a final state with a 409 naming the field', () => {
    try {
      assertActionTransition('ACTION-1', 'completed', 'pending');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConflictError);
      expect((e as ConflictError).code).toBe('ACTION_FINAL');
      expect((e as ConflictError).details[0]?.field).toBe('body.status');
    }
    expect(() => assertActionTransition('ACTION-1', 'cancelled', 'completed')).toThrow(ConflictError);
  });
});

describe('incident state', () => {
  it('a closed incident refuses changes; an open one cannot be reopened', () => {
    expect(() => assertIncidentOpen({ id: 'I', status: 'closed' })).toThrow(/closed/);
    expect(() => assertIncidentOpen({ id: 'I', status: 'open' })).not.toThrow();
    expect(() => assertReopenable({ id: 'I', status: 'open' })).toThrow(/not closed/);
    expect(() => assertReopenable({ id: 'I', status: 'closed' })).not.toThrow();
  });
  it('closing lists every pending or in-progress action', () => {
    const actions = [
      { actionId: 'ACTION-1', status: 'pending', description: 'a' },
      { actionId: 'ACTION-2', status: 'completed', description: 'b' },
      { actionId: 'ACTION-3', status: 'in_progress', description: 'c' },
      { actionId: 'ACTION-4', status: 'cancelled', description: 'd' },
    ] as const;
    try {
      assertClosable({ id: 'I', status: 'open' }, actions);
      expect.unreachable();
    } catch (e) {
      const err = e as ConflictError;
      expect(err.code).toBe('OPEN_ACTIONS');
      expect(err.details.map((d) => d.actionId)).toEqual(['ACTION-1', 'ACTION-3']);
    }
    expect(() => assertClosable({ id: 'I', status: 'open' }, [actions[1], actions[3]])).not.toThrow();
  });
});

describe('metrics and recommendations', () => {
  it('completion rate is completed ÷ total × 100, 0 when there are no actions', () => {
    expect(responseMetrics([])).toEqual({
      totalActions: 0,
      completedActions: 0,
      pendingActions: 0,
      openActions: 0,
      completionRate: 0,
    });
    expect(
      responseMetrics([
        { status: 'completed' },
        { status: 'pending' },
        { status: 'in_progress' },
        { status: 'cancelled' },
      ]),
    ).toEqual({
      totalActions: 4,
      completedActions: 1,
      pendingActions: 1,
      openActions: 2,
      completionRate: 25,
    });
    expect(
      responseMetrics([{ status: 'completed' }, { status: 'pending' }, { status: 'pending' }]).completionRate,
    ).toBe(33.33);
  });

  const base = {
    status: 'open',
    durationSeconds: 0,
    escalations: [],
    openActions: 0,
    affectedThirdParties: [],
  };
  it('recommends nothing for a quiet incident', () => {
    expect(recommendations(base)).toEqual([]);
  });
  it('flags slow closure (> 7 days), many escalations (> 2), pending actions, many third parties (> 3)', () => {
    const days = (n: number) => n * 86_400;
    expect(recommendations({ ...base, status: 'closed', durationSeconds: days(7) + 1 })[0]).toMatchObject({
      type: 'response_time',
      priority: 'high',
    });
    expect(recommendations({ ...base, status: 'closed', durationSeconds: days(7) })).toEqual([]);
    expect(recommendations({ ...base, status: 'open', durationSeconds: days(30) })).toEqual([]);
    const esc = (n: number) => Array.from({ length: n }, (_, i) => ({ escalationId: `ESC-${i + 1}` }));
    expect(recommendations({ ...base, escalations: esc(3) })[0]).toMatchObject({
      type: 'escalation_management',
      priority: 'medium',
    });
    expect(recommendations({ ...base, escalations: esc(2) })).toEqual([]);
    expect(recommendations({ ...base, openActions: 2 })[0]).toEqual({
      type: 'action_management',
      priority: 'high',
      description: 'Complete 2 open actions',
    });
    expect(recommendations({ ...base, openActions: 1 })[0]?.description).toBe('Complete 1 open action');
    expect(recommendations({ ...base, affectedThirdParties: ['a', 'b', 'c', 'd'] })[0]).toMatchObject({
      type: 'third_party_management',
      priority: 'medium',
    });
    expect(recommendations({ ...base, affectedThirdParties: ['a', 'b', 'c'] })).toEqual([]);
  });

  it('builds a report whose duration runs to closure, or to now while open', () => {
    const detail: IncidentDetail = {
      id: 'INC-1',
      title: 't',
      description: 'd',
      tlp: 'AMBER',
      severity: 'high',
      category: 'data_breach',
      status: 'open',
      priority: 'high',
      affectedThirdParties: ['TP-1'],
      discoveryDate: '2026-01-01T00:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'u',
      version: 1,
      actions: [],
      communications: [],
      escalations: [],
      lessonsLearned: [],
      activations: [],
      commandHistory: [],
      obligations: [],
      suggestedRegimes: [],
      timeline: [],
    };
    const open = buildReport(detail, new Date('2026-01-02T01:00:30Z'));
    expect(open.duration).toEqual({ iso8601: 'P1DT1H30S', seconds: 90_030 });
    const closed = buildReport(
      { ...detail, status: 'closed', closureDate: '2026-01-09T00:00:01.000Z' },
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(closed.duration.seconds).toBe(8 * 86_400 + 1);
    expect(closed.recommendations.map((r) => r.type)).toEqual(['response_time']);
  });
});

describe('isoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [59, 'PT59S'],
    [3_600, 'PT1H'],
    [86_400, 'P1D'],
    [93_784, 'P1DT2H3M4S'],
  ])('%i s → %s', (s, iso) => expect(isoDuration(s)).toBe(iso));
});
