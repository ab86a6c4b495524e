/**
 * `POST /incidents/{incidentId}/communications/preview`: what `createCommunication` would do with
 * the same body, without writing anything — the subject and content (the template's approved
 * version rendered), the TLP, and every recipient allowed or refused with the reason, decided by
 * THE rule of createCommunication (`decideRecipients` → `decideRecipient`, notifications/tlp.ts).
 * Errors that are not about one recipient (unknown incident or contact, closed incident, a TLP above
 * the incident's, a template without approved version) are the ones createCommunication answers.
 */
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { Tlp } from '../../schemas/common.js';
import type { CommunicationPreview, RecipientPreview } from '../../schemas/console.js';
import type { CreateCommunicationBody, Recipients } from '../../schemas/incidents.js';
import { assertMaySeeIncident, partnerOrganization } from '../access/partner.js';
import type { Deps } from '../deps.js';
import { decideRecipients, resolveRecipients } from '../notifications/delivery.js';
import { renderTemplate, templateView } from '../templates/render.js';
import { getTemplate, loadVersion } from '../templates/service.js';
import { communicationMarking } from '../tlp/rules.js';
import { storedView } from './changes.js';
import { assertPartnerCommunication } from './communications.js';
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
    const head = await getTemplate(deps, body.templateId).catch((error: unknown) => {
      if (error instanceof NotFoundError) {
        throw new ValidationError(`Unknown template ${body.templateId}`, [
          { field: 'body.templateId', message: `template ${body.templateId} does not exist` },
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
    subject = rendered.subject;
    content = rendered.body;
    template = { templateId: head.id, version: version.version };
    maxTlp = version.maxTlp;
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
