/** Exercise rules (pure, docs/exercises.md): marking, inject instants, report figures. */
import { describe, expect, it } from 'vitest';
import {
  actionFigures,
  assertHasPlaybook,
  assertRunning,
  escalationLevels,
  findingLink,
  injectInstant,
  organizationFigures,
  RAISE_FIELDS,
  raiseRequest,
  results,
  reverificationDue,
  unreachableContacts,
} from '../../shared/domain/exercises/rules.js';
import { snsSubject } from '../../shared/domain/notifications/delivery.js';
import { contactsToReverify } from '../../shared/domain/verification/rules.js';
import { ConflictError, UnprocessableError, ValidationError } from '../../shared/errors.js';
import { exerciseSubject } from '../../shared/model/exercise.js';
import type { CoordinatedAction } from '../../shared/schemas/coordination.js';
import { type Finding, RaiseFindingBody } from '../../shared/schemas/exercises.js';
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

const finding = (over: Partial<Finding>): Finding => ({
  findingId: 'FINDING-1',
  exerciseId: 'EX-1',
  finding: 'ORG-B never acknowledged',
  proposes: 'none',
  link: null,
  recordedAt: ACTIVATED,
  recordedBy: 'carol',
  ...over,
});

/** The details of the error `fn` throws, as `field: message`. */
function detailsOf(fn: () => unknown): { type: string; code: string; fields: string[] } {
  try {
    fn();
  } catch (error) {
    if (
      error instanceof ValidationError ||
      error instanceof ConflictError ||
      error instanceof UnprocessableError
    )
      return { type: error.constructor.name, code: error.code, fields: error.details.map((d) => d.field) };
    throw error;
  }
  throw new Error('did not throw');
}

describe('raising a finding (raiseRequest)', () => {
  const contract = finding({ proposes: 'contract_update', organizationId: 'ORG-B' });
  const due = '2030-02-01T00:00:00.000Z';

  it('a contract update needs topic, owner and due date; the change defaults to the recommendation', () => {
    expect(detailsOf(() => raiseRequest(contract, {}))).toEqual({
      type: 'ValidationError',
      code: 'VALIDATION_FAILED',
      fields: ['body.topic', 'body.proposedChange', 'body.owner', 'body.dueDate'],
    });
    expect(
      raiseRequest(
        { ...contract, recommendation: 'Acknowledge within 4 hours' },
        { topic: 'notification_sla', owner: 'legal', dueDate: due },
      ),
    ).toEqual({
      kind: 'contract_update',
      organizationId: 'ORG-B',
      topic: 'notification_sla',
      proposedChange: 'Acknowledge within 4 hours',
      owner: 'legal',
      dueDate: due,
    });
  });

  it('a playbook action defaults its text to the recommendation and its owner to the finding’s organization', () => {
    const f = finding({
      proposes: 'playbook_action',
      organizationId: 'ORG-B',
      recommendation: 'Name a backup',
    });
    expect(raiseRequest(f, { timeframe: 'PT1H' })).toEqual({
      kind: 'playbook_action',
      action: 'Name a backup',
      responsible: 'ORG-B',
      timeframe: 'PT1H',
    });
    expect(detailsOf(() => raiseRequest(finding({ proposes: 'playbook_action' }), {})).fields).toEqual([
      'body.action',
      'body.responsible',
      'body.timeframe',
    ]);
  });

  it('a contact fix re-verifies the finding’s contact, the finding as reason by default', () => {
    const f = finding({ proposes: 'contact_fix', contactId: 'CON-1' });
    expect(raiseRequest(f, {})).toEqual({ kind: 'contact_fix', contactId: 'CON-1', reason: f.finding });
    expect(raiseRequest(f, { reason: 'bounced' })).toMatchObject({ reason: 'bounced' });
  });

  it('refuses every field of another kind, naming it', () => {
    const f = finding({ proposes: 'contact_fix', contactId: 'CON-1' });
    expect(detailsOf(() => raiseRequest(f, { owner: 'legal', timeframe: 'PT1H' })).fields).toEqual([
      'body.owner',
      'body.timeframe',
    ]);
    // The field lists cover the body schema exactly, each field once.
    const listed = Object.values(RAISE_FIELDS).flat();
    expect([...listed].sort()).toEqual(Object.keys(RaiseFindingBody.shape).sort());
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('a raised finding is a 409 naming its link; one proposing nothing a 422', () => {
    const link = findingLink('playbook_action', 'PB-1', ACTIVATED, 'carol', {
      playbookVersion: 3,
      actionIndex: 4,
    });
    expect(link).toEqual({
      kind: 'playbook_action',
      id: 'PB-1',
      playbookVersion: 3,
      actionIndex: 4,
      linkedAt: ACTIVATED,
      linkedBy: 'carol',
    });
    const raised = finding({ proposes: 'playbook_action', link });
    expect(detailsOf(() => raiseRequest(raised, {}))).toEqual({
      type: 'ConflictError',
      code: 'FINDING_RAISED',
      fields: ['path.findingId'],
    });
    expect(() => raiseRequest(raised, {})).toThrow('playbook_action PB-1 version 3');
    expect(detailsOf(() => raiseRequest(finding({}), {})).code).toBe('FINDING_PROPOSES_NOTHING');
    expect(findingLink('contact_fix', 'CON-1', ACTIVATED, 'carol').kind).toBe('contact_reverification');
    expect(findingLink('contract_update', 'AGU-1', ACTIVATED, 'carol').kind).toBe('agreement_update');
  });

  it('a scenario exercise has no playbook to add to (422 NO_PLAYBOOK)', () => {
    expect(assertHasPlaybook({ id: 'EX-1', playbookId: 'PB-1' })).toBe('PB-1');
    expect(detailsOf(() => assertHasPlaybook({ id: 'EX-1' })).code).toBe('NO_PLAYBOOK');
  });
});

describe('re-verification of a flagged contact', () => {
  const at = '2030-01-05T00:00:00.000Z';

  it('is due now, unless a verification is outstanding (its link asks already)', () => {
    expect(reverificationDue({ nextVerificationDue: '2030-03-01T00:00:00.000Z' }, at)).toBe(at);
    expect(
      reverificationDue(
        { nextVerificationDue: '2030-01-01T00:00:00.000Z', verificationStaleAt: '2030-01-15T00:00:00.000Z' },
        at,
      ),
    ).toBe('2030-01-01T00:00:00.000Z');
  });

  it('lists live flagged contacts in directory health, oldest flag first', () => {
    const base = {
      organizationId: 'ORG-A',
      deletedAt: null,
      verificationStatus: 'verified' as const,
      verificationIntervalDays: 90,
      nextVerificationDue: at,
    };
    const flag = (findingId: string, flaggedAt: string) => ({
      reason: 'no answer',
      exerciseId: 'EX-1',
      findingId,
      flaggedAt,
      flaggedBy: 'carol',
    });
    expect(
      contactsToReverify([
        { ...base, id: 'CON-2', reverification: flag('FINDING-2', '2030-01-03T00:00:00.000Z') },
        { ...base, id: 'CON-1', reverification: flag('FINDING-1', '2030-01-02T00:00:00.000Z') },
        { ...base, id: 'CON-3' },
        { ...base, id: 'CON-4', deletedAt: at, reverification: flag('FINDING-3', at) },
      ]).map((c) => [c.contactId, c.findingId]),
    ).toEqual([
      ['CON-1', 'FINDING-1'],
      ['CON-2', 'FINDING-2'],
    ]);
  });
});
