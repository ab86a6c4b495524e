import { describe, expect, it } from 'vitest';
import {
  chainLevelOf,
  chainLevelOfRule,
  classifyRuleContact,
  conditions,
  decideStep,
  newlyFired,
  renumber,
  stepScheduleName,
  type TriggerFacts,
  triggerHolds,
  validatePolicyLevels,
} from '../../shared/domain/escalation/rules.js';
import { ValidationError } from '../../shared/errors.js';
import {
  CreateEscalationPolicyBody,
  StartEscalationChainBody,
  TriggerWhen,
} from '../../shared/schemas/escalation.js';

const level = (n: number, extra: Record<string, unknown> = { contacts: ['C-1'] }) => ({
  level: n,
  timeframe: '1 hour',
  ...extra,
});

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).details.map((d) => d.field);
  }
  throw new Error('expected a ValidationError');
}

describe('policy validation', () => {
  it('accepts consecutive levels in any order and sorts them', () => {
    const sorted = validatePolicyLevels([level(2), level(1), level(3, { groups: ['executives'] })]);
    expect(sorted.map((l) => l.level)).toEqual([1, 2, 3]);
  });

  it('refuses a level listed twice, naming the second', () => {
    expect(fieldsOf(() => validatePolicyLevels([level(1), level(1)]))).toContain('body.levels.1.level');
  });

  it('refuses a gap, naming the level after it', () => {
    expect(fieldsOf(() => validatePolicyLevels([level(1), level(3)]))).toEqual(['body.levels.1.level']);
  });

  it('refuses levels that do not start at 1', () => {
    expect(fieldsOf(() => validatePolicyLevels([level(2)]))).toEqual(['body.levels.0.level']);
  });

  it('refuses a level without recipients', () => {
    expect(fieldsOf(() => validatePolicyLevels([level(1), level(2, { contacts: [] })]))).toEqual([
      'body.levels.1',
    ]);
  });

  it('schema: timeframes ISO or plain, one source for a chain', () => {
    const ok = CreateEscalationPolicyBody.safeParse({ name: 'x', levels: [level(1, { groups: ['legal'] })] });
    expect(ok.success).toBe(true);
    const bad = CreateEscalationPolicyBody.safeParse({
      name: 'x',
      levels: [{ level: 1, contacts: ['C-1'], timeframe: 'soon' }],
    });
    expect(bad.success).toBe(false);
    expect(StartEscalationChainBody.safeParse({ policyId: 'P', channelId: 'C' }).success).toBe(false);
    expect(StartEscalationChainBody.safeParse({}).success).toBe(false);
    expect(StartEscalationChainBody.safeParse({ channelId: 'C' }).success).toBe(true);
  });

  it('maps a policy level to notice recipients without empty lists', () => {
    expect(chainLevelOf({ level: 1, contacts: ['C-1'], groups: [], timeframe: 'PT1H' })).toEqual({
      level: 1,
      recipients: { contacts: ['C-1'] },
      timeframe: 'PT1H',
    });
  });
});

describe('channel rules', () => {
  it('resolves a contact, then an organization, then a group, else unresolved', () => {
    expect(classifyRuleContact('C-1', { contact: true, organization: true })).toEqual({
      kind: 'contact',
      id: 'C-1',
    });
    expect(classifyRuleContact('ORG-1', { contact: false, organization: true })).toEqual({
      kind: 'organization',
      id: 'ORG-1',
    });
    expect(classifyRuleContact('Executives', { contact: false, organization: false })).toEqual({
      kind: 'group',
      group: 'executives',
    });
    expect(classifyRuleContact('physical security', { contact: false, organization: false })).toEqual({
      kind: 'group',
      group: 'physical_security',
    });
    expect(classifyRuleContact('Security Team', { contact: false, organization: false })).toEqual({
      kind: 'unresolved',
      text: 'Security Team',
    });
  });

  it('an unresolved rule keeps no recipients and says so; levels renumbered in order', () => {
    const a = chainLevelOfRule({ level: 5, timeframe: '2 hours' }, { kind: 'unresolved', text: 'CISO' });
    expect(a).toEqual({ level: 5, recipients: {}, timeframe: '2 hours', unresolved: ['CISO'] });
    const b = chainLevelOfRule({ level: 2, timeframe: '1 hour' }, { kind: 'contact', id: 'C-1' });
    expect(renumber([a, b]).map((l) => [l.level, l.timeframe])).toEqual([
      [1, '1 hour'],
      [2, '2 hours'],
    ]);
  });
});

