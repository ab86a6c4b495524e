/**
 * THE route table: every HTTP operation of Liaison. It drives
 *  - the CDK stack (one Lambda function + one HTTP API route per entry, table grant from `table`),
 *  - the local runner (method + path matching, same handler modules),
 *  - the handlers themselves (`httpHandler(id, …)` takes roles and schemas from here),
 *  - the OpenAPI document and the tests (every entry has a handler export and a template route).
 */
import type { z } from 'zod';
import * as common from './schemas/common.js';
import * as inc from './schemas/incidents.js';
import * as tp from './schemas/third-parties.js';

export const ROLES = ['admin', 'coordinator', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call: a list of roles, or `public` (no token; e.g. the OpenAPI document). */
export type Access = readonly Role[] | 'public';
/** Least-privilege table access granted to the operation's function. */
export type TableAccess = 'RO' | 'RW' | 'NONE';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  /** operationId; unique. */
  readonly id: string;
  readonly method: Method;
  /** API Gateway path with `{param}` placeholders. */
  readonly path: string;
  /** Module under `functions/` (without extension) exporting `handler`. */
  readonly handler: string;
  readonly roles: Access;
  readonly table: TableAccess;
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly response: { readonly status: number; readonly schema: z.ZodType };
}

export const READERS = ['admin', 'coordinator', 'responder', 'viewer'] as const satisfies readonly Role[];
export const RESPONDERS = ['admin', 'coordinator', 'responder'] as const satisfies readonly Role[];
export const COORDINATORS = ['admin', 'coordinator'] as const satisfies readonly Role[];

