/** Write items of an incident edit (issue 13): a third party no longer affected. */
import { keys } from './keys.js';
import type { TransactItem } from './transact.js';

/** −1 on a third party's incident counter (the inverse of `countIncidentOn`; `lastIncident` stays). */
export function uncountIncidentOn(ctx: { tableName: string }, orgId: string, now: string): TransactItem {
  return {
    Update: {
      TableName: ctx.tableName,
      Key: keys.organization(orgId),
      UpdateExpression: 'SET updatedAt = :now ADD incidentCount :minus, version :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':now': now, ':one': 1, ':minus': -1 },
    },
  };
}

/** Delete of the link item under an organization no longer involved in the incident. */
export function deleteIncidentLink(
  ctx: { tableName: string },
  orgId: string,
  createdAt: string,
  incidentId: string,
): TransactItem {
  return { Delete: { TableName: ctx.tableName, Key: keys.incidentLink(orgId, createdAt, incidentId) } };
}
