/**
 * Regulatory obligations in the incident's item collection (`INC#<id>` / `OBLIG#<regime>`): reads
 * with the incident they belong to, and the Put of a record as a part of the incident's transaction.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../errors.js';
import type { TableContext } from '../context.js';
import type { StoredIncident } from '../entities/incident.js';
import { type ObligationRecord, obligationEntity } from '../entities/obligation.js';
import { incidentPk, keys, prefixes } from '../keys.js';
import type { TransactItemPart } from '../transact.js';
import { batchGetEvery, queryEvery } from './reads.js';

export interface ObligationsRepository {
  /** The incident and one of its obligations, in ONE BatchGetItem; `NotFoundError` without incident. */
  incidentAndObligation(
    incidentId: string,
    regime: string,
  ): Promise<{ incident: StoredIncident; obligation: ObligationRecord | undefined }>;
  /** The incident (GetItem) and its obligations (Query on `OBLIG#`, every page), consistent, in parallel. */
  incidentObligations(
    incidentId: string,
  ): Promise<{ incident: StoredIncident; obligations: ObligationRecord[] }>;
  /** Put of a record: new (fails if the regime is attached already) or conditioned on the version read. */
  putPart(record: ObligationRecord, expectedVersion: number | null): TransactItemPart;
}

export function obligationsRepository(ctx: TableContext): ObligationsRepository {
  const { db, tableName } = ctx;
  const missing = (incidentId: string) => new NotFoundError(`Incident ${incidentId} not found`);
  return {
    async incidentAndObligation(incidentId, regime) {
      const incidentKey = keys.incident(incidentId);
      const obligationKey = keys.obligation(incidentId, regime);
      const items = await batchGetEvery(ctx, [incidentKey, obligationKey]);
      const incident = items.find((i) => i.sk === incidentKey.sk) as StoredIncident | undefined;
      if (!incident) throw missing(incidentId);
      const child = items.find((i) => i.sk === obligationKey.sk);
      return {
        incident,
        obligation: child ? obligationEntity.fromItem(child) : undefined,
      };
    },
    async incidentObligations(incidentId) {
      const [res, items] = await Promise.all([
        db.send(
          new GetCommand({ TableName: tableName, Key: keys.incident(incidentId), ConsistentRead: true }),
        ),
        queryEvery(ctx, {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ob)',
          ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':ob': prefixes.obligations },
          ConsistentRead: true,
        }),
      ]);
      if (!res.Item) throw missing(incidentId);
      return {
        incident: res.Item as StoredIncident,
        obligations: items.map((i) => obligationEntity.fromItem(i)),
      };
    },
    putPart: (record, expectedVersion) =>
      expectedVersion === null
        ? obligationEntity.create(tableName, record)
        : obligationEntity.replace(tableName, record, expectedVersion),
  };
}