export const routes = [
  // ---- meta ----
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'meta/get-openapi',
    roles: 'public',
    table: 'NONE',
    summary: 'The OpenAPI 3.1 document of this API',
    tag: 'meta',
    response: { status: 200, schema: common.OpenApiDocument },
  },
  // ---- third parties ----
  {
    id: 'createThirdParty',
    method: 'POST',
    path: '/third-parties',
    handler: 'third-parties/create-third-party',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Register a third party (supplier, cloud provider, partner)',
    tag: 'third-parties',
    body: tp.CreateThirdPartyBody,
    response: { status: 201, schema: tp.ThirdParty },
  },
  {
    id: 'listThirdParties',
    method: 'GET',
    path: '/third-parties',
    handler: 'third-parties/list-third-parties',
    roles: READERS,
    table: 'RO',
    summary: 'List third parties (paginated; filter by criticality, type)',
    tag: 'third-parties',
    query: tp.ListThirdPartiesQuery,
    response: { status: 200, schema: common.pageOf(tp.ThirdParty) },
  },
  {
    id: 'getThirdParty',
    method: 'GET',
    path: '/third-parties/{thirdPartyId}',
    handler: 'third-parties/get-third-party',
    roles: READERS,
    table: 'RO',
    summary: 'Read a third party',
    tag: 'third-parties',
    response: { status: 200, schema: tp.ThirdParty },
  },
  {
    id: 'updateThirdParty',
    method: 'PATCH',
    path: '/third-parties/{thirdPartyId}',
    handler: 'third-parties/update-third-party',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Change a third party',
    tag: 'third-parties',
    body: tp.UpdateThirdPartyBody,
    response: { status: 200, schema: tp.ThirdParty },
  },
  // ---- incidents ----
  {
    id: 'createIncident',
    method: 'POST',
    path: '/incidents',
    handler: 'incidents/create-incident',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Open an incident',
    tag: 'incidents',
    body: inc.CreateIncidentBody,
    response: { status: 201, schema: inc.Incident },
  },
  {
    id: 'listIncidents',
    method: 'GET',
    path: '/incidents',
    handler: 'incidents/list-incidents',
    roles: READERS,
    table: 'RO',
    summary: 'List incidents, newest first (paginated; filter by status, priority, thirdParty)',
    tag: 'incidents',
    query: inc.ListIncidentsQuery,
    response: { status: 200, schema: common.pageOf(inc.IncidentSummary) },
  },
  {
    id: 'getIncident',
    method: 'GET',
    path: '/incidents/{incidentId}',
    handler: 'incidents/get-incident',
    roles: READERS,
    table: 'RO',
    summary: 'Read an incident with its actions, communications, escalations, lessons and timeline',
    tag: 'incidents',
    response: { status: 200, schema: inc.IncidentDetail },
  },
  {
    id: 'getIncidentTimeline',
    method: 'GET',
    path: '/incidents/{incidentId}/timeline',
    handler: 'incidents/get-incident-timeline',
    roles: READERS,
    table: 'RO',
    summary: 'Read an incident’s timeline, oldest first (paginated)',
    tag: 'incidents',
    query: inc.TimelineQuery,
    response: { status: 200, schema: common.pageOf(inc.TimelineEntry) },
  },
  {
    id: 'getIncidentReport',
    method: 'GET',
    path: '/incidents/{incidentId}/report',
    handler: 'incidents/get-incident-report',
    roles: READERS,
    table: 'RO',
    summary: 'Incident report: metrics, duration, timeline, lessons and recommendations',
    tag: 'incidents',
    response: { status: 200, schema: inc.IncidentReport },
  },
  {
    id: 'assessImpact',
    method: 'PUT',
    path: '/incidents/{incidentId}/impact-assessment',
    handler: 'incidents/assess-impact',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Record the impact assessment; the priority is re-derived from it',
    tag: 'incidents',
    body: inc.ImpactAssessmentBody,
    response: { status: 200, schema: inc.Incident },
  },
  {
    id: 'createAction',
    method: 'POST',
    path: '/incidents/{incidentId}/actions',
    handler: 'incidents/create-action',
    roles: RESPONDERS,
    table: 'RW',
    summary: 'Add a response action (ACTION-n)',
    tag: 'incidents',
    body: inc.CreateActionBody,
    response: { status: 201, schema: inc.Action },
  },
  {
    id: 'updateAction',
    method: 'PATCH',
    path: '/incidents/{incidentId}/actions/{actionId}',
    handler: 'incidents/update-action',
    roles: RESPONDERS,
    table: 'RW',
    summary: 'Change a response action’s status',
    tag: 'incidents',
    body: inc.UpdateActionBody,
    response: { status: 200, schema: inc.Action },
  },
  {
    id: 'createCommunication',
    method: 'POST',
    path: '/incidents/{incidentId}/communications',
    handler: 'incidents/create-communication',
    roles: RESPONDERS,
    table: 'RW',
    summary: 'Record a communication (COMM-n)',
    tag: 'incidents',
    body: inc.CreateCommunicationBody,
    response: { status: 201, schema: inc.Communication },
  },
  {
    id: 'createEscalation',
    method: 'POST',
    path: '/incidents/{incidentId}/escalations',
    handler: 'incidents/create-escalation',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Escalate (ESC-n); a critical escalation makes the incident critical',
    tag: 'incidents',
    body: inc.CreateEscalationBody,
    response: { status: 201, schema: inc.Escalation },
  },
  {
    id: 'createLesson',
    method: 'POST',
    path: '/incidents/{incidentId}/lessons-learned',
    handler: 'incidents/create-lesson',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Record a lesson learned (allowed on closed incidents)',
    tag: 'incidents',
    body: inc.CreateLessonBody,
    response: { status: 201, schema: inc.Lesson },
  },
  {
    id: 'closeIncident',
    method: 'POST',
    path: '/incidents/{incidentId}/close',
    handler: 'incidents/close-incident',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Close an incident (409 while actions are pending or in progress)',
    tag: 'incidents',
    body: inc.CloseIncidentBody,
    response: { status: 200, schema: inc.Incident },
  },
  {
    id: 'reopenIncident',
    method: 'POST',
    path: '/incidents/{incidentId}/reopen',
    handler: 'incidents/reopen-incident',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Reopen a closed incident',
    tag: 'incidents',
    body: inc.ReopenIncidentBody,
    response: { status: 200, schema: inc.Incident },
  },
] as const satisfies readonly Route[];

export type RouteId = (typeof routes)[number]['id'];
export type RouteOf<Id extends RouteId> = Extract<(typeof routes)[number], { id: Id }>;

const byId = new Map<string, Route>(routes.map((r) => [r.id, r]));

export function routeById<Id extends RouteId>(id: Id): RouteOf<Id> {
  const route = byId.get(id);
  if (!route) throw new Error(`No route with id ${id}`);
  return route as RouteOf<Id>;
}

/** `{incidentId}` → `incidentId`, in path order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string);
}

/** `POST /incidents/{incidentId}/actions`: the API Gateway route key. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>): string => `${r.method} ${r.path}`;
