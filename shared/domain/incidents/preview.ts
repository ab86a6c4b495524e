import type { Caller } from '../../model/caller.js';
import type { Tlp } from '../../schemas/common.js';
import type { CommunicationPreview, RecipientPreview } from '../../schemas/console.js';
import type { CreateCommunicationBody, Recipients } from '../../schemas/incidents.js';
import { assertMaySeeIncident, partnerOrganization } from '../access/partner.js';
import type { Deps } from '../deps.js';
import { decideRecipients, resolveRecipients } from '../notifications/delivery.js';
import { communicationMarking } from '../tlp/rules.js';
import { assertPartnerCommunication, renderApprovedTemplate } from './communications.js';
import { assertIncidentOpen } from './rules.js';

export async function previewCommunication(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateCommunicationBody,
): Promise<CommunicationPreview> {
  const partner = partnerOrganization(caller);
  if (partner !== null) assertPartnerCommunication(partner, body);
  const stored = await deps.repos.incidents.get(incidentId);
  assertMaySeeIncident(caller, stored);
  assertIncidentOpen(stored);
  // The same marking rule as createCommunication (above the incident's: 400; lowering: 403 without authority).
  const marking = communicationMarking(caller, stored, body.tlp);
  const { tlp } = marking;

  let subject = body.subject as string;
  let content = body.content as string;
  let template: CommunicationPreview['template'];
  let maxTlp: Tlp | undefined;
  if (body.templateId) {
    const rendered = await renderApprovedTemplate(deps, body.templateId, stored);
    subject = rendered.subject;
    content = rendered.body;
    template = { templateId: rendered.templateId, version: rendered.version };
    maxTlp = rendered.maxTlp;
  }

  const recipients: RecipientPreview[] = [];
  if (body.recipients) {
    const r = body.recipients as Recipients;
    const resolved = await resolveRecipients(deps, r);
    const seen = new Set<string>();
    for (const { recipient, decision } of await decideRecipients(
      deps,
      resolved,
      tlp,
      r.organizations ?? [],
      maxTlp,
    )) {
      // A contact named twice (individually and through its organization) is listed per naming.
      const key = `${recipient.contactId} ${recipient.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      recipients.push({
        contactId: recipient.contactId,
        organizationId: recipient.organizationId,
        via: recipient.via,
        field: recipient.field,
        allowed: decision.allowed,
        ...(decision.allowed ? {} : { code: decision.code, reason: decision.reason }),
      });
    }
  }
  return {
    tlp,
    ...(marking.loweredFrom ? { tlpLoweredFrom: marking.loweredFrom } : {}),
    subject,
    content,
    ...(template ? { template } : {}),
    recipients,
    allowed: recipients.every((r) => r.allowed),
  };
}
