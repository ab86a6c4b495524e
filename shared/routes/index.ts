/**
 * THE route table: every HTTP operation of Liaison, in one ordered list. It drives
 *  - the CDK stack (one Lambda function + one HTTP API route per entry, table grant from `table`),
 *  - the local runner (method + path matching, same handler modules),
 *  - the OpenAPI document (`npm run openapi` → docs/openapi.json) and the tests.
 *
 * Each entry lives in its own module, `./<area>/<name>.ts`, beside its handler's path
 * (`functions/<area>/<name>.ts`), exporting `route`. A handler imports ONLY that module
 * (`import { route } from '../../shared/routes/incidents/create-action.js'` → `httpHandler(route, …)`),
 * so its bundle holds its own entry and the schema modules that entry names, never this list
 * (docs/architecture.md, "Bundles"). Adding a route: a new `./<area>/<name>.ts`, one import line
 * below (sorted) and one line at its place in `routes`.
 */
import { route as createAgreementUpdate } from './agreements/create-agreement-update.js';
import { route as getIncidentSla } from './agreements/get-incident-sla.js';
import { route as listIncidentAgreementUpdates } from './agreements/list-incident-agreement-updates.js';
import { route as listOrganizationAgreementUpdates } from './agreements/list-organization-agreement-updates.js';
import { route as recordSlaBreaches } from './agreements/record-sla-breaches.js';
import { route as updateAgreementUpdate } from './agreements/update-agreement-update.js';
import { route as createContact } from './contacts/create-contact.js';
import { route as deleteContact } from './contacts/delete-contact.js';
import { route as getContact } from './contacts/get-contact.js';
import { route as listContacts } from './contacts/list-contacts.js';
import { route as updateContact } from './contacts/update-contact.js';
import { route as activatePlaybook } from './coordination/activate-playbook.js';
import { route as completeActivation } from './coordination/complete-activation.js';
import { route as createActivationEscalation } from './coordination/create-activation-escalation.js';
import { route as createChannel } from './coordination/create-channel.js';
import { route as createCoordinatedAction } from './coordination/create-coordinated-action.js';
import { route as createPlaybook } from './coordination/create-playbook.js';
import { route as getActivationReport } from './coordination/get-activation-report.js';
import { route as getChannel } from './coordination/get-channel.js';
import { route as getPlaybook } from './coordination/get-playbook.js';
import { route as listChannels } from './coordination/list-channels.js';
import { route as listPlaybooks } from './coordination/list-playbooks.js';
import { route as updateChannel } from './coordination/update-channel.js';
import { route as updateCoordinatedAction } from './coordination/update-coordinated-action.js';
import { route as updatePlaybook } from './coordination/update-playbook.js';
import { route as getDashboard } from './dashboard/get-dashboard.js';
import { route as getDirectoryHealth } from './directory/get-directory-health.js';
import { route as acknowledgeByLink } from './escalation/acknowledge-by-link.js';
import { route as createEscalationPolicy } from './escalation/create-escalation-policy.js';
import { route as createEscalationTrigger } from './escalation/create-escalation-trigger.js';
import { route as getAcknowledgePage } from './escalation/get-acknowledge-page.js';
import { route as getEscalationPolicy } from './escalation/get-escalation-policy.js';
import { route as getEscalationTrigger } from './escalation/get-escalation-trigger.js';
import { route as listEscalationPolicies } from './escalation/list-escalation-policies.js';
import { route as listEscalationTriggers } from './escalation/list-escalation-triggers.js';
import { route as updateEscalationPolicy } from './escalation/update-escalation-policy.js';
import { route as updateEscalationTrigger } from './escalation/update-escalation-trigger.js';
import { route as confirmEvidenceUpload } from './evidence/confirm-evidence-upload.js';
import { route as deleteEvidence } from './evidence/delete-evidence.js';
import { route as downloadEvidence } from './evidence/download-evidence.js';
import { route as getEvidence } from './evidence/get-evidence.js';
import { route as listEvidence } from './evidence/list-evidence.js';
import { route as listHolds } from './evidence/list-holds.js';
import { route as placeHold } from './evidence/place-hold.js';
import { route as registerEvidence } from './evidence/register-evidence.js';
import { route as releaseHold } from './evidence/release-hold.js';
import { route as transferCustody } from './evidence/transfer-custody.js';
import { route as compareExercises } from './exercises/compare-exercises.js';
import { route as createExercise } from './exercises/create-exercise.js';
import { route as createExerciseFinding } from './exercises/create-exercise-finding.js';
import { route as endExercise } from './exercises/end-exercise.js';
import { route as getExercise } from './exercises/get-exercise.js';
import { route as getExerciseReport } from './exercises/get-exercise-report.js';
import { route as raiseExerciseFinding } from './exercises/raise-exercise-finding.js';
import { route as acceptQuarantinedEmail } from './inbound/accept-quarantined-email.js';
import { route as listQuarantinedEmails } from './inbound/list-quarantined-emails.js';
import { route as rejectQuarantinedEmail } from './inbound/reject-quarantined-email.js';
import { route as acknowledgeIncident } from './incidents/acknowledge-incident.js';
import { route as assessImpact } from './incidents/assess-impact.js';
import { route as assignIncidentRole } from './incidents/assign-role.js';
import { route as changeIncidentTlp } from './incidents/change-tlp.js';
import { route as closeIncident } from './incidents/close-incident.js';
import { route as createAction } from './incidents/create-action.js';
import { route as createCommunication } from './incidents/create-communication.js';
import { route as createEscalation } from './incidents/create-escalation.js';
import { route as createIncident } from './incidents/create-incident.js';
import { route as createLesson } from './incidents/create-lesson.js';
import { route as getIncident } from './incidents/get-incident.js';
import { route as getIncidentReport } from './incidents/get-incident-report.js';
import { route as getIncidentTimeline } from './incidents/get-incident-timeline.js';
import { route as listIncidentActions } from './incidents/list-incident-actions.js';
import { route as listIncidentCommunications } from './incidents/list-incident-communications.js';
import { route as listIncidentEscalations } from './incidents/list-incident-escalations.js';
import { route as listIncidentLessons } from './incidents/list-incident-lessons.js';
import { route as listIncidents } from './incidents/list-incidents.js';
import { route as previewCommunication } from './incidents/preview-communication.js';
import { route as reopenIncident } from './incidents/reopen-incident.js';
import { route as startEscalationChain } from './incidents/start-escalation-chain.js';
import { route as updateAction } from './incidents/update-action.js';
import { route as updateIncident } from './incidents/update-incident.js';
import { route as getOpenApi } from './meta/get-openapi.js';
import { route as attachObligation } from './obligations/attach-obligation.js';
import { route as createSubmission } from './obligations/create-submission.js';
import { route as getObligationDraft } from './obligations/draft-notice.js';
import { route as listObligations } from './obligations/list-obligations.js';
import { route as listRegimes } from './obligations/list-regimes.js';
import { route as updateObligation } from './obligations/update-obligation.js';
import { route as createAgreement } from './organizations/create-agreement.js';
import { route as createOrganization } from './organizations/create-organization.js';
import { route as getOrganization } from './organizations/get-organization.js';
import { route as listAgreements } from './organizations/list-agreements.js';
import { route as listOrganizations } from './organizations/list-organizations.js';
import { route as updateAgreement } from './organizations/update-agreement.js';
import { route as updateOrganization } from './organizations/update-organization.js';
import { route as consolidateReview } from './reviews/consolidate-review.js';
import { route as createReviewContribution } from './reviews/create-review-contribution.js';
import { route as getReview } from './reviews/get-review.js';
import { route as openReview } from './reviews/open-review.js';
import { route as createCollection } from './sharing/create-collection.js';
import { route as createIndicator } from './sharing/create-indicator.js';
import { route as createSighting } from './sharing/create-sighting.js';
import { route as deleteCollection } from './sharing/delete-collection.js';
import { route as exportIncidentStix } from './sharing/export-incident-stix.js';
import { route as getIncidentLedger } from './sharing/get-incident-ledger.js';
import { route as getOrganizationLedger } from './sharing/get-organization-ledger.js';
import { route as listCollections } from './sharing/list-collections.js';
import { route as listIndicators } from './sharing/list-indicators.js';
import { route as updateCollection } from './sharing/update-collection.js';
import { route as getTaxiiApiRoot } from './taxii/get-api-root.js';
import { route as getTaxiiCollection } from './taxii/get-collection.js';
import { route as getTaxiiDiscovery } from './taxii/get-discovery.js';
import { route as getTaxiiManifest } from './taxii/get-manifest.js';
import { route as getTaxiiObject } from './taxii/get-object.js';
import { route as getTaxiiObjectVersions } from './taxii/get-object-versions.js';
import { route as getTaxiiObjects } from './taxii/get-objects.js';
import { route as listTaxiiCollections } from './taxii/list-collections.js';
import { route as approveTemplate } from './templates/approve-template.js';
import { route as createTemplate } from './templates/create-template.js';
import { route as getTemplate } from './templates/get-template.js';
import { route as listTemplateVersions } from './templates/list-template-versions.js';
import { route as listTemplates } from './templates/list-templates.js';
import { route as previewTemplate } from './templates/preview-template.js';
import { route as updateTemplate } from './templates/update-template.js';
import { route as createThirdParty } from './third-parties/create-third-party.js';
import { route as getThirdParty } from './third-parties/get-third-party.js';
import { route as listThirdParties } from './third-parties/list-third-parties.js';
import { route as updateThirdParty } from './third-parties/update-third-party.js';
import type { Route } from './types.js';
import { route as getVerifyPage } from './verification/get-verify-page.js';
import { route as verifyContact } from './verification/verify-contact.js';

