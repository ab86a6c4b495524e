/**
 * Escalation rules (pure): policy validation, trigger conditions, the step decision of a scheduled
 * firing, and the deterministic schedule names. Unit-tested in `test/unit/escalation-rules.test.ts`.
 */
import type { ErrorDetail } from '../../errors.js';
import { ValidationError } from '../../errors.js';
import { scheduleName } from '../../scheduling/schedules.js';
import type { Priority } from '../../schemas/common.js';
import type { StakeholderGroup } from '../../schemas/contacts.js';
import { STAKEHOLDER_GROUPS } from '../../schemas/contacts.js';
import type {
  ChainLevel,
  ChainStatus,
  EscalationTrigger,
  PolicyLevel,
  TriggerWhen,
} from '../../schemas/escalation.js';
import { parseTimeframe } from '../timeframe.js';

// ---------- policies ----------

/**
 * Levels must be 1, 2, 3 … (distinct and consecutive, in any order in the request) and each must
 * name at least one recipient. Returns the levels sorted; a 400 naming `<field>.<i>…` otherwise.
 */
export function validatePolicyLevels(levels: readonly PolicyLevel[], field = 'body.levels'): PolicyLevel[] {
  const details: ErrorDetail[] = [];
  levels.forEach((l, i) => {
    if (levels.findIndex((o) => o.level === l.level) < i) {
      details.push({ field: `${field}.${i}.level`, message: `level ${l.level} is listed twice` });
    }
    const recipients = (l.contacts?.length ?? 0) + (l.groups?.length ?? 0) + (l.organizations?.length ?? 0);
    if (recipients === 0) {
      details.push({
        field: `${field}.${i}`,
        message: 'a level names at least one recipient (contacts, groups or organizations)',
      });
    }
    if (parseTimeframe(l.timeframe) === undefined) {
      details.push({ field: `${field}.${i}.timeframe`, message: 'not a timeframe' });
    }
  });
  const numbers = [...new Set(levels.map((l) => l.level))].sort((a, b) => a - b);
  numbers.forEach((n, i) => {
    if (n !== i + 1) {
      const at = levels.findIndex((l) => l.level === n);
      if (!details.some((d) => d.field === `${field}.${at}.level`)) {
        details.push({
          field: `${field}.${at}.level`,
          message: `levels must be consecutive from 1; expected level ${i + 1}, got ${n}`,
        });
      }
    }
  });
  if (details.length > 0) throw new ValidationError('Invalid escalation levels', details);
  return [...levels].sort((a, b) => a.level - b.level);
}

/** A policy level → a chain level (the recipients a notice takes). */
export function chainLevelOf(l: PolicyLevel): ChainLevel {
  return {
    level: l.level,
    recipients: {
      ...(l.contacts?.length ? { contacts: l.contacts } : {}),
      ...(l.organizations?.length ? { organizations: l.organizations } : {}),
      ...(l.groups?.length ? { groups: l.groups } : {}),
    },
    timeframe: l.timeframe,
  };
}

/** How a channel rule's free-text `contact` resolved (the service looks the id up first). */
export type RuleTarget =
  | { kind: 'contact'; id: string }
  | { kind: 'organization'; id: string }
  | { kind: 'group'; group: StakeholderGroup }
  | { kind: 'unresolved'; text: string };

/**
 * A channel rule's `contact`: a live contact id, else an organization id (→ its escalation
 * contacts), else a stakeholder group name (`Security Team` → `security_team` is not a group; the
 * name must match: `executives`, `legal` …, case-insensitive), else unresolved.
 */
export function classifyRuleContact(
  text: string,
  found: { contact: boolean; organization: boolean },
): RuleTarget {
  if (found.contact) return { kind: 'contact', id: text };
  if (found.organization) return { kind: 'organization', id: text };
  const group = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if ((STAKEHOLDER_GROUPS as readonly string[]).includes(group)) {
    return { kind: 'group', group: group as StakeholderGroup };
  }
  return { kind: 'unresolved', text };
}

/** A channel rule resolved → a chain level (an unresolved one keeps no recipients and says so). */
export function chainLevelOfRule(rule: { level: number; timeframe: string }, target: RuleTarget): ChainLevel {
  const recipients =
    target.kind === 'contact'
      ? { contacts: [target.id] }
      : target.kind === 'organization'
        ? { organizations: [target.id] }
        : target.kind === 'group'
          ? { groups: [target.group] }
          : {};
  return {
    level: rule.level,
    recipients,
    timeframe: rule.timeframe,
    ...(target.kind === 'unresolved' ? { unresolved: [target.text] } : {}),
  };
}

/** Channel rules need not be consecutive; the chain numbers them 1, 2, 3 … in level order. */
export function renumber(levels: readonly ChainLevel[]): ChainLevel[] {
  return [...levels].sort((a, b) => a.level - b.level).map((l, i) => ({ ...l, level: i + 1 }));
}

// ---------- priorities and grades ----------

const PRIORITY_RANK: Record<Priority, number> = { low: 1, medium: 2, high: 3, critical: 4 };
const GRADE_RANK: Record<string, number> = { unknown: 0, none: 0, minor: 1, moderate: 2, severe: 3 };

export const priorityAtLeast = (priority: Priority, min: Priority): boolean =>
  PRIORITY_RANK[priority] >= PRIORITY_RANK[min];

