/**
 * Incident priority rules (pure).
 * At creation: severity score (critical 4, high 3, medium 2, low 1) + 1 if more than 5 third parties
 * are affected, else + 0.5 if more than 2; critical ≥ 4, high ≥ 3, medium ≥ 2, else low.
 * After an impact assessment: impact factors decide (critical ≥ 6, high ≥ 4, medium ≥ 2, else low).
 */
import type { Priority, Severity } from '../../schemas/common.js';

const SEVERITY_SCORE: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function priorityAtCreation(severity: Severity, affectedThirdParties: number): Priority {
  const bonus = affectedThirdParties > 5 ? 1 : affectedThirdParties > 2 ? 0.5 : 0;
  const score = SEVERITY_SCORE[severity] + bonus;
  if (score >= 4) return 'critical';
  if (score >= 3) return 'high';
  if (score >= 2) return 'medium';
  return 'low';
}

export interface ImpactInput {
  businessImpact: 'critical' | 'high' | 'medium' | 'low' | 'unknown';
  financialImpact: number;
  reputationImpact: 'severe' | 'moderate' | 'minor' | 'none' | 'unknown';
  regulatoryImpact: 'severe' | 'moderate' | 'minor' | 'none' | 'unknown';
  customersAffected?: number | undefined;
}

export interface ImpactFactor {
  factor: string;
  points: number;
}

/** The factors that contributed, each with its points (for the timeline's "why"). */
export function impactFactors(a: ImpactInput): ImpactFactor[] {
  const out: ImpactFactor[] = [];
  const grade = { severe: 2, moderate: 1 } as Record<string, number>;
  if (a.businessImpact === 'critical') out.push({ factor: 'business impact critical', points: 2 });
  else if (a.businessImpact === 'high') out.push({ factor: 'business impact high', points: 1 });
  if (a.financialImpact > 1_000_000) out.push({ factor: 'financial impact > 1,000,000', points: 2 });
  else if (a.financialImpact > 100_000) out.push({ factor: 'financial impact > 100,000', points: 1 });
  const rep = grade[a.reputationImpact];
  if (rep) out.push({ factor: `reputation impact ${a.reputationImpact}`, points: rep });
  const reg = grade[a.regulatoryImpact];
  if (reg) out.push({ factor: `regulatory impact ${a.regulatoryImpact}`, points: reg });
  const customers = a.customersAffected ?? 0;
  if (customers > 10_000) out.push({ factor: 'customers affected > 10,000', points: 2 });
  else if (customers > 1_000) out.push({ factor: 'customers affected > 1,000', points: 1 });
  return out;
}

export function priorityFromFactors(total: number): Priority {
  if (total >= 6) return 'critical';
  if (total >= 4) return 'high';
  if (total >= 2) return 'medium';
  return 'low';
}

export function priorityFromImpact(a: ImpactInput): {
  priority: Priority;
  total: number;
  factors: ImpactFactor[];
} {
  const factors = impactFactors(a);
  const total = factors.reduce((sum, f) => sum + f.points, 0);
  return { priority: priorityFromFactors(total), total, factors };
}

/** A critical escalation makes the incident critical; other escalations leave the priority alone. */
export function priorityAfterEscalation(current: Priority, escalation: Priority): Priority {
  return escalation === 'critical' ? 'critical' : current;
}

export const priorityRank = (p: Priority): number => RANK[p];
