/** Incident reads: the incident with its children, report, timeline, lists. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { regulatoryConfig } from '../../config.js';
import { getIncidentDetail, getIncidentItem, queryTimeline, summaryOf } from '../../db/incidents-repo.js';
import { listQueries, orgPk, prefixes } from '../../db/keys.js';
import { decodeCursor, encodeCursor } from '../../db/pagination.js';
import type { Caller } from '../../http/caller.js';
import type {
  Incident,
  IncidentDetail,
  IncidentReport,
  IncidentSummary,
  ListIncidentsQuery,
  TimelineQuery,
} from '../../schemas/incidents.js';
import { assertMaySeeIncident, partnerOrganization } from '../access/partner.js';
import {
  activationOrganizations,
  partnerIncidentView,
  partnerTimeline,
  withheldFor,
} from '../access/visibility.js';
import { participantDimensions } from '../command/participants.js';
import type { Deps } from '../deps.js';
import { obligationView, suggestRegimes } from '../obligations/view.js';
import { organizationAgreements } from '../organizations/service.js';
import { buildReport } from './report.js';

// ---------- reads ----------

/** The aggregate, with each obligation's clocks computed as of now and the regimes that may apply. */
export async function getIncident(deps: Deps, incidentId: string, caller?: Caller): Promise<IncidentDetail> {
  const partner = caller ? partnerOrganization(caller) : null;
  const { obligations, ...rest } = await getIncidentDetail(deps, incidentId);
  if (partner !== null) {
    // Partners: their incidents only (404 otherwise), TLP-withheld content removed, no obligations.
    const viewer = await partnerViewer(deps, partner, rest);
    return partnerIncidentView({ ...rest, obligations: [], suggestedRegimes: [] }, viewer);
  }
  const settings = regulatoryConfig();
  const now = deps.now();
  return {
    ...rest,
    obligations: obligations.map((o) => obligationView(o, rest.discoveryDate, now, settings)),
    suggestedRegimes: suggestRegimes(
      rest.impactAssessment,
      settings,
      obligations.map((o) => o.regime),
    ),
  };
}

export async function getReport(deps: Deps, incidentId: string): Promise<IncidentReport> {
  const detail = await getIncident(deps, incidentId);
  const organizations = [
    ...detail.affectedThirdParties,
    ...detail.activations.flatMap(activationOrganizations),
  ];
  return {
    ...buildReport(detail, deps.now()),
    participantsByDimension: await participantDimensions(deps, organizations),
  };
}

/**
 * The partner's organization and TLP ceiling, after checking it participates in the incident (404
 * otherwise; participation read from the aggregate: affected third parties and activations).
 */
async function partnerViewer(
  deps: Deps,
  organization: string,
  detail: Pick<IncidentDetail, 'id' | 'affectedThirdParties' | 'activations'>,
) {
  const participation = {
    id: detail.id,
    affectedThirdParties: detail.affectedThirdParties,
    participants: detail.activations.flatMap(activationOrganizations),
  };
  assertMaySeeIncident({ subject: '', organization, roles: ['partner'] }, participation);
  const { effectiveTlpCeiling } = await organizationAgreements(deps, organization);
  return { organization, ceiling: effectiveTlpCeiling };
}

export async function getTimeline(deps: Deps, incidentId: string, query: TimelineQuery, caller?: Caller) {
  const pk = `INC#${incidentId}`;
  const start = decodeCursor(query.cursor, { pk });
  const partner = caller ? partnerOrganization(caller) : null;
  if (partner !== null) {
    // A partner's page may hold fewer than `limit` entries: withheld ones are removed from it.
    const detail = await getIncidentDetail(deps, incidentId);
    const withheld = withheldFor(detail, await partnerViewer(deps, partner, detail));
    const page = await queryTimeline(deps, incidentId, query.limit, start);
    return {
      items: partnerTimeline(page.items, withheld),
      nextCursor: encodeCursor(page.last),
    };
  }
  const page = await queryTimeline(deps, incidentId, query.limit, start);
  if (page.items.length === 0 && !start) await getIncidentItem(deps, incidentId); // 404 for unknown incidents
  return { items: page.items, nextCursor: encodeCursor(page.last) };
}

export async function listIncidents(
  deps: Deps,
  query: ListIncidentsQuery,
  caller?: Caller,
): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
  const partner = caller ? partnerOrganization(caller) : null;
  if (partner !== null) {
    // A partner lists its own organization's incident links, nothing else.
    if (query.thirdParty !== undefined && query.thirdParty !== partner) {
      return { items: [], nextCursor: null };
    }
    query = { ...query, thirdParty: partner };
  }
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  const addFilter = (attr: 'status' | 'priority', value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attr}`] = attr;
    values[`:${attr}`] = value;
    filters.push(`#${attr} = :${attr}`);
  };
  let input: ConstructorParameters<typeof QueryCommand>[0];
  if (query.thirdParty) {
    // Link items under the organization carry the incident summary.
    const pk = orgPk(query.thirdParty);
    addFilter('status', query.status);
    addFilter('priority', query.priority);
    input = {
      TableName: deps.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inc)',
      ExpressionAttributeValues: { ':pk': pk, ':inc': prefixes.incidentLinks, ...values },
      ...(filters.length ? { ExpressionAttributeNames: names, FilterExpression: filters.join(' AND ') } : {}),
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { pk }),
    };
  } else {
    const q = listQueries.incidents(query);
    if (query.status) addFilter('priority', query.priority);
    input = {
      TableName: deps.tableName,
      IndexName: q.index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': q.pkAttr, ...names },
      ExpressionAttributeValues: { ':pk': q.pk, ...values },
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { [q.pkAttr]: q.pk }),
    };
  }
  const res = await deps.db.send(new QueryCommand(input));
  const items = (res.Items ?? []).map((item) => summaryOf(item as unknown as Incident));
  return { items, nextCursor: encodeCursor(res.LastEvaluatedKey) };
}
