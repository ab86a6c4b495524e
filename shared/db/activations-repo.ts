import type { Activation, ActivationEscalation, CoordinatedAction } from '../schemas/coordination.js';
import type { TableContext as Deps } from './context.js';
import { publicView } from './items.js';
import { incidentPk, keys, prefixes } from './keys.js';
import { queryAll } from './pagination.js';

/** Groups `ACTIVATION#` items into activations with their coordinated actions and escalations. */
export function activationsFrom(items: readonly Record<string, unknown>[]): Activation[] {
  const heads = items.filter((i) => /^ACTIVATION#[^#]+$/.test(String(i.sk)));
  return heads.map((h) => {
    const prefix = `${String(h.sk)}#`;
    const of = (kind: string) => items.filter((i) => String(i.sk).startsWith(`${prefix}${kind}#`));
    return {
      ...publicView<Omit<Activation, 'actions' | 'escalations'>>(h, ['coordSeq', 'escSeq', 'version']),
      actions: of('A').map((i) => publicView<CoordinatedAction>(i, ['incidentId', 'version'])),
      escalations: of('E').map((i) => publicView<ActivationEscalation>(i, ['incidentId', 'activationId'])),
    };
  });
}

/** An incident's activations with their children: one Query on `begins_with(sk, ACTIVATION#)`. */
export async function getIncidentActivations(deps: Deps, incidentId: string): Promise<Activation[]> {
  const items = await queryAll(deps, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
    ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':a': prefixes.activations },
    ConsistentRead: true,
  });
  return activationsFrom(items);
}

/**
 * One activation's record and children (`begins_with(sk, ACTIVATION#<id>)`), consistent, EVERY page:
 * 160 coordinated actions of 8 KB are more than one 1 MB Query page.
 */
export async function getActivationItems(
  deps: Deps,
  incidentId: string,
  activationId: string,
): Promise<Record<string, unknown>[]> {
  const head = keys.activation(incidentId, activationId).sk;
  const items = await queryAll(deps, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':sk': head },
    ConsistentRead: true,
  });
  // `ACTIVATION#ACT-1` is also a prefix of `ACTIVATION#ACT-10`: keep this activation's items only.
  return items.filter((i) => i.sk === head || String(i.sk).startsWith(`${head}#`));
}
