import { describe, expect, it } from 'vitest';
import {
  impactFactors,
  priorityAfterEscalation,
  priorityAtCreation,
  priorityFromFactors,
  priorityFromImpact,
} from '../../shared/domain/incidents/priority.js';

describe('priority at creation', () => {
  it.each([
    ['critical', 0, 'critical'],
    ['high', 0, 'high'],
    ['high', 2, 'high'],
    ['high', 3, 'high'], // 3.5
    ['high', 6, 'critical'], // 4
    ['medium', 3, 'medium'], // 2.5
    ['medium', 6, 'high'], // 3
    ['low', 0, 'low'],
    ['low', 3, 'low'], // 1.5
    ['low', 6, 'medium'], // 2
  ] as const)('%s severity with %i third parties → %s', (severity, n, expected) => {
    expect(priorityAtCreation(severity, n)).toBe(expected);
  });

  it('uses strict "more than" thresholds (5 and 2)', () => {
    expect(priorityAtCreation('medium', 5)).toBe('medium'); // 2.5
    expect(priorityAtCreation('medium', 2)).toBe('medium'); // 2
    expect(priorityAtCreation('low', 2)).toBe('low'); // 1
  });
});

describe('priority from impact', () => {
  const none = {
    businessImpact: 'low',
    financialImpact: 0,
    reputationImpact: 'none',
    regulatoryImpact: 'none',
  } as const;

  it('adds the points of each factor', () => {
    expect(impactFactors({ ...none, businessImpact: 'critical' })).toEqual([
      { factor: 'business impact critical', points: 2 },
    ]);
    expect(impactFactors({ ...none, businessImpact: 'high' })[0]?.points).toBe(1);
    expect(impactFactors({ ...none, financialImpact: 1_000_001 })[0]?.points).toBe(2);
    expect(impactFactors({ ...none, financialImpact: 1_000_000 })[0]?.points).toBe(1);
    expect(impactFactors({ ...none, financialImpact: 100_000 })).toEqual([]);
    expect(impactFactors({ ...none, reputationImpact: 'severe' })[0]?.points).toBe(2);
    expect(impactFactors({ ...none, regulatoryImpact: 'moderate' })[0]?.points).toBe(1);
    expect(impactFactors({ ...none, customersAffected: 10_001 })[0]?.points).toBe(2);
    expect(impactFactors({ ...none, customersAffected: 1_001 })[0]?.points).toBe(1);
    expect(impactFactors({ ...none, customersAffected: 1_000 })).toEqual([]);
    expect(impactFactors({ ...none, reputationImpact: 'unknown', businessImpact: 'unknown' })).toEqual([]);
  });

  it.each([
    [0, 'low'],
    [1, 'low'],
    [2, 'medium'],
    [3, 'medium'],
    [4, 'high'],
    [5, 'high'],
    [6, 'critical'],
    [10, 'critical'],
  ] as const)('%i points → %s', (points, expected) => {
    expect(priorityFromFactors(points)).toBe(expected);
  });

  it('derives the seed scenario: high business, 500k, moderate, moderate, 5,000 customers → high', () => {
    const r = priorityFromImpact({
      businessImpact: 'high',
      financialImpact: 500_000,
      reputationImpact: 'moderate',
      regulatoryImpact: 'moderate',
      customersAffected: 5_000,
    });
    expect(r.total).toBe(5);
    expect(r.priority).toBe('high');
  });

  it('can lower the priority when the impact is small', () => {
    expect(priorityFromImpact(none).priority).toBe('low');
  });
});

describe('priority after escalation', () => {
  it('a critical escalation makes the incident critical; others leave it', () => {
    expect(priorityAfterEscalation('low', 'critical')).toBe('critical');
    expect(priorityAfterEscalation('low', 'high')).toBe('low');
    expect(priorityAfterEscalation('critical', 'low')).toBe('critical');
  });
});
