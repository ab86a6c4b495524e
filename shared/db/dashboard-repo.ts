/**
 * The dashboard's index reads (GET /dashboard, issue 13): open incidents (gsi2
 * `INCIDENT#STATUS#open`) and incidents opened in a period (gsi1 `INCIDENT`, sort key between the
 * period's bounds). Each is one Query, paged through.
 */
import type { TableContext as Deps } from './context.js';
import { incidentView } from './incidents-repo.js';
import { listQueries } from './keys.js';
import { queryAll } from './pagination.js';

type IncidentView = ReturnType<typeof incidentView>;

/** Every open incident (gsi2 `INCIDENT#STATUS#open`), newest first. */
export async function openIncidents(deps: Deps): Promise<IncidentView[]> {
  const q = listQueries.incidents({ status: 'open' });
  const items = await queryAll(deps, {
    TableName: deps.tableName,
    IndexName: q.index,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': q.pkAttr },
    ExpressionAttributeValues: { ':pk': q.pk },
    ScanIndexForward: false,
  });
  return items.map((i) => incidentView(i));
}

/** Incidents created in [from, to] (gsi1 `INCIDENT`, `<createdAt>#<id>` between), newest first. */
export async function incidentsCreatedBetween(deps: Deps, from: string, to: string): Promise<IncidentView[]> {
  const q = listQueries.incidents({});
  const items = await queryAll(deps, {
    TableName: deps.tableName,
    IndexName: q.index,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': q.pkAttr, '#sk': 'gsi1sk' },
    // `#` sorts below every id character, `~` above: the whole of `to`'s instant is included.
    ExpressionAttributeValues: { ':pk': q.pk, ':from': `${from}#`, ':to': `${to}#~` },
    ScanIndexForward: false,
  });
  return items.map((i) => incidentView(i));
}
