/**
 * A valid request for every route in `shared/routes.ts`, keyed by route id. Each factory arranges
 * what the request needs (fresh resources, through the API as an admin) and returns path
 * parameters, query and body. The reliability suites (authorization matrix, fuzzing, idempotency)
 * fail when a route has no fixture, so a new route cannot slip through untested.
 *
 * `otherBody` (write routes): another valid body for the same resource, used to prove that an
 * `Idempotency-Key` reused with a different body is refused (422).
 */

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createRepositories } from '../../shared/db/repos/index.js';
import { issueAcknowledgementToken } from '../../shared/domain/escalation/ack-links.js';
import { issueVerificationToken } from '../../shared/domain/verification/service.js';
import { type Route, routes } from '../../shared/routes.js';
import type { LocalStack, Response } from '../helpers/local-stack.js';

export interface Fixture {
  readonly params: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  readonly otherBody?: unknown;
}

export interface Arrange {
  readonly stack: LocalStack;
  /** An admin token used to arrange state. */
  readonly admin: string;
  /** A value unique within the run (ids, titles). */
  unique(prefix: string): string;
}

type Factory = (a: Arrange) => Promise<Fixture>;

async function must(res: Promise<Response>, what: string): Promise<Response> {
  const r = await res;
  if (r.status < 200 || r.status > 299) {
    throw new Error(`arranging ${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return r;
}

/**
 * The organization of the authorization matrix's `own` partner column (`PARTNER_ORGANIZATION_CLAIM`
 * of authorization-matrix.ts): a third party registered once per stack, listed as an affected third
 * party of every arranged incident, a participant of every arranged playbook and the owner of its
 * COORD-1, so that its partner users may read those incidents and work on that action.
 */
export const PARTNER_ORGANIZATION = 'TP-AUTHZ-PARTNER';
const partnerRegistered = new WeakMap<LocalStack, Promise<string>>();

function arrangePartner(a: Arrange): Promise<string> {
  let ready = partnerRegistered.get(a.stack);
  if (!ready) {
    ready = a.stack
      .request('POST', '/third-parties', {
        token: a.admin,
        body: { id: PARTNER_ORGANIZATION, name: 'Authorization partner', type: 'saas' },
      })
      .then((r) => {
        if (r.status !== 201 && r.status !== 409) {
          throw new Error(`arranging the partner third party failed: ${r.status} ${JSON.stringify(r.body)}`);
        }
        return PARTNER_ORGANIZATION;
      });
    partnerRegistered.set(a.stack, ready);
  }
  return ready;
}

export const arrange = {
  thirdParty: async (a: Arrange): Promise<string> => {
    const id = a.unique('TP');
    await must(
      a.stack.request('POST', '/third-parties', { token: a.admin, body: { id, name: id, type: 'saas' } }),
      'a third party',
    );
    return id;
  },
  incident: async (a: Arrange): Promise<string> => {
    const id = a.unique('INC');
    const partner = await arrangePartner(a);
    await must(
      a.stack.request('POST', '/incidents', {
        token: a.admin,
        body: {
          id,
          title: id,
          description: 'arranged',
          severity: 'medium',
          category: 'outage',
          affectedThirdParties: [partner],
        },
      }),
      'an incident',
    );
    return id;
  },
  action: async (a: Arrange, incidentId: string): Promise<string> => {
    const r = await must(
      a.stack.request('POST', `/incidents/${incidentId}/actions`, {
        token: a.admin,
        body: { description: 'arranged', assignedTo: 'ops' },
      }),
      'an action',
    );
    return r.body.actionId as string;
  },
  organization: async (a: Arrange): Promise<string> => {
    const id = a.unique('ORG');
    await must(
      a.stack.request('POST', '/organizations', { token: a.admin, body: { id, name: id, kind: 'cert' } }),
      'an organization',
    );
    return id;
  },
  agreement: async (a: Arrange, organizationId: string): Promise<string> => {
    const r = await must(
      a.stack.request('POST', `/organizations/${organizationId}/agreements`, {
        token: a.admin,
        body: agreementBody('arranged'),
      }),
      'an agreement',
    );
    return r.body.id as string;
  },
  contact: async (a: Arrange): Promise<string> => {
    const organizationId = await arrange.organization(a);
    const r = await must(
      a.stack.request('POST', '/contacts', { token: a.admin, body: contactBody(organizationId, 'arranged') }),
      'a contact',
    );
    return r.body.id as string;
  },
  template: async (a: Arrange): Promise<string> => {
    const r = await must(
      a.stack.request('POST', '/templates', { token: a.admin, body: templateBody('arranged') }),
      'a template',
    );
    return r.body.id as string;
  },
  channel: async (a: Arrange): Promise<string> => {
    const organizationId = await arrange.organization(a);
    const r = await must(
      a.stack.request('POST', '/channels', { token: a.admin, body: channelBody(organizationId, 'arranged') }),
      'a channel',
    );
    return r.body.id as string;
  },
  /** A playbook with the matrix's partner organization participating and owning its one action. */
  playbook: async (a: Arrange): Promise<string> => {
    const [organizationId, partner] = await Promise.all([arrange.organization(a), arrangePartner(a)]);
    const body = playbookBody(organizationId, 'arranged');
    const r = await must(
      a.stack.request('POST', '/playbooks', {
        token: a.admin,
        body: {
          ...body,
          participatingOrganizations: [organizationId, partner],
          responseActions: [{ action: 'Contain', responsible: partner, timeframe: 'PT4H' }],
        },
      }),
      'a playbook',
    );
    return r.body.id as string;
  },
  /** An activation of a fresh playbook (one response action, COORD-1) for a fresh incident. */
  activation: async (a: Arrange): Promise<string> => {
    const [playbookId, incidentId] = await Promise.all([arrange.playbook(a), arrange.incident(a)]);
    const r = await must(
      a.stack.request('POST', `/playbooks/${playbookId}/activations`, {
        token: a.admin,
        body: { incidentId },
      }),
      'an activation',
    );
    return r.body.activationId as string;
  },
  /** A running exercise of a scenario (no playbook): one organization, one inject an hour out. */
  exercise: async (a: Arrange): Promise<string> => {
    const organizationId = await arrange.organization(a);
    const r = await must(
      a.stack.request('POST', '/exercises', { token: a.admin, body: exerciseBody(a, organizationId) }),
      'an exercise',
    );
    return r.body.id as string;
  },
  /** A playbook with one exercise of it. */
  playbookExercised: async (a: Arrange): Promise<string> => {
    const playbookId = await arrange.playbook(a);
    await must(
      a.stack.request('POST', '/exercises', {
        token: a.admin,
        body: { title: a.unique('Drill'), playbookId },
      }),
      'an exercise of a playbook',
    );
    return playbookId;
  },
  /** An incident with the GDPR obligation attached. */
  obligation: async (a: Arrange): Promise<{ incidentId: string; obligationId: string }> => {
    const incidentId = await arrange.incident(a);
    await must(
      a.stack.request('POST', `/incidents/${incidentId}/obligations`, {
        token: a.admin,
        body: { regime: 'gdpr' },
      }),
      'an obligation',
    );
    return { incidentId, obligationId: 'gdpr' };
  },
  /** A TLP:GREEN indicator on the incident (partners without an agreement read GREEN). */
  indicator: async (a: Arrange, incidentId: string): Promise<string> => {
    const r = await must(
      a.stack.request('POST', `/incidents/${incidentId}/indicators`, {
        token: a.admin,
        body: { type: 'ipv4-addr', value: '198.51.100.7', tlp: 'GREEN' },
      }),
      'an indicator',
    );
    return r.body.indicatorId as string;
  },
  /**
   * A TAXII collection whose one member is the matrix's partner, at GREEN, serving a fresh incident
   * with one indicator; with the STIX id of that indicator.
   */
  collection: async (a: Arrange): Promise<{ collectionId: string; objectId: string }> => {
    const [incidentId, partner] = await Promise.all([arrange.incident(a), arrangePartner(a)]);
    await arrange.indicator(a, incidentId);
    const c = await must(
      a.stack.request('POST', '/sharing/collections', {
        token: a.admin,
        body: {
          title: a.unique('Collection'),
          organizationIds: [partner],
          tlpCeiling: 'GREEN',
          incidentIds: [incidentId],
        },
      }),
      'a collection',
    );
    const bundle = await must(
      a.stack.request('GET', `/incidents/${incidentId}/stix`, { token: a.admin }),
      'a STIX export',
    );
    const indicator = (bundle.body.objects as { type: string; id: string }[]).find(
      (o) => o.type === 'indicator',
    );
    return { collectionId: c.body.id as string, objectId: indicator?.id as string };
  },
  closedIncident: async (a: Arrange): Promise<string> => {
    const id = await arrange.incident(a);
    await must(a.stack.request('POST', `/incidents/${id}/close`, { token: a.admin, body: {} }), 'a close');
    return id;
  },
};

function agreementBody(reference: string) {
  return { type: 'nda', reference, signedAt: '2024-01-01T00:00:00Z', tlpCeiling: 'AMBER' };
}

// Inbound: valid for every role that may record one, partners included (they record inbound only).
const communication = (subject: string) => ({
  type: 'email',
  direction: 'inbound',
  subject,
  content: 'We are investigating.',
  sentTo: ['security@supplier.example'],
});

function channelBody(organizationId: string, name: string) {
  return {
    name,
    type: 'bilateral',
    participants: [organizationId],
    purpose: 'Coordinate the response',
    communicationMethods: ['secure_email', 'phone'],
    primaryMethod: 'secure_email',
    backupMethod: 'phone',
    escalationRules: [{ level: 1, contact: 'duty@cert.example', timeframe: 'PT1H' }],
  };
}

function playbookBody(organizationId: string, name: string) {
  return {
    name,
    incidentType: 'data_breach',
    participatingOrganizations: [organizationId],
    rolesResponsibilities: { [organizationId]: ['forensics'] },
    communicationProtocols: { primary: 'secure_email' },
    escalationProcedures: 'Call the duty officer',
    responseActions: [{ action: 'Contain', responsible: organizationId, timeframe: 'PT4H' }],
  };
}

function contactBody(organizationId: string, name: string) {
  return {
    organizationId,
    name,
    stakeholderGroup: 'regulators',
    channels: [{ type: 'email', address: 'duty@authority.example', priority: 'primary' }],
  };
}

function templateBody(name: string) {
  return {
    name,
    audience: 'regulators',
    channelTypes: ['email'],
    subject: '[{{severity}}] {{title}}',
    body: 'Incident {{id}} ({{category}}) was discovered at {{discoveryDate}}.',
    maxTlp: 'AMBER',
  };
}

/**
 * Typed by string on purpose: a route added to the table without a fixture fails these suites at
 * run time (with its name) instead of breaking `tsc` for the whole repository.
 */
export const fixtures: Readonly<Record<string, Factory>> = {
  getOpenApi: async () => ({ params: {} }),
  createThirdParty: async (a) => {
    const id = a.unique('TP');
    return {
      params: {},
      body: { id, name: `Supplier ${id}`, type: 'saas' },
      otherBody: { id, name: `Supplier ${id}`, type: 'msp' },
    };
  },
  listThirdParties: async () => ({ params: {}, query: { limit: '5' } }),
  getThirdParty: async (a) => ({ params: { thirdPartyId: await arrange.thirdParty(a) } }),
  updateThirdParty: async (a) => ({
    params: { thirdPartyId: await arrange.thirdParty(a) },
    body: { criticality: 'high' },
    otherBody: { criticality: 'low' },
  }),
  createOrganization: async (a) => {
    const id = a.unique('ORG');
    return {
      params: {},
      body: { id, name: `CERT ${id}`, kind: 'cert' },
      otherBody: { id, name: `CERT ${id}`, kind: 'regulator' },
    };
  },
  listOrganizations: async () => ({ params: {}, query: { limit: '5' } }),
  getOrganization: async (a) => ({ params: { organizationId: await arrange.organization(a) } }),
  updateOrganization: async (a) => ({
    params: { organizationId: await arrange.organization(a) },
    body: { description: 'national CERT' },
    otherBody: { description: 'sector CERT' },
  }),
  createAgreement: async (a) => ({
    params: { organizationId: await arrange.organization(a) },
    body: agreementBody('NDA-1'),
    otherBody: agreementBody('NDA-2'),
  }),
  listAgreements: async (a) => ({ params: { organizationId: await arrange.organization(a) } }),
  updateAgreement: async (a) => {
    const organizationId = await arrange.organization(a);
    return {
      params: { organizationId, agreementId: await arrange.agreement(a, organizationId) },
      body: { tlpCeiling: 'GREEN' },
      otherBody: { tlpCeiling: 'RED' },
    };
  },
  createContact: async (a) => {
    const organizationId = await arrange.organization(a);
    return {
      params: {},
      body: contactBody(organizationId, 'Duty officer'),
      otherBody: contactBody(organizationId, 'Deputy duty officer'),
    };
  },
  listContacts: async () => ({ params: {}, query: { limit: '5' } }),
  getContact: async (a) => ({ params: { contactId: await arrange.contact(a) } }),
  updateContact: async (a) => ({
    params: { contactId: await arrange.contact(a) },
    body: { title: 'Duty officer' },
    otherBody: { title: 'Head of unit' },
  }),
  deleteContact: async (a) => ({
    params: { contactId: await arrange.contact(a) },
    body: {},
    otherBody: { reason: 'left the authority' },
  }),
  createChannel: async (a) => {
    const organizationId = await arrange.organization(a);
    return {
      params: {},
      body: channelBody(organizationId, 'Breach bridge'),
      otherBody: channelBody(organizationId, 'Breach bridge, other'),
    };
  },
  listChannels: async () => ({ params: {}, query: { limit: '5' } }),
  getChannel: async (a) => ({ params: { channelId: await arrange.channel(a) } }),
  updateChannel: async (a) => ({
    params: { channelId: await arrange.channel(a) },
    body: { purpose: 'Coordinate containment' },
    otherBody: { purpose: 'Coordinate recovery' },
  }),
  createPlaybook: async (a) => {
    const organizationId = await arrange.organization(a);
    return {
      params: {},
      body: playbookBody(organizationId, 'Breach playbook'),
      otherBody: playbookBody(organizationId, 'Breach playbook, other'),
    };
  },
  listPlaybooks: async () => ({ params: {}, query: { limit: '5' } }),
  getPlaybook: async (a) => ({ params: { playbookId: await arrange.playbook(a) } }),
  updatePlaybook: async (a) => ({
    params: { playbookId: await arrange.playbook(a) },
    body: { incidentType: 'ransomware' },
    otherBody: { incidentType: 'outage' },
  }),
  activatePlaybook: async (a) => {
    const [playbookId, incidentId] = await Promise.all([arrange.playbook(a), arrange.incident(a)]);
    return {
      params: { playbookId },
      body: { incidentId },
      otherBody: { incidentId, escalationContacts: ['duty@cert.example'] },
    };
  },
  createCoordinatedAction: async (a) => {
    const [activationId, organizationId] = await Promise.all([
      arrange.activation(a),
      arrange.organization(a),
    ]);
    return {
      params: { activationId },
      body: { description: 'Share indicators', responsibleOrganization: organizationId },
      otherBody: { description: 'Rotate keys', responsibleOrganization: organizationId },
    };
  },
  updateCoordinatedAction: async (a) => ({
    params: { activationId: await arrange.activation(a), actionId: 'COORD-1' },
    body: { status: 'acknowledged' },
    otherBody: { status: 'in_progress' },
  }),
  createActivationEscalation: async (a) => ({
    params: { activationId: await arrange.activation(a) },
    body: { reason: 'No answer', escalatedTo: 'CISO' },
    otherBody: { reason: 'No answer again', escalatedTo: 'CEO' },
  }),
  completeActivation: async (a) => {
    const activationId = await arrange.activation(a);
    await must(
      a.stack.request('PATCH', `/activations/${activationId}/actions/COORD-1`, {
        token: a.admin,
        body: { status: 'completed' },
      }),
      'a completed coordinated action',
    );
    return { params: { activationId }, body: {}, otherBody: { notes: 'all done' } };
  },
  getActivationReport: async (a) => ({ params: { activationId: await arrange.activation(a) } }),
  createTemplate: async () => ({
    params: {},
    body: templateBody('Regulator notice'),
    otherBody: templateBody('Regulator notice, other'),
  }),
  listTemplates: async () => ({ params: {}, query: { limit: '5' } }),
  getTemplate: async (a) => ({ params: { templateId: await arrange.template(a) } }),
  updateTemplate: async (a) => ({
    params: { templateId: await arrange.template(a) },
    body: { maxTlp: 'GREEN' },
    otherBody: { maxTlp: 'RED' },
  }),
  listTemplateVersions: async (a) => ({ params: { templateId: await arrange.template(a) } }),
  approveTemplate: async (a) => ({
    params: { templateId: await arrange.template(a) },
    body: {},
    otherBody: { note: 'reviewed by legal' },
  }),
  previewTemplate: async (a) => ({
    params: { templateId: await arrange.template(a) },
    query: { incidentId: await arrange.incident(a) },
  }),
  createIncident: async (a) => {
    const id = a.unique('INC');
    const body = { id, title: `Outage ${id}`, description: 'd', severity: 'high', category: 'outage' };
    return { params: {}, body, otherBody: { ...body, severity: 'low' } };
  },
  listIncidents: async () => ({ params: {}, query: { limit: '5' } }),
  getIncident: async (a) => ({ params: { incidentId: await arrange.incident(a) } }),
  getIncidentTimeline: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    query: { limit: '10' },
  }),
  listIncidentActions: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    query: { limit: '10' },
  }),
  listIncidentCommunications: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    query: { limit: '10' },
  }),
  listIncidentEscalations: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    query: { limit: '10' },
  }),
  listIncidentLessons: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    query: { limit: '10' },
  }),
  getIncidentReport: async (a) => ({ params: { incidentId: await arrange.incident(a) } }),
  assessImpact: async (a) => {
    const body = {
      businessImpact: 'high',
      financialImpact: 10_000,
      reputationImpact: 'moderate',
      regulatoryImpact: 'minor',
    };
    return {
      params: { incidentId: await arrange.incident(a) },
      body,
      otherBody: { ...body, financialImpact: 20_000 },
    };
  },
  createAction: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { description: 'Rotate keys', assignedTo: 'ops' },
    otherBody: { description: 'Rotate other keys', assignedTo: 'ops' },
  }),
  updateAction: async (a) => {
    const incidentId = await arrange.incident(a);
    return {
      params: { incidentId, actionId: await arrange.action(a, incidentId) },
      body: { status: 'in_progress' },
      otherBody: { status: 'cancelled' },
    };
  },
  createCommunication: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: communication('Status update'),
    otherBody: communication('Another update'),
  }),
  getDashboard: async () => ({ params: {}, query: { from: '2020-01-01T00:00:00Z' } }),
  previewCommunication: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: communication('Status update'),
    otherBody: communication('Another update'),
  }),
  createEscalation: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { reason: 'No answer from supplier', escalatedTo: 'CISO' },
    otherBody: { reason: 'No answer from supplier', escalatedTo: 'CEO' },
  }),
  createAgreementUpdate: async (a) => {
    const [organizationId, incidentId] = await Promise.all([arrange.thirdParty(a), arrange.incident(a)]);
    const body = agreementUpdateBody(organizationId, incidentId);
    return { params: {}, body, otherBody: { ...body, proposedChange: 'Quarterly audit reports' } };
  },
  updateAgreementUpdate: async (a) => ({
    params: { updateId: await arrangeAgreementUpdate(a) },
    body: { status: 'agreed' },
    otherBody: { status: 'withdrawn' },
  }),
  listOrganizationAgreementUpdates: async (a) => ({
    params: { organizationId: await arrange.thirdParty(a) },
    query: { limit: '5' },
  }),
  listIncidentAgreementUpdates: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    query: { limit: '5' },
  }),
  getIncidentSla: async (a) => ({ params: { incidentId: await arrangeSlaBreach(a) } }),
  recordSlaBreaches: async (a) => ({
    params: { incidentId: await arrangeSlaBreach(a) },
    body: { owner: 'legal', dueDate: '2099-01-01T00:00:00Z' },
    otherBody: { owner: 'procurement', dueDate: '2099-01-01T00:00:00Z' },
  }),
  openReview: async (a) => {
    const partner = await arrangePartner(a);
    return {
      params: { incidentId: await arrange.incident(a) },
      body: { participants: [partner] },
      otherBody: { participants: [partner], tlp: 'GREEN' },
    };
  },
  getReview: async (a) => ({ params: { incidentId: await arrangeReview(a) } }),
  createReviewContribution: async (a) => ({
    params: { incidentId: await arrangeReview(a) },
    body: { kind: 'finding', text: 'The provider paged the wrong duty officer', tlp: 'GREEN' },
    otherBody: { kind: 'lesson', text: 'Keep the duty rota in the directory', tlp: 'GREEN' },
  }),
  consolidateReview: async (a) => ({
    params: { incidentId: await arrangeReview(a, true) },
    body: { summary: 'Escalation path fixed', tlp: 'GREEN' },
    otherBody: { summary: 'Escalation path fixed; contacts verified', tlp: 'GREEN' },
  }),
  createLesson: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { lesson: 'Keep contacts verified' },
    otherBody: { lesson: 'Test the escalation chain' },
  }),
  closeIncident: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: {},
    otherBody: { notes: 'closed with notes' },
  }),
  reopenIncident: async (a) => ({
    params: { incidentId: await arrange.closedIncident(a) },
    body: {},
    otherBody: { reason: 'more tenants affected' },
  }),
  updateIncident: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: {
      title: 'Supplier breach (edited)',
      severity: 'critical',
      addThirdParties: [await arrange.thirdParty(a)],
    },
    otherBody: { title: 'Supplier breach (edited again)' },
  }),
  // ---- incident command (issue 5) ----
  assignIncidentRole: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { role: 'technical_lead', holder: { subject: 'tess', name: 'Tess' } },
    otherBody: { role: 'technical_lead', holder: { subject: 'tom', name: 'Tom' } },
  }),
  // Raising (coordinators may); lowering needs the commander, proven in partner-access.test.ts.
  changeIncidentTlp: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { tlp: 'RED', reason: 'board involved' },
    otherBody: { tlp: 'AMBER+STRICT', reason: 'customer names in scope' },
  }),
  listRegimes: async () => ({ params: {} }),
  attachObligation: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { regime: 'gdpr' },
    otherBody: { regime: 'nis2' },
  }),
  listObligations: async (a) => ({ params: { ...(await arrange.obligation(a)) } }),
  updateObligation: async (a) => ({
    params: { ...(await arrange.obligation(a)) },
    body: { facts: { highRisk: true } },
    otherBody: { facts: { highRisk: false } },
  }),
  createSubmission: async (a) => ({
    params: { ...(await arrange.obligation(a)) },
    body: { clock: 'authority', recipient: 'CNIL', coveredItems: ['nature'] },
    otherBody: { clock: 'authority', recipient: 'CNIL', coveredItems: ['records'] },
  }),
  // ---- escalation (docs/escalation.md): no auto-start, triggers disabled, so other suites are unaffected ----
  createEscalationPolicy: async () => ({
    params: {},
    body: escalationPolicyBody('Executives ladder'),
    otherBody: escalationPolicyBody('Executives ladder, other'),
  }),
  listEscalationPolicies: async () => ({ params: {}, query: { limit: '5' } }),
  getEscalationPolicy: async (a) => ({ params: { policyId: await arrangeEscalationPolicy(a) } }),
  updateEscalationPolicy: async (a) => ({
    params: { policyId: await arrangeEscalationPolicy(a) },
    body: { name: 'Renamed ladder' },
    otherBody: { name: 'Another name' },
  }),
  startEscalationChain: async (a) => {
    const policyId = await arrangeEscalationPolicy(a);
    return {
      params: { incidentId: await arrange.incident(a) },
      body: { policyId, reason: 'No answer' },
      otherBody: { policyId, reason: 'Still no answer' },
    };
  },
  acknowledgeIncident: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: {},
    otherBody: { note: 'on it' },
  }),
  createEscalationTrigger: async () => ({
    params: {},
    body: escalationTriggerBody('Critical incidents'),
    otherBody: escalationTriggerBody('Critical incidents, other'),
  }),
  listEscalationTriggers: async () => ({ params: {}, query: { limit: '5' } }),
  getEscalationTrigger: async (a) => ({ params: { triggerId: await arrangeEscalationTrigger(a) } }),
  updateEscalationTrigger: async (a) => ({
    params: { triggerId: await arrangeEscalationTrigger(a) },
    body: { name: 'Renamed trigger' },
    otherBody: { name: 'Another trigger name' },
  }),
  // ---- contact-directory verification (docs/verification.md) ----
  // A valid request is a fresh, unused token: issued for a fresh contact as the sweep would.
  verifyContact: async (a) => ({
    params: { token: await arrangeVerificationToken(a) },
    body: {},
    otherBody: { comment: 'Details still correct' },
  }),
  getVerifyPage: async (a) => ({ params: { token: await arrangeVerificationToken(a) } }),
  // ---- escalation acknowledgement links: a fresh, unused token for a contact on an incident ----
  acknowledgeByLink: async (a) => ({
    params: { token: await arrangeAckToken(a) },
    body: {},
    otherBody: { note: 'Seen, on it' },
  }),
  getAcknowledgePage: async (a) => ({ params: { token: await arrangeAckToken(a) } }),
  getDirectoryHealth: async () => ({ params: {} }),
  // ---- reminders and regulator drafts (docs/reminders.md) ----
  getObligationDraft: async (a) => ({
    params: { ...(await arrange.obligation(a)) },
    query: { clock: 'authority' },
  }),
  // ---- evidence register and holds (docs/evidence.md) ----
  registerEvidence: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: evidenceBody('first'),
    otherBody: evidenceBody('second'),
  }),
  listEvidence: async (a) => ({
    params: { incidentId: (await arrangeEvidence(a, true)).incidentId },
    query: { limit: '10' },
  }),
  getEvidence: async (a) => ({ params: await arrangeEvidence(a, true) }),
  confirmEvidenceUpload: async (a) => ({
    params: await arrangeEvidence(a, false, true),
    body: {},
    otherBody: { note: 'checked by the forensics lab' },
  }),
  downloadEvidence: async (a) => ({
    params: await arrangeEvidence(a, true),
    body: { reason: 'analysis' },
    otherBody: { reason: 'second analysis' },
  }),
  transferCustody: async (a) => ({
    params: await arrangeEvidence(a, true),
    body: { to: 'Forensics team', reason: 'imaging' },
    otherBody: { to: 'Law enforcement liaison', reason: 'handover' },
  }),
  deleteEvidence: async (a) => ({
    params: await arrangeEvidence(a, false),
    body: { reason: 'registered twice' },
    otherBody: { reason: 'wrong file' },
  }),
  placeHold: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { kind: 'legal', reason: 'preservation order' },
    otherBody: { kind: 'disclosure', reason: 'police asked to delay customer notice' },
  }),
  listHolds: async (a) => ({ params: { incidentId: (await arrangeHold(a)).incidentId } }),
  releaseHold: async (a) => ({
    params: await arrangeHold(a),
    body: { reason: 'order lifted' },
    otherBody: { reason: 'case closed' },
  }),
  createExercise: async (a) => {
    const organizationId = await arrange.organization(a);
    return {
      params: {},
      body: exerciseBody(a, organizationId),
      otherBody: { ...exerciseBody(a, organizationId), mode: 'live' },
    };
  },
  getExercise: async (a) => ({ params: { exerciseId: await arrange.exercise(a) } }),
  getExerciseReport: async (a) => ({ params: { exerciseId: await arrange.exercise(a) } }),
  createExerciseFinding: async (a) => ({
    params: { exerciseId: await arrange.exercise(a) },
    body: { finding: 'The duty phone went to voicemail', proposes: 'none' },
    otherBody: { finding: 'The runbook named a retired contact', proposes: 'playbook_action' },
  }),
  raiseExerciseFinding: async (a) => ({
    params: await arrangeContractFinding(a),
    body: { topic: 'notification_sla', owner: 'vendor-management', dueDate: '2030-06-01T00:00:00Z' },
    otherBody: { topic: 'right_to_audit', owner: 'legal', dueDate: '2030-07-01T00:00:00Z' },
  }),
  endExercise: async (a) => ({
    params: { exerciseId: await arrange.exercise(a) },
    body: {},
    otherBody: { notes: 'Debrief held' },
  }),
  compareExercises: async (a) => ({
    params: { playbookId: await arrange.playbookExercised(a) },
    query: { limit: '5' },
  }),
  // ---- inbound e-mail quarantine (docs/inbound-email.md): a fresh quarantined message ----
  listQuarantinedEmails: async () => ({ params: {}, query: { limit: '5' } }),
  acceptQuarantinedEmail: async (a) => ({
    params: { emailId: await arrangeQuarantinedEmail(a) },
    body: {},
    otherBody: { note: 'Known sender, new address' },
  }),
  rejectQuarantinedEmail: async (a) => ({
    params: { emailId: await arrangeQuarantinedEmail(a) },
    body: {},
    otherBody: { note: 'Spam' },
  }),
  // ---- information sharing (docs/sharing.md) ----
  createIndicator: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    body: { type: 'domain-name', value: 'bad.example', tlp: 'GREEN' },
    otherBody: { type: 'url', value: 'https://bad.example/login', tlp: 'GREEN' },
  }),
  listIndicators: async (a) => ({ params: { incidentId: await arrange.incident(a) } }),
  createSighting: async (a) => {
    const incidentId = await arrange.incident(a);
    return {
      params: { incidentId, indicatorId: await arrange.indicator(a, incidentId) },
      body: { firstSeen: '2024-05-01T10:00:00Z', count: 3 },
      otherBody: { firstSeen: '2024-05-02T10:00:00Z', count: 1 },
    };
  },
  exportIncidentStix: async (a) => ({ params: { incidentId: await arrange.incident(a) } }),
  createCollection: async (a) => {
    const organizationId = await arrange.organization(a);
    return {
      params: {},
      body: { title: 'CERT feed', organizationIds: [organizationId], tlpCeiling: 'GREEN', incidentIds: [] },
      otherBody: {
        title: 'CERT feed',
        organizationIds: [organizationId],
        tlpCeiling: 'CLEAR',
        incidentIds: [],
      },
    };
  },
  listCollections: async () => ({ params: {} }),
  updateCollection: async (a) => ({
    params: { collectionId: (await arrange.collection(a)).collectionId },
    body: { description: 'Indicators for the sector' },
    otherBody: { description: 'Indicators for the community' },
  }),
  deleteCollection: async (a) => ({
    params: { collectionId: (await arrange.collection(a)).collectionId },
    body: {},
    otherBody: { reason: 'agreement ended' },
  }),
  getIncidentLedger: async (a) => ({
    params: { incidentId: await arrange.incident(a) },
    query: { limit: '5' },
  }),
  getOrganizationLedger: async (a) => ({ params: { organizationId: await arrange.organization(a) } }),
  getTaxiiDiscovery: async () => ({ params: {} }),
  getTaxiiApiRoot: async () => ({ params: {} }),
  listTaxiiCollections: async () => ({ params: {} }),
  getTaxiiCollection: async (a) => ({ params: { collectionId: (await arrange.collection(a)).collectionId } }),
  getTaxiiObjects: async (a) => ({
    params: { collectionId: (await arrange.collection(a)).collectionId },
    query: { limit: '10', 'match[type]': 'indicator' },
  }),
  getTaxiiObject: async (a) => ({ params: await arrange.collection(a) }),
  getTaxiiObjectVersions: async (a) => ({ params: await arrange.collection(a) }),
  getTaxiiManifest: async (a) => ({
    params: { collectionId: (await arrange.collection(a)).collectionId },
    query: { limit: '10' },
  }),
};

function exerciseBody(a: Arrange, organizationId: string) {
  return {
    title: a.unique('Exercise'),
    participatingOrganizations: [organizationId],
    injects: [
      { kind: 'message', offsetMinutes: 60, subject: 'Inject', content: 'A supplier reports an outage' },
    ],
  };
}

/** A running scenario exercise of a fresh organization, with a finding proposing a contract update. */
async function arrangeContractFinding(a: Arrange): Promise<{ exerciseId: string; findingId: string }> {
  const organizationId = await arrange.organization(a);
  const exercise = await must(
    a.stack.request('POST', '/exercises', { token: a.admin, body: exerciseBody(a, organizationId) }),
    'an exercise',
  );
  const exerciseId = exercise.body.id as string;
  const finding = await must(
    a.stack.request('POST', `/exercises/${exerciseId}/findings`, {
      token: a.admin,
      body: {
        finding: 'No acknowledgement SLA in the contract',
        recommendation: 'Acknowledge within 4 hours',
        organizationId,
        proposes: 'contract_update',
      },
    }),
    'a finding',
  );
  return { exerciseId, findingId: finding.body.findingId as string };
}

const EVIDENCE_FILE = Buffer.from('evidence file of the reliability suites');

function evidenceBody(description: string) {
  return {
    description,
    type: 'log',
    source: 'fw-edge-01',
    collectedAt: '2030-01-01T10:00:00Z',
    fileName: 'fw.log',
    contentType: 'text/plain',
    sha256: createHash('sha256').update(EVIDENCE_FILE).digest('hex'),
    size: EVIDENCE_FILE.length,
  };
}

/** An evidence item of a fresh incident: registered, its file uploaded, and confirmed unless told not to. */
async function arrangeEvidence(
  a: Arrange,
  confirm: boolean,
  uploadOnly = false,
): Promise<{ incidentId: string; evidenceId: string }> {
  const incidentId = await arrange.incident(a);
  const r = await must(
    a.stack.request('POST', `/incidents/${incidentId}/evidence`, {
      token: a.admin,
      body: evidenceBody('arranged'),
    }),
    'an evidence item',
  );
  const evidenceId = r.body.evidence.evidenceId as string;
  if (confirm || uploadOnly) {
    const put = await fetch(r.body.upload.url, {
      method: 'PUT',
      headers: r.body.upload.headers,
      body: EVIDENCE_FILE,
    });
    if (put.status !== 200) throw new Error(`arranging an evidence upload failed: ${put.status}`);
  }
  if (confirm) {
    await must(
      a.stack.request('POST', `/incidents/${incidentId}/evidence/${evidenceId}/confirm`, {
        token: a.admin,
        body: {},
      }),
      'an evidence confirmation',
    );
  }
  return { incidentId, evidenceId };
}

async function arrangeHold(a: Arrange): Promise<{ incidentId: string; holdId: string }> {
  const incidentId = await arrange.incident(a);
  const r = await must(
    a.stack.request('POST', `/incidents/${incidentId}/holds`, {
      token: a.admin,
      body: { kind: 'disclosure', reason: 'arranged' },
    }),
    'a hold',
  );
  return { incidentId, holdId: r.body.holdId as string };
}

/** A quarantined inbound e-mail on a fresh incident, stored as `receiveEmail` would. */
async function arrangeQuarantinedEmail(a: Arrange): Promise<string> {
  const incidentId = await arrange.incident(a);
  const repos = createRepositories({ db: a.stack.documentClient, tableName: a.stack.tableName });
  const id = `MAIL-${randomBytes(16).toString('hex')}`;
  await repos.inbound.create({
    id,
    incidentId,
    status: 'quarantined',
    reason: 'unknown-sender',
    from: 'someone@unknown.example',
    to: `inc-${incidentId}+000000000000000000000000@liaison.test`,
    subject: 'Re: your notice',
    text: 'Hello',
    receivedAt: new Date().toISOString(),
    rawKey: `raw/${incidentId}/${id}.eml`,
    attachments: [],
    version: 1,
  });
  return id;
}

/** A fresh verification token (the credential of the public POST /verify/{token}). */
async function arrangeVerificationToken(a: Arrange): Promise<string> {
  const contactId = await arrange.contact(a);
  const deps = {
    db: a.stack.documentClient,
    tableName: a.stack.tableName,
    repos: createRepositories({ db: a.stack.documentClient, tableName: a.stack.tableName }),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
  const token = await issueVerificationToken(deps, contactId, { tokenDays: 14, graceDays: 14 });
  if (!token) throw new Error(`arranging a verification token for ${contactId} failed`);
  return token;
}

/** A fresh acknowledgement token (the credential of the public POST /acknowledge/{token}). */
async function arrangeAckToken(a: Arrange): Promise<string> {
  const [incidentId, contactId] = await Promise.all([arrange.incident(a), arrange.contact(a)]);
  const deps = {
    db: a.stack.documentClient,
    tableName: a.stack.tableName,
    repos: createRepositories({ db: a.stack.documentClient, tableName: a.stack.tableName }),
    now: () => new Date(),
    newId: () => randomUUID(),
  };
  const contact = await must(
    a.stack.request('GET', `/contacts/${contactId}`, { token: a.admin }),
    'a contact',
  );
  return issueAcknowledgementToken(
    deps,
    {
      contactId,
      organizationId: String((contact.body as { organizationId: string }).organizationId),
      incidentId,
      chainId: 'CHAIN-1',
      level: 1,
    },
    { tokenDays: 7 },
    randomBytes,
  );
}

/** Route ids of `shared/routes.ts` that have no fixture (the suites assert this is empty). */
export function routesWithoutFixture(table: readonly Route[] = routes): string[] {
  return table.filter((r) => !(r.id in fixtures)).map((r) => r.id);
}

/** `/incidents/{incidentId}` + `{incidentId: 'INC-1'}` → `/incidents/INC-1` (values URL-encoded). */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${template}`);
    return encodeURIComponent(value);
  });
}

