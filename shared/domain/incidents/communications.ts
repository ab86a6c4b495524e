import type { StoredIncident } from '../../db/entities/incident.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import { exerciseSubject } from '../../model/exercise.js';
import type { Tlp } from '../../schemas/common.js';
import type { Communication, CreateCommunicationBody, Recipients } from '../../schemas/incidents.js';
import { assertMaySeeIncident, partnerOrganization } from '../access/partner.js';
import { summarized, withCommunication } from '../dashboard/summary.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { decideDisclosure } from '../evidence/rules.js';
import { incidentReplyAddress } from '../inbound/rules.js';
import {
  buildOutbox,
  checkRecipients,
  type OutboxItem,
  outboxPuts,
  pendingDelivery,
  publishOutbox,
  resolveRecipients,
} from '../notifications/delivery.js';
import { renderTemplate, templateView } from '../templates/render.js';
import { getTemplate, loadVersion } from '../templates/service.js';
import { type CommunicationMarking, communicationMarking } from '../tlp/rules.js';
import { bump, storedView, thirdPartyRef } from './changes.js';
import { assertIncidentOpen } from './rules.js';
import { mutate, type NewEntry } from './unit-of-work.js';

interface OutboundPlan {
  /** The communication's marking, decided against the incident as read at `incidentVersion`. */
  readonly marking: CommunicationMarking;
  readonly incidentVersion: number;
  /** The incident as read for the plan: the change is decided on it (no second read). */
  readonly incident: StoredIncident;
  readonly byOrganization: Map<string, string[]>;
  readonly template?: { templateId: string; version: number; subject: string; body: string };
}

/**
 * Records a communication. With `recipients` (outbound only) it is also delivered: recipients are
 * resolved to contacts and checked one by one against the TLP rules (any refusal: 422, nothing
 * written), the template's approved version is rendered (missing placeholders: 400), and the
 * communication, one outbox item per organization and the timeline are written in ONE transaction;
 * then each organization's message is published once (`notify`), failures left to the sweeper.
 */
export async function createCommunication(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateCommunicationBody,
  rt: EscalationRuntime,
  ifMatch?: number,
  /** The joint post-incident review's result is shared after the incident closed (reviews/service.ts). */
  options: { readonly afterClose?: boolean } = {},
): Promise<Communication> {
  const notify = rt.notify;
  const afterClose = options.afterClose === true;
  const partner = partnerOrganization(caller);
  if (partner !== null) {
    assertPartnerCommunication(partner, body);
    body = { ...body, thirdParty: partner }; // the partner's own message
  }
  const plan = body.recipients ? await planOutbound(deps, caller, incidentId, body, afterClose) : undefined;
  const outbox: OutboxItem[] = [];
  const communication = await mutate(
    deps,
    caller,
    incidentId,
    (current) => {
      assertMaySeeIncident(caller, current);
      if (!afterClose) assertIncidentOpen(current);
      // A disclosure hold (docs/evidence.md): 409 for its audiences, unless an admin overrides.
      const disclosure = decideDisclosure(caller, current.holds, body);
      const { n, incident } = bump(current, 'commSeq');
      const at = deps.now().toISOString();
      const communicationId = `COMM-${n}`;
      // A message sent on an exercise incident is marked [EXERCISE] (docs/exercises.md).
      const subject = exerciseSubject(
        plan?.template?.subject ?? (body.subject as string),
        plan !== undefined && current.exercise,
      );
      const content = plan?.template?.body ?? (body.content as string);
      // The marking is decided once: by the plan when it was read at this version, else here
      // (above the incident's TLP: 400; lowering it: the incident command's decision, else 403).
      const marking =
        plan && plan.incidentVersion === current.version
          ? plan.marking
          : communicationMarking(caller, current, body.tlp);
      const { tlp, incidentTlp } = marking;
      outbox.length = 0;
      if (plan) {
        outbox.push(
          ...buildOutbox(
            {
              incidentId,
              communicationId,
              commSeq: n,
              byOrganization: plan.byOrganization,
              tlp,
              severity: current.severity,
              subject,
              body: content,
              kind: 'incident.communication',
              at,
              ...(current.exercise ? { exercise: true } : {}),
              replyTo: incidentReplyAddress(current, notify?.replyDomain),
            },
            deps.newId,
          ),
        );
      }
      const communication: Communication = {
        communicationId,
        type: body.type,
        direction: body.direction,
        ...(body.thirdParty ? { thirdParty: body.thirdParty } : {}),
        subject,
        content,
        sentTo: body.sentTo ?? outbox.flatMap((o) => o.recipients),
        priority: body.priority ?? 'medium',
        ...(plan || body.tlp ? { tlp } : {}),
        ...(marking.loweredFrom ? { tlpLoweredFrom: marking.loweredFrom } : {}),
        ...(plan?.template
          ? { template: { templateId: plan.template.templateId, version: plan.template.version } }
          : {}),
        ...(body.recipients ? { recipients: body.recipients } : {}),
        ...(body.audience ? { audience: body.audience } : {}),
        ...(disclosure.override
          ? { disclosureOverride: { ...disclosure.override, by: caller.subject } }
          : {}),
        ...(plan ? { delivery: pendingDelivery(outbox) } : {}),
        recordedAt: at,
        recordedBy: caller.subject,
      };
      const ref = thirdPartyRef(deps, 'body.thirdParty', body.thirdParty, 0);
      const timeline: NewEntry[] = [
        {
          type: 'communication.recorded',
          summary: `${communicationId} ${body.direction} ${body.type}: ${subject}`,
          data: {
            communicationId,
            direction: body.direction,
            sentTo: communication.sentTo,
            ...(communication.tlp ? { tlp } : {}),
            ...(outbox.length ? { organizations: outbox.map((o) => o.organizationId) } : {}),
          },
        },
      ];
      if (disclosure.override) {
        timeline.push({
          type: 'communication.disclosure_override',
          summary: `${communicationId} to ${body.audience} sent despite ${disclosure.override.holds.join(', ')}: ${disclosure.override.reason}`,
          data: { communicationId, audience: body.audience, ...disclosure.override },
        });
      }
      if (communication.tlpLoweredFrom) {
        timeline.push({
          type: 'communication.tlp_lowered',
          summary: `${communicationId} marked TLP:${tlp}, below the incident's TLP:${incidentTlp}`,
          data: { communicationId, from: incidentTlp, to: tlp },
        });
      }
      return {
        incident: summarized(incident, (s) => withCommunication(s, at)),
        items: [
          ...ref.items,
          deps.repos.incidents.newCommunication(incidentId, communication),
          ...outboxPuts(deps, outbox),
        ],
        refs: ref.refs,
        timeline,
        result: communication,
      };
    },
    rt.effects,
    { ifMatch, known: plan?.incident, operation: 'createCommunication' },
  );
  if (outbox.length === 0 || !notify) return communication;
  // After commit: one Publish per organization; a failure stays pending for the sweeper.
  return publishOutbox(deps, notify, communication, outbox);
}

