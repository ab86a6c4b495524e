/** Exercise rules (pure, docs/exercises.md): marking, inject instants, report figures. */
import { describe, expect, it } from 'vitest';
import {
  actionFigures,
  assertRunning,
  escalationLevels,
  injectInstant,
  organizationFigures,
  results,
  unreachableContacts,
} from '../../shared/domain/exercises/rules.js';
import { snsSubject } from '../../shared/domain/notifications/delivery.js';
import { ConflictError } from '../../shared/errors.js';
import { exerciseSubject } from '../../shared/model/exercise.js';
import type { CoordinatedAction } from '../../shared/schemas/coordination.js';
import type { Communication } from '../../shared/schemas/incidents.js';

const ACTIVATED = '2030-01-01T09:00:00.000Z';
const action = (over: Partial<CoordinatedAction>): CoordinatedAction => ({
  actionId: 'COORD-1',
  activationId: 'ACT-1',
  description: 'Contain',
  responsibleOrganization: 'ORG-A',
  supportingOrganizations: [],
  priority: 'high',
  status: 'pending',
  dueDate: '2030-01-01T10:00:00.000Z',
  createdAt: ACTIVATED,
  createdBy: 'carol',
  updatedAt: ACTIVATED,
  updatedBy: 'carol',
  ...over,
});

describe('exercise marking', () => {
  it('prefixes the subject once, only on an exercise', () => {
    expect(exerciseSubject('Ransom note', true)).toBe('[EXERCISE] Ransom note');
    expect(exerciseSubject('[EXERCISE] Ransom note', true)).toBe('[EXERCISE] Ransom note');
    expect(exerciseSubject('Ransom note', false)).toBe('Ransom note');
    expect(exerciseSubject('Ransom note', undefined)).toBe('Ransom note');
  });
  it('keeps [EXERCISE] first in the SNS subject, before the TLP marking', () => {
    expect(snsSubject('AMBER', '[EXERCISE] Ransom note')).toBe('[EXERCISE] [TLP:AMBER] Ransom note');
    expect(snsSubject('GREEN', 'Ransom note')).toBe('[TLP:GREEN] Ransom note');
  });
});

describe('injects', () => {
  it('fire at the start plus their offset', () => {
    expect(injectInstant(ACTIVATED, { offsetMinutes: 90 }).toISOString()).toBe('2030-01-01T10:30:00.000Z');
  });
  it('an ended exercise refuses with 409 EXERCISE_ENDED', () => {
    expect(() => assertRunning({ id: 'EX-1', status: 'running' })).not.toThrow();
    try {
      assertRunning({ id: 'EX-1', status: 'ended' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe('EXERCISE_ENDED');
    }
  });
});

describe('report figures', () => {
  const done = actionFigures(
    ACTIVATED,
    action({
      status: 'completed',
      acknowledgedAt: '2030-01-01T09:15:00.000Z',
      completedAt: '2030-01-01T09:45:00.000Z',
    }),
  );
  const late = actionFigures(
    ACTIVATED,
    action({
      actionId: 'COORD-2',
      responsibleOrganization: 'ORG-B',
      status: 'completed',
      acknowledgedAt: '2030-01-01T09:30:00.000Z',
      completedAt: '2030-01-01T11:00:00.000Z',
    }),
  );
  const silent = actionFigures(ACTIVATED, action({ actionId: 'COORD-3', responsibleOrganization: 'ORG-B' }));

  it('measure each action against its playbook timeframe', () => {
    expect(done).toMatchObject({
      timeframeMinutes: 60,
      acknowledgeMinutes: 15,
      completeMinutes: 45,
      withinTimeframe: true,
    });
    expect(late).toMatchObject({ acknowledgeMinutes: 30, completeMinutes: 120, withinTimeframe: false });
    expect(silent).toMatchObject({ acknowledgeMinutes: null, completeMinutes: null, withinTimeframe: null });
    expect(actionFigures(ACTIVATED, action({ dueDate: undefined })).timeframeMinutes).toBeNull();
  });

  it('summarise per organization, participants without actions included', () => {
    const orgs = organizationFigures(['ORG-A', 'ORG-B', 'ORG-C'], [done, late, silent]);
    expect(
      orgs.map((o) => [o.organizationId, o.actions, o.acknowledged, o.completedWithinTimeframe]),
    ).toEqual([
      ['ORG-A', 1, 1, 1],
      ['ORG-B', 2, 1, 0],
      ['ORG-C', 0, 0, 0],
    ]);
    expect(orgs[1]?.medianAcknowledgeMinutes).toBe(30);
  });

  it('list bounced, unverified and silent contacts once per reason', () => {
    const communication = (
      organizations: { organizationId: string; recipients: string[]; status: 'sent' | 'failed' }[],
    ) =>
      ({
        direction: 'outbound',
        delivery: { status: 'sent', organizations: organizations.map((o) => ({ ...o, messageId: 'MSG-1' })) },
      }) as unknown as Communication;
    const rows = unreachableContacts({
      communications: [
        communication([
          { organizationId: 'ORG-A', recipients: ['C-A'], status: 'sent' },
          { organizationId: 'ORG-B', recipients: ['C-B'], status: 'failed' },
        ]),
        communication([{ organizationId: 'ORG-B', recipients: ['C-B'], status: 'sent' }]),
      ],
      contacts: new Map([
        ['C-A', { organizationId: 'ORG-A', verificationStatus: 'verified' }],
        ['C-B', { organizationId: 'ORG-B', verificationStatus: 'stale' }],
      ]),
      actions: [done, silent],
    });
    expect(rows).toEqual([
      { contactId: 'C-B', organizationId: 'ORG-B', reason: 'bounced' },
      { contactId: 'C-B', organizationId: 'ORG-B', reason: 'unverified' },
      { contactId: 'C-B', organizationId: 'ORG-B', reason: 'no_ack' },
    ]);
    expect(
      results({ actions: [done, silent], unreachable: rows, escalationLevelsFired: 2, findings: 1 }),
    ).toEqual({
      actions: 2,
      acknowledged: 1,
      completed: 1,
      completedWithinTimeframe: 1,
      medianAcknowledgeMinutes: 15,
      medianCompleteMinutes: 45,
      unreachableContacts: 1,
      escalationLevelsFired: 2,
      findings: 1,
    });
  });

  it('order the escalation levels fired by time', () => {
    expect(
      escalationLevels([
        { chainId: 'CH-2', steps: [{ level: 1, at: '2030-01-01T09:30:00.000Z' }] },
        {
          chainId: 'CH-1',
          steps: [
            { level: 1, at: '2030-01-01T09:10:00.000Z' },
            { level: 2, at: '2030-01-01T09:40:00.000Z' },
          ],
        },
      ]).map((l) => `${l.chainId}/${l.level}`),
    ).toEqual(['CH-1/1', 'CH-2/1', 'CH-1/2']);
  });
});
