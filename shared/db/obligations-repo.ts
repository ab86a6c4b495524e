/**
 * Regulatory obligations in the incident's item collection (`INC#<id>` / `OBLIG#<regime>`): reads
 * and write-item builders. Submissions live inside their obligation item (at most
 * `MAX_SUBMISSIONS`), so an obligation and its submissions are read and written together.
 */
import type { Deps } from '../deps.js';
import type { ObligationRecord } from '../domain/obligations/view.js';
import {
  getIncidentAndChild,
  getIncidentItem,
  putNew,
  putVersioned,
  type StoredIncident,
} from './incidents-repo.js';
import { publicView } from './items.js';
import { incidentPk, keys, prefixes } from './keys.js';
import { queryAll } from './pagination.js';
import type { TransactItem } from './transact.js';

/** Keeps an obligation item far below DynamoDB's 400 KB item limit. */
export const MAX_SUBMISSIONS = 50;

export const obligationRecordOf = (item: Record<string, unknown>) => publicView<ObligationRecord>(item);

/** The incident and one of its obligations, in one BatchGetItem. */
export async function getIncidentAndObligation(
  deps: Deps,
  incidentId: string,
  regime: string,
): Promise<{ incident: StoredIncident; obligation: ObligationRecord | undefined }> {
  const { incident, child } = await getIncidentAndChild(
    deps,
    incidentId,
    keys.obligation(incidentId, regime),
  );
  return { incident, obligation: child ? obligationRecordOf(child) : undefined };
}

/** The incident (GetItem) and its obligations (Query on `OBLIG#`, every page), both consistent, in parallel. */
export async function getIncidentObligations(
  deps: Deps,
  incidentId: string,
): Promise<{ incident: StoredIncident; obligations: ObligationRecord[] }> {
  const [incident, items] = await Promise.all([
    getIncidentItem(deps, incidentId),
    queryAll(deps, {
      TableName: deps.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ob)',
      ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':ob': prefixes.obligations },
      ConsistentRead: true,
    }),
  ]);
  return { incident, obligations: items.map(obligationRecordOf) };
}

/** Put of an obligation: new (fails if the regime is attached already) or conditioned on its version. */
export function putObligation(
  deps: Deps,
  record: ObligationRecord,
  expectedVersion: number | null,
): TransactItem {
  const key = keys.obligation(record.incidentId, record.obligationId);
  return expectedVersion === null
    ? putNew(deps, key, 'obligation', record)
    : putVersioned(deps, key, 'obligation', { ...record }, expectedVersion);
}