/** The subject the notification sweeper's timeline entries are recorded under. */
export const SWEEPER_ACTOR: Caller = {
  subject: 'liaison:notification-sweeper',
  organization: undefined,
  roles: [],
};

/** A retried message delivered, or given up on: an entry on the incident's timeline. */
export function recordDeliveryOutcome(
  deps: Deps,
  item: OutboxItem & { readonly incidentId: string },
  status: 'sent' | 'failed',
  rt: EscalationRuntime,
): Promise<void> {
  return mutate(
    deps,
    SWEEPER_ACTOR,
    item.incidentId,
    (current) => ({
      incident: current,
      timeline: [
        {
          type: status === 'sent' ? 'communication.delivered' : 'communication.delivery_failed',
          summary:
            status === 'sent'
              ? `${item.communicationId} delivered to ${item.organizationId} after ${item.attemptCount + 1} attempt(s)`
              : `${item.communicationId} to ${item.organizationId} failed after ${item.attemptCount + 1} attempt(s)`,
          data: {
            communicationId: item.communicationId,
            organizationId: item.organizationId,
            messageId: item.id,
            attempts: item.attemptCount + 1,
          },
        },
      ],
      result: undefined,
    }),
    rt.effects,
  );
}

/**
 * A partner records inbound communications of its own organization only: no recipients, no
 * template, no TLP marking below the incident's (the TLP rule refuses that anyway).
 */
export function assertPartnerCommunication(organization: string, body: CreateCommunicationBody): void {
  if (body.direction !== 'inbound' || body.recipients || body.templateId) {
    throw new ForbiddenError('A partner may record inbound communications only');
  }
  if (body.thirdParty !== undefined && body.thirdParty !== organization) {
    throw new ValidationError('A partner records communications of its own organization', [
      { field: 'body.thirdParty', message: `must be ${organization} (your organization) or absent` },
    ]);
  }
}

async function planOutbound(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateCommunicationBody,
  afterClose: boolean,
): Promise<OutboundPlan> {
  const recipients = body.recipients as Recipients;
  const stored = await deps.repos.incidents.get(incidentId);
  if (!afterClose) assertIncidentOpen(stored);
  // The communication's own TLP first: above the incident's, no recipient matters.
  const marking = communicationMarking(caller, stored, body.tlp);
  const { tlp } = marking;
  let template: OutboundPlan['template'];
  let maxTlp: Tlp | undefined;
  if (body.templateId) {
    const rendered = await renderApprovedTemplate(deps, body.templateId, stored);
    template = {
      templateId: rendered.templateId,
      version: rendered.version,
      subject: rendered.subject,
      body: rendered.body,
    };
    maxTlp = rendered.maxTlp;
  }
  const resolved = await resolveRecipients(deps, recipients);
  const byOrganization = await checkRecipients(deps, resolved, tlp, recipients.organizations ?? [], maxTlp);
  return {
    marking,
    incidentVersion: stored.version,
    incident: stored,
    byOrganization,
    ...(template ? { template } : {}),
  };
}

/**
 * The approved version of a template rendered with the incident's data, for a communication naming
 * `body.templateId` (createCommunication and its preview): unknown template, no approved version or
 * a missing placeholder answer 400 on that field.
 */
export async function renderApprovedTemplate(
  deps: Deps,
  templateId: string,
  stored: StoredIncident,
): Promise<{ templateId: string; version: number; subject: string; body: string; maxTlp: Tlp | undefined }> {
  const head = await getTemplate(deps, templateId).catch((error: unknown) => {
    if (error instanceof NotFoundError) {
      throw new ValidationError(`Unknown template ${templateId}`, [
        { field: 'body.templateId', message: `template ${templateId} does not exist` },
      ]);
    }
    throw error;
  });
  if (head.approvedVersion === null) {
    throw new ValidationError(`Template ${head.id} has no approved version`, [
      { field: 'body.templateId', message: 'approve a version before using the template' },
    ]);
  }
  const version = await loadVersion(deps, head.id, head.approvedVersion);
  const rendered = renderTemplate(version, templateView(storedView(stored)), 'body.templateId');
  return {
    templateId: head.id,
    version: version.version,
    subject: rendered.subject,
    body: rendered.body,
    maxTlp: version.maxTlp,
  };
}
