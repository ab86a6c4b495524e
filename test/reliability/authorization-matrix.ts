/**
 * THE authorization matrix: for every route × role × organization, the answer a request with a
 * valid body gets. Written down by hand (not derived from `shared/routes.ts`), so that a change of
 * a route's roles must be made twice, on purpose. `authorization.test.ts` fails when a route of the
 * route table is missing here, and checks every cell over HTTP.
 *
 * Columns: the four internal roles, `partner` (a third party's user: the partner-facing routes of
 * docs/partner-guide.md, 403 everywhere else but public routes), plus `none` (no token: API
 * Gateway's JWT authorizer answers 401 before any function runs; public routes answer).
 * Organizations: `own` = the token's `custom:organization` is the operator's (`acme`) — for
 * `partner`, an organization that participates in the fixture's incident; `foreign` = another
 * organization's token (for `partner`, one that does not participate: 404, no existence leak).
 */
export const MATRIX_ROLES = ['admin', 'coordinator', 'responder', 'viewer', 'partner', 'none'] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];
export const ORGANIZATIONS = ['own', 'foreign'] as const;
export type Organization = (typeof ORGANIZATIONS)[number];

/** Expected answer: any 2xx, or an exact status. */
export type Expected = '2xx' | 401 | 403 | 404;

type Row = Readonly<Record<MatrixRole, Expected>>;

//                                admin   coordinator responder viewer  partner none
const r = (
  admin: Expected,
  coordinator: Expected,
  responder: Expected,
  viewer: Expected,
  partner: Expected,
  none: Expected,
): Row => ({
  admin,
  coordinator,
  responder,
  viewer,
  partner,
  none,
});