export * from './types.js';

export const routes = [
  // ---- meta ----
  getOpenApi,
  // ---- third parties ----
  createThirdParty,
  listThirdParties,
  getThirdParty,
  updateThirdParty,
  // ---- organizations and sharing agreements ----
  createOrganization,
  listOrganizations,
  getOrganization,
  updateOrganization,
  createAgreement,
  listAgreements,
  updateAgreement,
  // ---- contacts ----
  createContact,
  listContacts,
  getContact,
  updateContact,
  deleteContact,
  // ---- coordination channels ----
  createChannel,
  listChannels,
  getChannel,
  updateChannel,
  // ---- shared playbooks ----
  createPlaybook,
  listPlaybooks,
  getPlaybook,
  updatePlaybook,
  // ---- playbook activations and coordinated actions ----
  activatePlaybook,
  createCoordinatedAction,
  updateCoordinatedAction,
  createActivationEscalation,
  completeActivation,
  getActivationReport,
  // ---- templates ----
  createTemplate,
  listTemplates,
  getTemplate,
  updateTemplate,
  listTemplateVersions,
  approveTemplate,
  previewTemplate,
  // ---- incidents ----
  createIncident,
  listIncidents,
  getIncident,
  getIncidentTimeline,
  listIncidentActions,
  listIncidentCommunications,
  listIncidentEscalations,
  listIncidentLessons,
  getIncidentReport,
  createAgreementUpdate,
  updateAgreementUpdate,
  listOrganizationAgreementUpdates,
  listIncidentAgreementUpdates,
  getIncidentSla,
  recordSlaBreaches,
  openReview,
  getReview,
  createReviewContribution,
  consolidateReview,
  assessImpact,
  createAction,
  updateAction,
  createCommunication,
  createEscalation,
  createLesson,
  closeIncident,
  reopenIncident,
  updateIncident,
  previewCommunication,
  getDashboard,
  // ---- incident command (issue 5: roles, handovers, decision authority, TLP) ----
  assignIncidentRole,
  changeIncidentTlp,
  // ---- regulatory notification obligations ----
  listRegimes,
  attachObligation,
  listObligations,
  updateObligation,
  createSubmission,
  // ---- contact-directory verification (docs/verification.md) ----
  verifyContact,
  getVerifyPage,
  // ---- escalation acknowledgement links (docs/escalation.md) ----
  acknowledgeByLink,
  getAcknowledgePage,
  getDirectoryHealth,
  // ---- escalation: policies, chains, acknowledgement, triggers (docs/escalation.md) ----
  createEscalationPolicy,
  listEscalationPolicies,
  getEscalationPolicy,
  updateEscalationPolicy,
  startEscalationChain,
  acknowledgeIncident,
  createEscalationTrigger,
  listEscalationTriggers,
  getEscalationTrigger,
  updateEscalationTrigger,
  // ---- reminders and regulator drafts (docs/reminders.md, docs/regulatory.md) ----
  getObligationDraft,
  // ---- evidence register, legal and disclosure holds (docs/evidence.md) ----
  registerEvidence,
  listEvidence,
  getEvidence,
  confirmEvidenceUpload,
  downloadEvidence,
  transferCustody,
  deleteEvidence,
  placeHold,
  listHolds,
  releaseHold,
  // ---- exercises: tabletop and live drills (docs/exercises.md) ----
  createExercise,
  getExercise,
  getExerciseReport,
  createExerciseFinding,
  raiseExerciseFinding,
  endExercise,
  compareExercises,
  // ---- inbound e-mail quarantine (docs/inbound-email.md) ----
  listQuarantinedEmails,
  acceptQuarantinedEmail,
  rejectQuarantinedEmail,
  // ---- information sharing: indicators, STIX export, collections, ledger (docs/sharing.md) ----
  createIndicator,
  listIndicators,
  createSighting,
  exportIncidentStix,
  createCollection,
  listCollections,
  updateCollection,
  deleteCollection,
  getIncidentLedger,
  getOrganizationLedger,
  // ---- TAXII 2.1 server (docs/sharing.md) ----
  getTaxiiDiscovery,
  getTaxiiApiRoot,
  listTaxiiCollections,
  getTaxiiCollection,
  getTaxiiObjects,
  getTaxiiObject,
  getTaxiiObjectVersions,
  getTaxiiManifest,
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