describe('trigger conditions', () => {
  const facts = (over: Partial<TriggerFacts> = {}): TriggerFacts => ({
    priority: 'medium',
    affectedThirdParties: [],
    ...over,
  });

  it('priorityAtLeast', () => {
    expect(conditions.priorityAtLeast(facts({ priority: 'critical' }), 'high')).toBe(true);
    expect(conditions.priorityAtLeast(facts({ priority: 'high' }), 'high')).toBe(true);
    expect(conditions.priorityAtLeast(facts({ priority: 'medium' }), 'high')).toBe(false);
  });

  it('dataCompromisedIncludes (any of, case-insensitive)', () => {
    const f = facts({ impactAssessment: { dataCompromised: ['Personal Data', 'logs'] } });
    expect(conditions.dataCompromisedIncludes(f, ['personal data'])).toBe(true);
    expect(conditions.dataCompromisedIncludes(f, ['health data', 'LOGS'])).toBe(true);
    expect(conditions.dataCompromisedIncludes(f, ['health data'])).toBe(false);
    expect(conditions.dataCompromisedIncludes(facts(), ['personal data'])).toBe(false);
  });

  it('regulatoryImpactAtLeast', () => {
    const severe = facts({ impactAssessment: { regulatoryImpact: 'severe' } });
    const minor = facts({ impactAssessment: { regulatoryImpact: 'minor' } });
    expect(conditions.regulatoryImpactAtLeast(severe, 'moderate')).toBe(true);
    expect(conditions.regulatoryImpactAtLeast(minor, 'moderate')).toBe(false);
    expect(
      conditions.regulatoryImpactAtLeast(
        facts({ impactAssessment: { regulatoryImpact: 'unknown' } }),
        'minor',
      ),
    ).toBe(false);
  });

  it('thirdPartiesAffectedMoreThan', () => {
    expect(conditions.thirdPartiesAffectedMoreThan(facts({ affectedThirdParties: ['a', 'b', 'c'] }), 2)).toBe(
      true,
    );
    expect(conditions.thirdPartiesAffectedMoreThan(facts({ affectedThirdParties: ['a', 'b'] }), 2)).toBe(
      false,
    );
  });

  it('actionOverdue', () => {
    expect(conditions.actionOverdue(facts({ overdueActions: ['ACTION-1'] }))).toBe(true);
    expect(conditions.actionOverdue(facts({ overdueActions: [] }))).toBe(false);
    expect(conditions.actionOverdue(facts())).toBe(false);
  });

  it('every named condition must hold; a trigger with none is refused by the schema', () => {
    const when = { priorityAtLeast: 'high' as const, thirdPartiesAffectedMoreThan: 0 };
    expect(triggerHolds(when, facts({ priority: 'high', affectedThirdParties: ['a'] }))).toBe(true);
    expect(triggerHolds(when, facts({ priority: 'high' }))).toBe(false);
    expect(TriggerWhen.safeParse({}).success).toBe(false);
  });

  it('newlyFired: enabled, holding, and not fired before', () => {
    const triggers = [
      { id: 'T1', enabled: true, when: { priorityAtLeast: 'critical' as const } },
      { id: 'T2', enabled: false, when: { priorityAtLeast: 'low' as const } },
      { id: 'T3', enabled: true, when: { priorityAtLeast: 'low' as const } },
      { id: 'T4', enabled: true, when: { actionOverdue: true as const } },
    ];
    expect(newlyFired(triggers, facts({ priority: 'critical' }), [])).toEqual(['T1', 'T3']);
    expect(newlyFired(triggers, facts({ priority: 'critical' }), ['T1', 'T3'])).toEqual([]);
    expect(newlyFired(triggers, facts({ overdueActions: ['ACTION-2'] }), ['T3'])).toEqual(['T4']);
  });
});