export const authorizationMatrix: Readonly<Record<string, Readonly<Record<Organization, Row>>>> = {
  getOpenApi: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
  },
  createThirdParty: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listThirdParties: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getThirdParty: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateThirdParty: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createOrganization: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listOrganizations: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getOrganization: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateOrganization: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createAgreement: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listAgreements: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateAgreement: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createContact: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listContacts: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getContact: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateContact: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  deleteContact: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createChannel: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listChannels: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getChannel: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateChannel: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createPlaybook: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listPlaybooks: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getPlaybook: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updatePlaybook: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  activatePlaybook: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createCoordinatedAction: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  updateCoordinatedAction: {
    own: r('2xx', '2xx', '2xx', 403, '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', 403, 404, 401),
  },
  createActivationEscalation: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  completeActivation: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  getActivationReport: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  createTemplate: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listTemplates: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getTemplate: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateTemplate: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listTemplateVersions: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  approveTemplate: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  previewTemplate: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  createIncident: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listIncidents: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
  },
  getIncident: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  getIncidentTimeline: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  listIncidentActions: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  listIncidentCommunications: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  listIncidentEscalations: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  listIncidentLessons: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getIncidentReport: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  assessImpact: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createAction: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  updateAction: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  createCommunication: {
    own: r('2xx', '2xx', '2xx', 403, '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', 403, 404, 401),
  },
  createAgreementUpdate: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  updateAgreementUpdate: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listOrganizationAgreementUpdates: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  listIncidentAgreementUpdates: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getIncidentSla: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  recordSlaBreaches: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  openReview: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  getReview: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  createReviewContribution: {
    own: r('2xx', '2xx', 403, 403, '2xx', 401),
    foreign: r('2xx', '2xx', 403, 403, 404, 401),
  },
  consolidateReview: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  getDashboard: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  previewCommunication: {
    own: r('2xx', '2xx', '2xx', 403, '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', 403, 404, 401),
  },
  createEscalation: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createLesson: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  closeIncident: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  reopenIncident: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  updateIncident: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  // incident command (issue 5): coordinators; the commander rules are proven in partner-access.test.ts
  assignIncidentRole: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  changeIncidentTlp: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listRegimes: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  attachObligation: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listObligations: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateObligation: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createSubmission: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  // ---- escalation (docs/escalation.md) ----
  createEscalationPolicy: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listEscalationPolicies: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getEscalationPolicy: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  updateEscalationPolicy: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  startEscalationChain: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  acknowledgeIncident: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  createEscalationTrigger: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listEscalationTriggers: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  getEscalationTrigger: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  updateEscalationTrigger: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  // ---- contact-directory verification (docs/verification.md) ----
  // Public: the single-use token is the credential, whoever holds it (each cell gets a fresh one).
  verifyContact: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
  },
  getVerifyPage: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
  },
  // ---- escalation acknowledgement links (docs/escalation.md): public, the token is the credential ----
  acknowledgeByLink: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
  },
  getAcknowledgePage: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', '2xx'),
  },
  getDirectoryHealth: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  // ---- reminders and regulator drafts (docs/reminders.md) ----
  getObligationDraft: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  }, // Exercises (docs/exercises.md): internal only; partners take part through the activation routes.
  createExercise: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  getExercise: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getExerciseReport: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  createExerciseFinding: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  raiseExerciseFinding: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  endExercise: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  compareExercises: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  // ---- evidence register and holds (docs/evidence.md): internal roles only ----
  registerEvidence: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  listEvidence: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  getEvidence: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  confirmEvidenceUpload: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  downloadEvidence: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  transferCustody: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  deleteEvidence: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  placeHold: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  listHolds: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  releaseHold: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  // ---- inbound e-mail quarantine (docs/inbound-email.md): coordinators only ----
  listQuarantinedEmails: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  acceptQuarantinedEmail: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  rejectQuarantinedEmail: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  createIndicator: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  listIndicators: {
    own: r('2xx', '2xx', '2xx', '2xx', 403, 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 403, 401),
  },
  createSighting: {
    own: r('2xx', '2xx', '2xx', 403, 403, 401),
    foreign: r('2xx', '2xx', '2xx', 403, 403, 401),
  },
  // the bundle of an incident: partners of the incident get their own (TLP-filtered); others 404
  exportIncidentStix: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  // TAXII collections are defined by an admin
  createCollection: {
    own: r('2xx', 403, 403, 403, 403, 401),
    foreign: r('2xx', 403, 403, 403, 403, 401),
  },
  listCollections: {
    own: r('2xx', 403, 403, 403, 403, 401),
    foreign: r('2xx', 403, 403, 403, 403, 401),
  },
  updateCollection: {
    own: r('2xx', 403, 403, 403, 403, 401),
    foreign: r('2xx', 403, 403, 403, 403, 401),
  },
  deleteCollection: {
    own: r('2xx', 403, 403, 403, 403, 401),
    foreign: r('2xx', 403, 403, 403, 403, 401),
  },
  getIncidentLedger: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  getOrganizationLedger: {
    own: r('2xx', '2xx', 403, 403, 403, 401),
    foreign: r('2xx', '2xx', 403, 403, 403, 401),
  },
  // TAXII 2.1: discovery, API root and the collection list for every reader (a partner lists its own)
  getTaxiiDiscovery: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
  },
  getTaxiiApiRoot: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
  },
  listTaxiiCollections: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
  },
  // a collection and its objects: a partner whose organization is not a member gets 404
  getTaxiiCollection: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  getTaxiiObjects: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  getTaxiiObject: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  getTaxiiObjectVersions: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
  getTaxiiManifest: {
    own: r('2xx', '2xx', '2xx', '2xx', '2xx', 401),
    foreign: r('2xx', '2xx', '2xx', '2xx', 404, 401),
  },
};

/** The organization claim used for each column. */
export const ORGANIZATION_CLAIM: Readonly<Record<Organization, string>> = {
  own: 'acme',
  foreign: 'globex',
};

/**
 * The partner column's organizations: `own` takes part in every fixture's incident and activation
 * (fixtures.ts lists it as an affected third party, a playbook participant and COORD-1's owner);
 * `foreign` takes part in none (404 wherever a partner may otherwise go).
 */
export const PARTNER_ORGANIZATION_CLAIM: Readonly<Record<Organization, string>> = {
  own: 'TP-AUTHZ-PARTNER',
  foreign: 'globex',
};

/** The organization claim of a column's token. */
export const organizationClaim = (role: MatrixRole, org: Organization): string =>
  role === 'partner' ? PARTNER_ORGANIZATION_CLAIM[org] : ORGANIZATION_CLAIM[org];
