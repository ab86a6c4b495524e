/**
 * What an agreement update's `reminder` schedule does when it fires (docs/agreements.md, the engine
 * of docs/reminders.md): it RE-READS the update and acts only while the update is open with the
 * due date the schedule was planned for; then one notice on the source incident to the owner (when
 * `owner` is a live contact id) or else the `coordination` group, with the sent-marker as its claim
 * in the notice's transaction, so a duplicate firing sends nothing.
 */
import type { NotifyDeps } from '../../aws/ports.js';
import type { AgreementUpdateReminderEvent } from '../../schemas/reminders.js';
import { loadContacts } from '../contacts/service.js';
import type { Deps } from '../deps.js';
import { NoticeClaimLostError, sendNotice, systemActor } from '../notifications/notice.js';
import { agreementUpdateScheduleName, decideAgreementUpdateFire } from '../reminders/plan.js';
import { isOpenUpdate } from './rules.js';

export type AgreementUpdateFireResult =
  | { readonly acted: false; readonly name: string; readonly reason: string }
  | {
      readonly acted: true;
      readonly name: string;
      readonly kind: string;
      readonly communicationId: string | null;
    };

export async function fireAgreementUpdate(
  deps: Deps,
  notify: NotifyDeps | undefined,
  event: AgreementUpdateReminderEvent,
): Promise<AgreementUpdateFireResult> {
  const name = agreementUpdateScheduleName(event.updateId, event.stage, event.dueDate);
  const update = await deps.repos.agreementUpdates.get(event.updateId);
  const decision = decideAgreementUpdateFire({
    stage: event.stage,
    dueDate: event.dueDate,
    item: update,
    open: update !== undefined && isOpenUpdate(update.status),
    now: deps.now(),
  });
  if (!decision.act || !update) {
    return {
      acted: false,
      name,
      reason: decision.act ? 'the agreement update does not exist' : decision.reason,
    };
  }
  // Recorded on the source incident; an exercise's update on the exercise incident (docs/exercises.md).
  const incidentId =
    update.source.kind === 'exercise'
      ? (await deps.repos.exercises.get(update.source.id))?.incidentId
      : update.source.id;
  if (incidentId === undefined) return { acted: false, name, reason: 'the source exercise does not exist' };
  const owner = (await loadContacts(deps, [update.owner])).get(update.owner);
  const overdue = event.stage === 'overdue';
  const kind = overdue ? 'agreement_update.overdue' : 'agreement_update.reminder';
  const label = `${update.id} (${update.topic}, ${update.organizationId})`;
  const origin =
    update.source.kind === 'exercise'
      ? `, raised from exercise ${update.source.id}${update.findingId ? ` ${update.findingId}` : ''}`
      : '';
  try {
    const result = await sendNotice(
      deps,
      notify,
      systemActor('reminder'),
      {
        incidentId,
        kind,
        subject: overdue
          ? `Overdue: agreement update ${label} was due ${event.dueDate}`
          : `Reminder: agreement update ${label} is due ${event.dueDate}`,
        content: `${label}${origin}: ${update.proposedChange}\nOwner: ${update.owner}\nStatus: ${update.status}\nDue: ${event.dueDate}`,
        recipients: owner && !owner.deletedAt ? { contacts: [update.owner] } : { groups: ['coordination'] },
        data: {
          agreementUpdateId: update.id,
          dueDate: event.dueDate,
          stage: event.stage,
          ...(owner
            ? {}
            : { notAddressable: [{ owner: update.owner, reason: 'owner is not a contact id' }] }),
        },
      },
      () => deps.repos.reminders.sentMarkerPart(name, event.dueDate, deps.now()),
    );
    return { acted: true, name, kind, communicationId: result.communicationId };
  } catch (error) {
    if (error instanceof NoticeClaimLostError)
      return { acted: false, name, reason: 'already sent (duplicate firing)' };
    throw error;
  }
}
