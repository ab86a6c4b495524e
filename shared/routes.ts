/**
 * THE route table: every HTTP operation of Liaison. It drives
 *  - the CDK stack (one Lambda function + one HTTP API route per entry, table grant from `table`),
 *  - the local runner (method + path matching, same handler modules),
 *  - the handlers themselves (`httpHandler(id, …)` takes roles and schemas from here),
 *  - the OpenAPI document and the tests (every entry has a handler export and a template route).
 */
import type { z } from 'zod';
import * as common from './schemas/common.js';
import * as con from './schemas/contacts.js';
import * as inc from './schemas/incidents.js';
import * as obl from './schemas/obligations.js';
import * as org from './schemas/organizations.js';
import * as tpl from './schemas/templates.js';
import * as tp from './schemas/third-parties.js';

export const ROLES = ['admin', 'coordinator', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call: a list of roles, or `public` (no token; e.g. the OpenAPI document). */
export type Access = readonly Role[] | 'public';
/** Least-privilege table access granted to the operation's function. */
export type TableAccess = 'RO' | 'RW' | 'NONE';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * AWS services a function calls besides the table. The CDK grants exactly these (and sets their
 * environment) on the function's role, see infra/constructs/messaging.ts; absent = none.
 */
export type ServiceUse = 'sns' | 'scheduler';

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
  /** `sns`: topics and publishing; `scheduler`: one-time schedules. Default: neither. */
  readonly uses?: readonly ServiceUse[];
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
    uses: ['sns'],
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
  // ---- organizations and sharing agreements ----
  {
    id: 'createOrganization',
    method: 'POST',
    path: '/organizations',
    handler: 'organizations/create-organization',
    roles: COORDINATORS,
    table: 'RW',
    uses: ['sns'],
    summary: 'Register an organization (regulator, CERT, ISAC, customer, internal unit …)',
    tag: 'organizations',
    body: org.CreateOrganizationBody,
    response: { status: 201, schema: org.Organization },
  },
  {
    id: 'listOrganizations',
    method: 'GET',
    path: '/organizations',
    handler: 'organizations/list-organizations',
    roles: READERS,
    table: 'RO',
    summary: 'List organizations of every kind, third parties included (paginated; filter by kind)',
    tag: 'organizations',
    query: org.ListOrganizationsQuery,
    response: { status: 200, schema: common.pageOf(org.Organization) },
  },
  {
    id: 'getOrganization',
    method: 'GET',
    path: '/organizations/{organizationId}',
    handler: 'organizations/get-organization',
    roles: READERS,
    table: 'RO',
    summary: 'Read an organization of any kind',
    tag: 'organizations',
    response: { status: 200, schema: org.Organization },
  },
  {
    id: 'updateOrganization',
    method: 'PATCH',
    path: '/organizations/{organizationId}',
    handler: 'organizations/update-organization',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Change an organization (third parties are changed with PATCH /third-parties/{id})',
    tag: 'organizations',
    body: org.UpdateOrganizationBody,
    response: { status: 200, schema: org.Organization },
  },
  {
    id: 'createAgreement',
    method: 'POST',
    path: '/organizations/{organizationId}/agreements',
    handler: 'organizations/create-agreement',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Record an information-sharing agreement (NDA, MoU …) with its TLP ceiling',
    tag: 'organizations',
    body: org.CreateAgreementBody,
    response: { status: 201, schema: org.Agreement },
  },
  {
    id: 'listAgreements',
    method: 'GET',
    path: '/organizations/{organizationId}/agreements',
    handler: 'organizations/list-agreements',
    roles: READERS,
    table: 'RO',
    summary: 'List an organization’s sharing agreements and its effective TLP ceiling',
    tag: 'organizations',
    response: { status: 200, schema: org.AgreementList },
  },
  {
    id: 'updateAgreement',
    method: 'PATCH',
    path: '/organizations/{organizationId}/agreements/{agreementId}',
    handler: 'organizations/update-agreement',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Change or revoke a sharing agreement',
    tag: 'organizations',
    body: org.UpdateAgreementBody,
    response: { status: 200, schema: org.Agreement },
  },
  // ---- contacts ----
  {
    id: 'createContact',
    method: 'POST',
    path: '/contacts',
    handler: 'contacts/create-contact',
    roles: COORDINATORS,
    table: 'RW',
    uses: ['sns'],
    summary: 'Add a contact of an organization, with channels and alternates',
    tag: 'contacts',
    body: con.CreateContactBody,
    response: { status: 201, schema: con.Contact },
  },
  {
    id: 'listContacts',
    method: 'GET',
    path: '/contacts',
    handler: 'contacts/list-contacts',
    roles: READERS,
    table: 'RO',
    summary: 'List live contacts (paginated; filter by organization, stakeholder group, dimension)',
    tag: 'contacts',
    query: con.ListContactsQuery,
    response: { status: 200, schema: common.pageOf(con.Contact) },
  },
  {
    id: 'getContact',
    method: 'GET',
    path: '/contacts/{contactId}',
    handler: 'contacts/get-contact',
    roles: READERS,
    table: 'RO',
    uses: ['sns'],
    summary: 'Read a contact (a deleted contact is answered with its deletedAt)',
    tag: 'contacts',
    response: { status: 200, schema: con.Contact },
  },
  {
    id: 'updateContact',
    method: 'PATCH',
    path: '/contacts/{contactId}',
    handler: 'contacts/update-contact',
    roles: COORDINATORS,
    table: 'RW',
    uses: ['sns'],
    summary: 'Change a contact (channels, alternates, stakeholder group …)',
    tag: 'contacts',
    body: con.UpdateContactBody,
    response: { status: 200, schema: con.Contact },
  },
  {
    id: 'deleteContact',
    method: 'DELETE',
    path: '/contacts/{contactId}',
    handler: 'contacts/delete-contact',
    roles: COORDINATORS,
    table: 'RW',
    uses: ['sns'],
    summary: 'Delete a contact, keeping its history (409 while it is another contact’s alternate)',
    tag: 'contacts',
    body: con.DeleteContactBody,
    response: { status: 200, schema: con.Contact },
  },
  // ---- templates ----
  {
    id: 'createTemplate',
    method: 'POST',
    path: '/templates',
    handler: 'templates/create-template',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Create a message template (version 1, unapproved)',
    tag: 'templates',
    body: tpl.CreateTemplateBody,
    response: { status: 201, schema: tpl.Template },
  },
  {
    id: 'listTemplates',
    method: 'GET',
    path: '/templates',
    handler: 'templates/list-templates',
    roles: READERS,
    table: 'RO',
    summary: 'List templates (paginated; filter by audience)',
    tag: 'templates',
    query: tpl.ListTemplatesQuery,
    response: { status: 200, schema: common.pageOf(tpl.Template) },
  },
  {
    id: 'getTemplate',
    method: 'GET',
    path: '/templates/{templateId}',
    handler: 'templates/get-template',
    roles: READERS,
    table: 'RO',
    summary: 'Read a template’s latest version and which version is approved',
    tag: 'templates',
    response: { status: 200, schema: tpl.Template },
  },
  {
    id: 'updateTemplate',
    method: 'PATCH',
    path: '/templates/{templateId}',
    handler: 'templates/update-template',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Edit a template: creates a new, unapproved version',
    tag: 'templates',
    body: tpl.UpdateTemplateBody,
    response: { status: 200, schema: tpl.Template },
  },
  {
    id: 'listTemplateVersions',
    method: 'GET',
    path: '/templates/{templateId}/versions',
    handler: 'templates/list-template-versions',
    roles: READERS,
    table: 'RO',
    summary: 'List a template’s versions, newest first, with their approvals (paginated)',
    tag: 'templates',
    query: tpl.TemplateVersionsQuery,
    response: { status: 200, schema: common.pageOf(tpl.TemplateVersion) },
  },
  {
    id: 'approveTemplate',
    method: 'POST',
    path: '/templates/{templateId}/approve',
    handler: 'templates/approve-template',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Approve a template’s latest version (recorded; only approved versions are used)',
    tag: 'templates',
    body: tpl.ApproveTemplateBody,
    response: { status: 200, schema: tpl.Template },
  },
  {
    id: 'previewTemplate',
    method: 'GET',
    path: '/templates/{templateId}/preview',
    handler: 'templates/preview-template',
    roles: READERS,
    table: 'RO',
    summary: 'Render a template version with an incident’s data (400 lists missing placeholders)',
    tag: 'templates',
    query: tpl.PreviewTemplateQuery,
    response: { status: 200, schema: tpl.TemplatePreview },
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
    uses: ['sns'],
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
  // ---- regulatory notification obligations ----
  {
    id: 'listRegimes',
    method: 'GET',
    path: '/regimes',
    handler: 'obligations/list-regimes',
    roles: READERS,
    table: 'NONE',
    summary: 'The catalogue of regulatory notification regimes: clocks, recipients, required content',
    tag: 'obligations',
    response: { status: 200, schema: obl.RegimeList },
  },
  {
    id: 'attachObligation',
    method: 'POST',
    path: '/incidents/{incidentId}/obligations',
    handler: 'obligations/attach-obligation',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Attach a regulatory regime to an incident; its deadline clocks start from the trigger times',
    tag: 'obligations',
    body: obl.AttachObligationBody,
    response: { status: 201, schema: obl.Obligation },
  },
  {
    id: 'listObligations',
    method: 'GET',
    path: '/incidents/{incidentId}/obligations',
    handler: 'obligations/list-obligations',
    roles: READERS,
    table: 'RO',
    summary: 'List an incident’s obligations with due times, time left, status and content checklists',
    tag: 'obligations',
    response: { status: 200, schema: obl.ObligationList },
  },
  {
    id: 'updateObligation',
    method: 'PATCH',
    path: '/incidents/{incidentId}/obligations/{obligationId}',
    handler: 'obligations/update-obligation',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Set trigger times (e.g. a later determination) or facts; the clocks are re-computed',
    tag: 'obligations',
    body: obl.UpdateObligationBody,
    response: { status: 200, schema: obl.Obligation },
  },
  {
    id: 'createSubmission',
    method: 'POST',
    path: '/incidents/{incidentId}/obligations/{obligationId}/submissions',
    handler: 'obligations/create-submission',
    roles: COORDINATORS,
    table: 'RW',
    summary: 'Record a submission to a regulator (SUB-n): when, to whom, reference, checklist items covered',
    tag: 'obligations',
    body: obl.CreateSubmissionBody,
    response: { status: 201, schema: obl.Submission },
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