// ---------- triggers ----------

/** What trigger conditions look at: the incident's next state. */
export interface TriggerFacts {
  readonly priority: Priority;
  readonly affectedThirdParties: readonly string[];
  readonly impactAssessment?: { dataCompromised?: readonly string[]; regulatoryImpact?: string } | undefined;
  /** Maintained by the due-date reminders: ids of overdue response actions. */
  readonly overdueActions?: readonly unknown[] | undefined;
}

/** Each condition, alone (exported for tests and docs). */
export const conditions = {
  priorityAtLeast: (f: TriggerFacts, min: Priority) => priorityAtLeast(f.priority, min),
  dataCompromisedIncludes: (f: TriggerFacts, any: readonly string[]) => {
    const data = (f.impactAssessment?.dataCompromised ?? []).map((d) => d.trim().toLowerCase());
    return any.some((want) => data.includes(want.trim().toLowerCase()));
  },
  regulatoryImpactAtLeast: (f: TriggerFacts, min: string) =>
    (GRADE_RANK[f.impactAssessment?.regulatoryImpact ?? 'unknown'] ?? 0) >= (GRADE_RANK[min] ?? 99),
  thirdPartiesAffectedMoreThan: (f: TriggerFacts, n: number) => f.affectedThirdParties.length > n,
  actionOverdue: (f: TriggerFacts) => (f.overdueActions?.length ?? 0) > 0,
};

/** True when every condition the trigger names holds (a trigger with none never holds). */
export function triggerHolds(when: TriggerWhen, f: TriggerFacts): boolean {
  const checks: boolean[] = [];
  if (when.priorityAtLeast !== undefined) checks.push(conditions.priorityAtLeast(f, when.priorityAtLeast));
  if (when.dataCompromisedIncludes !== undefined)
    checks.push(conditions.dataCompromisedIncludes(f, when.dataCompromisedIncludes));
  if (when.regulatoryImpactAtLeast !== undefined)
    checks.push(conditions.regulatoryImpactAtLeast(f, when.regulatoryImpactAtLeast));
  if (when.thirdPartiesAffectedMoreThan !== undefined)
    checks.push(conditions.thirdPartiesAffectedMoreThan(f, when.thirdPartiesAffectedMoreThan));
  if (when.actionOverdue) checks.push(conditions.actionOverdue(f));
  return checks.length > 0 && checks.every(Boolean);
}

/** Enabled triggers that hold now and have not fired on this incident before (in list order). */
export function newlyFired(
  triggers: readonly Pick<EscalationTrigger, 'id' | 'when' | 'enabled'>[],
  facts: TriggerFacts,
  alreadyFired: readonly string[],
): string[] {
  return triggers
    .filter((t) => t.enabled && !alreadyFired.includes(t.id) && triggerHolds(t.when, facts))
    .map((t) => t.id);
}

// ---------- chain steps ----------

/** Schedule name of the firing that notifies `level` of a chain (one name per firing). */
export const stepScheduleName = (incidentId: string, chainId: string, level: number): string =>
  scheduleName(['esc', incidentId, chainId, `l${level}`]);

export interface StepFacts {
  readonly chain: { status: ChainStatus; currentLevel: number; levels: readonly unknown[] } | undefined;
  readonly incident: { status: string; acknowledgedAt?: string | undefined } | undefined;
  readonly level: number;
  /**
   * An activation's chain only: the activation has coordinated actions and none is still `pending`
   * (undefined for other chains).
   */
  readonly allAcknowledged?: boolean | undefined;
}

export type StepDecision =
  | { readonly act: true; readonly last: boolean }
  | {
      readonly act: false;
      readonly reason:
        | 'unknown_chain'
        | 'not_active'
        | 'already_done'
        | 'no_such_level'
        | 'incident_closed'
        | 'actions_acknowledged';
      /** The chain should be marked stopped (its incident was closed under it). */
      readonly stop?: boolean;
      /** The activation's chains should end as `acknowledged` (no coordinated action pending). */
      readonly acknowledge?: boolean;
    };

/**
 * Whether a firing for `level` acts: only when the chain exists, is still active (not
 * acknowledged, exhausted or stopped), its incident is open, and its current level is below it.
 * A duplicate fire finds currentLevel = level (already done); a late one after acknowledgement
 * finds the chain acknowledged; either way nothing happens. An activation's chain whose coordinated
 * actions are all acknowledged (none `pending`) ends instead of notifying.
 */
export function decideStep(f: StepFacts): StepDecision {
  if (!f.chain || !f.incident) return { act: false, reason: 'unknown_chain' };
  if (f.chain.status !== 'active') return { act: false, reason: 'not_active' };
  if (f.incident.status !== 'open') return { act: false, reason: 'incident_closed', stop: true };
  if (f.allAcknowledged === true) return { act: false, reason: 'actions_acknowledged', acknowledge: true };
  if (f.level > f.chain.levels.length || f.level < 1) return { act: false, reason: 'no_such_level' };
  if (f.chain.currentLevel >= f.level) return { act: false, reason: 'already_done' };
  // currentLevel < level − 1: a level never ran (its firing failed for good); the ladder still
  // climbs — this level acts, the missed one is not re-run (its time has passed).
  return { act: true, last: f.level === f.chain.levels.length };
}
