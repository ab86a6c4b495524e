import type { Deps } from '../deps.js';
import type { Activation, ActivationEscalation, CoordinatedAction } from '../schemas/coordination.js';
import { publicView } from './items.js';
import { incidentPk, prefixes } from './keys.js';
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