/** Runs the route's fixture and returns a ready request. */
export async function validRequest(route: Route, a: Arrange) {
  const factory = fixtures[route.id];
  if (!factory) throw new Error(`test/reliability/fixtures.ts has no fixture for route ${route.id}`);
  const f = await factory(a);
  return { ...f, path: fillPath(route.path, f.params) };
}

/** Every item of the table, sorted: equal snapshots mean nothing was written. */
export const tableSnapshot = (stack: LocalStack): Promise<string> => stack.snapshot();

/** A counter-based `unique()` for one test file. */
export function uniqueIds(tag: string): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}-${tag}-${++n}`;
}

/** Methods whose requests change state and accept `Idempotency-Key`. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// ---- escalation arrangements ----

function escalationPolicyBody(name: string) {
  return { name, levels: [{ level: 1, groups: ['executives'], timeframe: '1 hour' }] };
}

function escalationTriggerBody(name: string) {
  // Disabled: an enabled trigger would fire on the other suites' incidents.
  return { name, when: { priorityAtLeast: 'critical' }, notify: { groups: ['executives'] }, enabled: false };
}

async function arrangeEscalationPolicy(a: Arrange): Promise<string> {
  const r = await must(
    a.stack.request('POST', '/escalation-policies', {
      token: a.admin,
      body: escalationPolicyBody('arranged'),
    }),
    'an escalation policy',
  );
  return r.body.id as string;
}

async function arrangeEscalationTrigger(a: Arrange): Promise<string> {
  const r = await must(
    a.stack.request('POST', '/escalation-triggers', {
      token: a.admin,
      body: escalationTriggerBody('arranged'),
    }),
    'an escalation trigger',
  );
  return r.body.id as string;
}

// ---- agreement updates, SLAs, joint reviews (docs/agreements.md) ----

function agreementUpdateBody(organizationId: string, incidentId: string) {
  return {
    organizationId,
    source: { kind: 'incident', id: incidentId },
    topic: 'right_to_audit',
    proposedChange: 'Add a right-to-audit clause',
    owner: 'legal',
    dueDate: '2099-01-01T00:00:00Z',
  };
}

async function arrangeAgreementUpdate(a: Arrange): Promise<string> {
  const [organizationId, incidentId] = await Promise.all([arrange.thirdParty(a), arrange.incident(a)]);
  const r = await must(
    a.stack.request('POST', '/agreement-updates', {
      token: a.admin,
      body: agreementUpdateBody(organizationId, incidentId),
    }),
    'an agreement update',
  );
  return r.body.id as string;
}

/** An incident discovered 3 hours ago whose third party must notify within 1 hour and has not. */
async function arrangeSlaBreach(a: Arrange): Promise<string> {
  const tp = a.unique('TP');
  await must(
    a.stack.request('POST', '/third-parties', {
      token: a.admin,
      body: { id: tp, name: tp, type: 'saas', slaRequirements: { notificationHours: 1 } },
    }),
    'a third party with an SLA',
  );
  const id = a.unique('INC');
  const partner = await arrangePartner(a);
  await must(
    a.stack.request('POST', '/incidents', {
      token: a.admin,
      body: {
        id,
        title: id,
        description: 'arranged',
        severity: 'medium',
        category: 'outage',
        affectedThirdParties: [tp, partner],
        discoveryDate: new Date(Date.now() - 3 * 3600_000).toISOString(),
      },
    }),
    'an incident with an SLA breach',
  );
  return id;
}

const partnerContact = new WeakMap<LocalStack, Promise<unknown>>();

/** An incident with a joint review open with the matrix's partner (with a live contact, when sharing). */
async function arrangeReview(a: Arrange, withContact = false): Promise<string> {
  const [incidentId, partner] = await Promise.all([arrange.incident(a), arrangePartner(a)]);
  if (withContact) {
    let ready = partnerContact.get(a.stack);
    if (!ready) {
      ready = must(
        a.stack.request('POST', '/contacts', {
          token: a.admin,
          body: { ...contactBody(partner, 'Partner duty'), stakeholderGroup: 'suppliers' },
        }),
        'a partner contact',
      );
      partnerContact.set(a.stack, ready);
    }
    await ready;
  }
  await must(
    a.stack.request('POST', `/incidents/${incidentId}/review`, {
      token: a.admin,
      body: { participants: [partner] },
    }),
    'a joint review',
  );
  return incidentId;
}
