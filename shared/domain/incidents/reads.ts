/** Incident reads: the incident with its children, report, timeline, lists. */

import { regulatoryConfig } from '../../config.js';
import type { ChildKind, Children, Page } from '../../db/repositories.js';
import type { Caller } from '../../model/caller.js';
import type {
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
import { contractSection } from '../agreements/service.js';
import { participantDimensions } from '../command/participants.js';
import { commandHistory } from '../command/rules.js';
import type { Deps } from '../deps.js';
import type { ObligationRecord } from '../obligations/view.js';
import { obligationView, suggestRegimes } from '../obligations/view.js';
import { organizationAgreements } from '../organizations/service.js';
import { storedView } from './changes.js';
import { buildReport } from './report.js';

// ---------- reads ----------

/** Children of each kind returned with the incident (first page, oldest first). */
export const DETAIL_CHILD_LIMIT = 100;

/** Children of each kind the report reads at most (pages of 250; the bound of its reads). */
export const REPORT_CHILD_LIMIT = 1000;

const KINDS = ['actions', 'communications', 'escalations', 'lessonsLearned', 'timeline'] as const;

/**
 * The incident with its non-paged items and the first `limit` children of each kind; a kind with
 * more carries its cursor in `nextCursors` (read on with `GET /incidents/{id}/<kind>`).
 */
async function readDetail(deps: Deps, incidentId: string, limit: number, follow: boolean) {
  const repo = deps.repos.incidents;
  const page = async <K extends ChildKind>(kind: K): Promise<Page<Children[K]>> => {
    const first = await repo.children(incidentId, kind, { limit: Math.min(limit, 250) });
    if (!follow) return first;
    const items = [...first.items];
    let cursor = first.nextCursor;
    while (cursor && items.length < limit) {
      const next = await repo.children(incidentId, kind, {
        limit: Math.min(250, limit - items.length),
        cursor,
      });
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    return { items, nextCursor: cursor };
  };
  const [head, actions, communications, escalations, lessonsLearned, timeline] = await Promise.all([
    repo.getHead(incidentId),
    page('actions'),
    page('communications'),
    page('escalations'),
    page('lessonsLearned'),
    page('timeline'),
  ]);
  const pages = { actions, communications, escalations, lessonsLearned, timeline };
  const nextCursors: Partial<Record<ChildKind, string>> = {};
  for (const kind of KINDS) {
    const cursor = pages[kind].nextCursor;
    if (cursor) nextCursors[kind] = cursor;
  }
  const incident = storedView(head.incident);
  return {
    detail: {
      ...incident,
      actions: actions.items,
      communications: communications.items,
      escalations: escalations.items,
      lessonsLearned: lessonsLearned.items,
      activations: head.activations,
      escalationChains: head.escalationChains,
      commandHistory: commandHistory(head.endedTenures, incident.command),
      timeline: timeline.items,
      ...(Object.keys(nextCursors).length > 0 ? { nextCursors } : {}),
    },
    obligations: head.obligations as unknown as ObligationRecord[],
    version: head.incident.version,
    /** A scenario exercise's organizations (participants without an activation, docs/exercises.md). */
    scenarioParticipants: head.incident.exercise ? (head.incident.participants ?? []) : [],
  };
}

/**
 * The incident with the first page of each kind of child, each obligation's clocks computed as of
 * now and the regimes that may apply; `version` is the ETag a conditional write sends back.
 */
export async function getIncidentVersioned(
  deps: Deps,
  incidentId: string,
  caller?: Caller,
  limit = DETAIL_CHILD_LIMIT,
  follow = false,
): Promise<{ detail: IncidentDetail; version: number }> {
  const partner = caller ? partnerOrganization(caller) : null;
  const {
    detail: rest,
    obligations,
    version,
    scenarioParticipants,
  } = await readDetail(deps, incidentId, limit, follow);
  if (partner !== null) {
    // Partners: their incidents only (404 otherwise), TLP-withheld content removed, no obligations.
    const viewer = await partnerViewer(deps, partner, rest, scenarioParticipants);
    return {
      detail: partnerIncidentView({ ...rest, obligations: [], suggestedRegimes: [] }, viewer),
      version,
    };
  }
  const settings = regulatoryConfig();
  const now = deps.now();
  return {
    detail: {
      ...rest,
      obligations: obligations.map((o) =>
        obligationView(o, rest.discoveryDate, now, settings, rest.exercise === true),
      ),
      suggestedRegimes: suggestRegimes(
        rest.impactAssessment,
        settings,
        obligations.map((o) => o.regime),
      ),
    },
    version,
  };
}

export async function getIncident(deps: Deps, incidentId: string, caller?: Caller): Promise<IncidentDetail> {
  return (await getIncidentVersioned(deps, incidentId, caller)).detail;
}

/** One page of one kind of child (coordinators and readers; partners read the incident and timeline). */
export async function listChildren<K extends Exclude<ChildKind, 'timeline'>>(
  deps: Deps,
  incidentId: string,
  kind: K,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<Children[K]>> {
  const page = await deps.repos.incidents.children(incidentId, kind, query);
  if (page.items.length === 0 && !query.cursor) await deps.repos.incidents.get(incidentId); // 404 for unknown incidents
  return page;
}

export async function getReport(deps: Deps, incidentId: string): Promise<IncidentReport> {
  // Bounded: at most REPORT_CHILD_LIMIT children of each kind (the metrics of a larger incident
  // cover its first ones).
  const { detail } = await getIncidentVersioned(deps, incidentId, undefined, REPORT_CHILD_LIMIT, true);
  const organizations = [
    ...detail.affectedThirdParties,
    ...detail.activations.flatMap(activationOrganizations),
  ];
  const [participantsByDimension, contracts] = await Promise.all([
    participantDimensions(deps, organizations),
    contractSection(deps, detail),
  ]);
  return { ...buildReport(detail, deps.now()), participantsByDimension, ...contracts };
}

/**
 * The partner's organization and TLP ceiling, after checking it participates in the incident (404
 * otherwise; participation read from the aggregate: affected third parties and activations, and
 * the organizations of a scenario exercise, which take part without an activation).
 */
async function partnerViewer(
  deps: Deps,
  organization: string,
  detail: Pick<IncidentDetail, 'id' | 'affectedThirdParties' | 'activations'>,
  scenarioParticipants: readonly string[] = [],
) {
  const participation = {
    id: detail.id,
    affectedThirdParties: detail.affectedThirdParties,
    participants: [...detail.activations.flatMap(activationOrganizations), ...scenarioParticipants],
  };
  assertMaySeeIncident({ subject: '', organization, roles: ['partner'] }, participation);
  const { effectiveTlpCeiling } = await organizationAgreements(deps, organization);
  return { organization, ceiling: effectiveTlpCeiling };
}

export async function getTimeline(deps: Deps, incidentId: string, query: TimelineQuery, caller?: Caller) {
  const partner = caller ? partnerOrganization(caller) : null;
  if (partner !== null) {
    // A partner's page may hold fewer than `limit` entries: withheld ones are removed from it.
    // Withheld: from the incident's first DETAIL_CHILD_LIMIT communications and its activations.
    const { detail, scenarioParticipants } = await readDetail(deps, incidentId, DETAIL_CHILD_LIMIT, false);
    const withheld = withheldFor(detail, await partnerViewer(deps, partner, detail, scenarioParticipants));
    const page = await deps.repos.incidents.children(incidentId, 'timeline', query);
    return { items: partnerTimeline(page.items, withheld), nextCursor: page.nextCursor };
  }
  const page = await deps.repos.incidents.children(incidentId, 'timeline', query);
  if (page.items.length === 0 && !query.cursor) await deps.repos.incidents.get(incidentId); // 404 for unknown incidents
  return page;
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
  return deps.repos.incidents.list(query);
}
