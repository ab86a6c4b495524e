/**
 * Escalation policies (`ESCPOLICY#<id>` / `#ESCPOLICY`, listed through gsi1 `ESCPOLICY`; those with
 * `autoStart` also in the sparse gsi2 partition).
 */
import type { EscalationPolicy } from '../../schemas/escalation.js';
import { escalationKeys } from '../keys.js';
import type { TransactItem } from '../transact.js';
import { defineEntity } from './entity.js';

export type StoredPolicy = EscalationPolicy;

export const escalationPolicyEntity = defineEntity<StoredPolicy>({
  entity: 'escalationPolicy',
  keyOf: (p) => escalationKeys.policy(p.id),
  indexKeysOf: escalationKeys.policyIndexKeys,
});

/** ConditionCheck: the policy exists (a trigger's `startChain` names one). */
export const policyExists = (tableName: string, id: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: escalationKeys.policy(id),
    ConditionExpression: 'attribute_exists(pk)',
  },
});
