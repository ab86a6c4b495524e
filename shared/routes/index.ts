/**
 * THE route table: every HTTP operation of Liaison, in one ordered list. It drives
 *  - the CDK stack (one Lambda function + one HTTP API route per entry, table grant from `table`),
 *  - the local runner (method + path matching, same handler modules),
 *  - the OpenAPI document (`npm run openapi` → docs/openapi.json) and the tests.
 *
 * The entries themselves live in `./<area>.ts` (area = the handler's directory under `functions/`),
 * one exported const per operation: a handler imports ONLY its own entry
 * (`httpHandler(routes.createIncident, …)` with `import * as routes from '…/shared/routes/incidents.js'`),
 * so its bundle holds that entry and the schema modules of its area, never this list (docs/architecture.md, "Bundles").
 */

import * as contacts from './contacts.js';
import * as coordination from './coordination.js';
import * as directory from './directory.js';
import * as escalation from './escalation.js';
import * as incidents from './incidents.js';
import * as meta from './meta.js';
import * as obligations from './obligations.js';
import * as organizations from './organizations.js';
import * as templates from './templates.js';
import * as thirdParties from './third-parties.js';
import type { Route } from './types.js';
import * as verification from './verification.js';

export * from './types.js';

export const routes = [
  // ---- meta ----
  meta.getOpenApi,
  // ---- third parties ----
  thirdParties.createThirdParty,
  thirdParties.listThirdParties,
  thirdParties.getThirdParty,
  thirdParties.updateThirdParty,
  // ---- organizations and sharing agreements ----
  organizations.createOrganization,
  organizations.listOrganizations,
  organizations.getOrganization,
  organizations.updateOrganization,
  organizations.createAgreement,
  organizations.listAgreements,
  organizations.updateAgreement,
  // ---- contacts ----
  contacts.createContact,
  contacts.listContacts,
  contacts.getContact,
  contacts.updateContact,
  contacts.deleteContact,
  // ---- coordination channels ----
  coordination.createChannel,
  coordination.listChannels,
  coordination.getChannel,
  coordination.updateChannel,
  // ---- shared playbooks ----
  coordination.createPlaybook,
  coordination.listPlaybooks,
  coordination.getPlaybook,
  coordination.updatePlaybook,
  // ---- playbook activations and coordinated actions ----
  coordination.activatePlaybook,
  coordination.createCoordinatedAction,
  coordination.updateCoordinatedAction,
  coordination.createActivationEscalation,
  coordination.completeActivation,
  coordination.getActivationReport,
  // ---- templates ----
  templates.createTemplate,
  templates.listTemplates,
  templates.getTemplate,
  templates.updateTemplate,
  templates.listTemplateVersions,
  templates.approveTemplate,
  templates.previewTemplate,
  // ---- incidents ----
  incidents.createIncident,
  incidents.listIncidents,
  incidents.getIncident,
  incidents.getIncidentTimeline,
  incidents.getIncidentReport,
  incidents.assessImpact,
  incidents.createAction,
  incidents.updateAction,
  incidents.createCommunication,
  incidents.createEscalation,
  incidents.createLesson,
  incidents.closeIncident,
  incidents.reopenIncident,
  // ---- incident command (issue 5: roles, handovers, decision authority, TLP) ----
  incidents.assignIncidentRole,
  incidents.changeIncidentTlp,
  // ---- regulatory notification obligations ----
  obligations.listRegimes,
  obligations.attachObligation,
  obligations.listObligations,
  obligations.updateObligation,
  obligations.createSubmission,
  // ---- contact-directory verification (docs/verification.md) ----
  verification.verifyContact,
  verification.getVerifyPage,
  // ---- escalation acknowledgement links (docs/escalation.md) ----
  escalation.acknowledgeByLink,
  escalation.getAcknowledgePage,
  directory.getDirectoryHealth,
  // ---- escalation: policies, chains, acknowledgement, triggers (docs/escalation.md) ----
  escalation.createEscalationPolicy,
  escalation.listEscalationPolicies,
  escalation.getEscalationPolicy,
  escalation.updateEscalationPolicy,
  incidents.startEscalationChain,
  incidents.acknowledgeIncident,
  escalation.createEscalationTrigger,
  escalation.listEscalationTriggers,
  escalation.getEscalationTrigger,
  escalation.updateEscalationTrigger,
  // ---- reminders and regulator drafts (docs/reminders.md, docs/regulatory.md) ----
  obligations.getObligationDraft,
] as const satisfies readonly Route[];

export type RouteId = (typeof routes)[number]['id'];
export type RouteOf<Id extends RouteId> = Extract<(typeof routes)[number], { id: Id }>;

const byId = new Map<string, Route>(routes.map((r) => [r.id, r]));

/** The entry of `id` (tests, tools; a handler imports its entry directly instead). */
export function routeById<Id extends RouteId>(id: Id): RouteOf<Id> {
  const route = byId.get(id);
  if (!route) throw new Error(`No route with id ${id}`);
  return route as RouteOf<Id>;
}