describe('step decision', () => {
  const chain = (status: 'active' | 'acknowledged' | 'exhausted' | 'stopped', currentLevel: number) => ({
    status,
    currentLevel,
    levels: [1, 2, 3],
  });
  const open = { status: 'open' };

  it('acts when active and the current level is below the level', () => {
    expect(decideStep({ chain: chain('active', 1), incident: open, level: 2 })).toEqual({
      act: true,
      last: false,
    });
    expect(decideStep({ chain: chain('active', 2), incident: open, level: 3 })).toEqual({
      act: true,
      last: true,
    });
  });

  it('a duplicate fire is a no-op', () => {
    expect(decideStep({ chain: chain('active', 2), incident: open, level: 2 })).toMatchObject({
      act: false,
      reason: 'already_done',
    });
  });

  it('a fire after acknowledgement is a no-op', () => {
    expect(decideStep({ chain: chain('acknowledged', 1), incident: open, level: 2 })).toMatchObject({
      act: false,
      reason: 'not_active',
    });
  });

  it('a missed level does not stop the ladder: the next level acts (the missed one is not re-run)', () => {
    expect(decideStep({ chain: chain('active', 0), incident: open, level: 3 })).toEqual({
      act: true,
      last: true,
    });
    expect(decideStep({ chain: chain('active', 2), incident: open, level: 2 })).toMatchObject({
      reason: 'already_done',
    });
  });

  it('unknown level, unknown chain', () => {
    expect(decideStep({ chain: chain('active', 3), incident: open, level: 4 })).toMatchObject({
      reason: 'no_such_level',
    });
    expect(decideStep({ chain: undefined, incident: open, level: 2 })).toMatchObject({
      reason: 'unknown_chain',
    });
  });

  it('a closed incident stops the chain', () => {
    expect(decideStep({ chain: chain('active', 1), incident: { status: 'closed' }, level: 2 })).toEqual({
      act: false,
      reason: 'incident_closed',
      stop: true,
    });
  });

  it("an activation's chain whose coordinated actions are all acknowledged ends instead of notifying", () => {
    expect(
      decideStep({ chain: chain('active', 1), incident: open, level: 2, allAcknowledged: true }),
    ).toEqual({ act: false, reason: 'actions_acknowledged', acknowledge: true });
    // Still a pending action, or not an activation's chain: the level acts.
    expect(
      decideStep({ chain: chain('active', 1), incident: open, level: 2, allAcknowledged: false }),
    ).toEqual({
      act: true,
      last: false,
    });
    expect(decideStep({ chain: chain('active', 1), incident: open, level: 2 })).toEqual({
      act: true,
      last: false,
    });
    // An inactive chain or a closed incident decides first.
    expect(
      decideStep({ chain: chain('acknowledged', 1), incident: open, level: 2, allAcknowledged: true }),
    ).toMatchObject({ reason: 'not_active' });
    expect(
      decideStep({
        chain: chain('active', 1),
        incident: { status: 'closed' },
        level: 2,
        allAcknowledged: true,
      }),
    ).toMatchObject({ reason: 'incident_closed', stop: true });
  });

  it('schedule names are deterministic, per level, and valid', () => {
    expect(stepScheduleName('INC-1', 'CHAIN-1', 2)).toBe('esc.INC-1.CHAIN-1.l2');
    expect(stepScheduleName('INC-1', 'CHAIN-1', 2)).toBe(stepScheduleName('INC-1', 'CHAIN-1', 2));
    expect(stepScheduleName('INC-1', 'CHAIN-1', 3)).not.toBe(stepScheduleName('INC-1', 'CHAIN-1', 2));
    const long = stepScheduleName(`INC-${'x'.repeat(60)}`, 'CHAIN-12', 2);
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^[0-9A-Za-z_.-]+$/);
  });
});
