/**
 * What a `reminder` schedule does when it fires (docs/reminders.md). It RE-READS the item and acts
 * only when the item is still open with the due instant the schedule was planned for
 * (`decide*Fire`); then it sends the notice (`sendNotice`) with a sent-marker (`REMINDER#<name>` /
 * `SENT#<due>`, conditional put) as the claim IN the notice's transaction: a duplicate firing finds
 * the marker and sends nothing; a failure before the commit writes neither (Scheduler's retry sends
 * it); a process that stops after the commit leaves the message in the outbox for the sweeper.
 *
 * - action reminder → the assignee (`assignedTo` when it is a contact id; else recorded as not
 *   addressable) and the action's third party (its escalation contacts); a coordinated action's →
 *   the responsible and supporting organizations (their escalation contacts).
 * - action overdue → the same people, and the action joins `overdueActions` on the incident item
 *   (what the `actionOverdue` escalation trigger reads), removed when it completes or is cancelled.
 * - obligation reminder → the incident commander (`command.incident_commander.contactId`) and the
 *   `legal` and `compliance` groups; at 100 % (the deadline, unsubmitted) it escalates: also the
 *   `coordination` and `executives` groups, and an incident escalation `ESC-n` is recorded.
 */

import type { NotifyDeps } from '../../aws/ports.js';
import { regulatoryConfig } from '../../config.js';
import type { StoredIncident } from '../../db/entities/incident.js';
import { withOptimisticRetry } from '../../db/transact.js';
import { NotFoundError } from '../../errors.js';
import type { StakeholderGroup } from '../../schemas/contacts.js';
import type { ActionReminderEvent, ObligationReminderEvent, ReminderEvent } from '../../schemas/reminders.js';
import { fireAgreementUpdate } from '../agreements/reminder.js';
import { loadContacts } from '../contacts/service.js';
import { isOpenCoordinatedAction } from '../coordination/rules.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { createEscalation } from '../incidents/records.js';
import { commit } from '../incidents/unit-of-work.js';
import {
  type Notice,
  NoticeClaimLostError,
  type NoticeRecipients,
  type NoticeResult,
  sendNotice,
  systemActor,
} from '../notifications/notice.js';
import { obligationView } from '../obligations/view.js';
import {
  actionScheduleName,
  addOverdue,
  coordinatedScheduleName,
  type Decision,
  decideActionFire,
  decideObligationFire,
  obligationScheduleName,
  overdueRef,
} from './plan.js';

/** Timeline entries of reminders are written as `liaison:reminder`. */
export const REMINDER_ACTOR = systemActor('reminder');

/** Sent-markers outlive any Scheduler retry window by far, then expire. */

export type FireResult =
  | { readonly acted: false; readonly name: string; readonly reason: string }
  | {
      readonly acted: true;
      readonly name: string;
      readonly kind: string;
      readonly communicationId: string | null;
      readonly escalationId?: string;
    };

/** True when this firing is the first for (name, due); false when a firing already acted. */
const claim = (deps: Deps, name: string, due: string): Promise<boolean> =>
  deps.repos.reminders.claim(name, due, deps.now());

/**
 * Sends a reminder's notice with its sent-marker as the claim IN the notice's transaction (marker,
 * communication, outbox and timeline commit together); undefined when a firing sent it already.
 */
async function sendOnce(
  deps: Deps,
  notify: NotifyDeps | undefined,
  name: string,
  due: string,
  notice: Notice,
): Promise<NoticeResult | undefined> {
  try {
    return await sendNotice(deps, notify, REMINDER_ACTOR, notice, () =>
      deps.repos.reminders.sentMarkerPart(name, due, deps.now()),
    );
  } catch (error) {
    if (error instanceof NoticeClaimLostError) return undefined;
    throw error;
  }
}

const release = (deps: Deps, name: string, due: string): Promise<void> =>
  deps.repos.reminders.release(name, due);

/** Claims the marker, runs `act`; a failure releases the marker (the retry acts) and is thrown. */
async function once<T>(deps: Deps, name: string, due: string, act: () => Promise<T>): Promise<T | undefined> {
  if (!(await claim(deps, name, due))) return undefined;
  try {
    return await act();
  } catch (error) {
    await release(deps, name, due).catch(() => undefined);
    throw error;
  }
}

const skip = (name: string, decision: Decision): FireResult => ({
  acted: false,
  name,
  reason: decision.act ? 'unknown' : decision.reason,
});

export function fireReminder(deps: Deps, rt: EscalationRuntime, event: ReminderEvent): Promise<FireResult> {
  if (event.kind === 'agreement-update') return fireAgreementUpdate(deps, rt.notify, event);
  return event.kind === 'obligation' ? fireObligation(deps, rt, event) : fireAction(deps, rt, event);
}

const numberOf = (prefix: string, id: string): number | undefined => {
  const m = new RegExp(`^${prefix}-([1-9]\\d{0,5})$`).exec(id);
  return m ? Number(m[1]) : undefined;
};

async function readDueItem(deps: Deps, event: ActionReminderEvent) {
  const n = numberOf(event.kind === 'action' ? 'ACTION' : 'COORD', event.actionId);
  if (n === undefined) return undefined;
  const ref =
    event.kind === 'action'
      ? { kind: 'action' as const, n }
      : { kind: 'coordinatedAction' as const, activationId: event.activationId, n };
  try {
    const { incident, child } = await deps.repos.incidents.getWithDueItem(event.incidentId, ref);
    return { incident, child };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

async function fireAction(
  deps: Deps,
  rt: EscalationRuntime,
  event: ActionReminderEvent,
): Promise<FireResult> {
  const name =
    event.kind === 'action'
      ? actionScheduleName(event.incidentId, event.actionId, event.stage, event.dueDate)
      : coordinatedScheduleName(
          event.incidentId,
          event.activationId,
          event.actionId,
          event.stage,
          event.dueDate,
        );
  const read = await readDueItem(deps, event);
  if (!read) return { acted: false, name, reason: 'the incident or the action does not exist' };
  const decision = decideActionFire(fireFacts(event, read, deps.now()));
  if (!decision.act) return skip(name, decision);
  const action = read.child as Record<string, unknown>;
  const { recipients, notAddressable } = await actionRecipients(deps, event, action);
  const overdue = event.stage === 'overdue';
  const label = event.kind === 'action' ? event.actionId : `${event.activationId} ${event.actionId}`;
  const kind = overdue ? 'action.overdue' : 'action.reminder';
  // A duplicate firing finds the marker (written with the notice) and sends nothing; the overdue
  // flag is idempotent, so a retry after a crash between the flag and the notice flags nothing new.
  const result = await (async () => {
    if (overdue) {
      const ref = overdueRef(event);
      // The flag first (idempotent): the notice below names it on the timeline. Decided again on
      // each attempt's read: an action completed since the first read is not flagged (nor noticed).
      const flagged = await withOptimisticRetry(async () => {
        const again = await readDueItem(deps, event);
        if (!again || !decideActionFire(fireFacts(event, again, deps.now())).act) return false;
        await commit(
          deps,
          REMINDER_ACTOR,
          again.incident,
          {
            incident: addOverdue(again.incident, ref) as StoredIncident,
            timeline: [],
            result: undefined,
          },
          rt.effects,
        );
        return true;
      });
      if (!flagged) return null;
    }
    return sendOnce(deps, rt.notify, name, event.dueDate, {
      incidentId: event.incidentId,
      kind,
      subject: overdue
        ? `Overdue: ${label} was due ${event.dueDate}`
        : `Reminder: ${label} is due ${event.dueDate}`,
      content: `${label}: ${String(action.description ?? '')}\nDue: ${event.dueDate}\nStatus: ${String(action.status)}${
        overdue ? '\nThis action is overdue: complete it, or change its due date.' : ''
      }`,
      recipients,
      data: {
        actionId: event.actionId,
        ...(event.kind === 'coordinated-action' ? { activationId: event.activationId } : {}),
        dueDate: event.dueDate,
        stage: event.stage,
        ...(notAddressable.length ? { notAddressable } : {}),
        ...(overdue ? { overdueAction: overdueRef(event) } : {}),
      },
    });
  })();
  if (result === undefined) return { acted: false, name, reason: 'already sent (duplicate firing)' };
  if (result === null) return { acted: false, name, reason: 'the action closed meanwhile' };
  return { acted: true, name, kind, communicationId: result.communicationId };
}

/** What `decideActionFire` needs from an item read for `event`. */
function fireFacts(
  event: ActionReminderEvent,
  read: NonNullable<Awaited<ReturnType<typeof readDueItem>>>,
  now: Date,
): Parameters<typeof decideActionFire>[0] {
  const item = read.child as { status: string; dueDate?: string; description?: string } | undefined;
  const open =
    item !== undefined &&
    (event.kind === 'action'
      ? item.status === 'pending' || item.status === 'in_progress'
      : isOpenCoordinatedAction(item.status as Parameters<typeof isOpenCoordinatedAction>[0]));
  return {
    stage: event.stage,
    dueDate: event.dueDate,
    incidentStatus: read.incident.status,
    item,
    open,
    now,
  };
}

async function actionRecipients(
  deps: Deps,
  event: ActionReminderEvent,
  action: Record<string, unknown>,
): Promise<{ recipients: NoticeRecipients; notAddressable: { assignedTo: string; reason: string }[] }> {
  if (event.kind === 'coordinated-action') {
    const organizations = [
      String(action.responsibleOrganization),
      ...((action.supportingOrganizations as string[] | undefined) ?? []),
    ];
    return { recipients: { organizations: [...new Set(organizations)] }, notAddressable: [] };
  }
  const assignedTo = String(action.assignedTo ?? '');
  const contact = assignedTo ? (await loadContacts(deps, [assignedTo])).get(assignedTo) : undefined;
  const organizations = typeof action.thirdParty === 'string' ? [action.thirdParty] : [];
  return {
    recipients: {
      ...(contact ? { contacts: [assignedTo] } : {}),
      ...(organizations.length ? { organizations } : {}),
    },
    notAddressable: contact
      ? []
      : [{ assignedTo, reason: 'assignedTo is not a contact id: Liaison cannot address it' }],
  };
}

// ---------- obligations ----------

const REMINDED: readonly StakeholderGroup[] = ['legal', 'compliance'];
const ESCALATED: readonly StakeholderGroup[] = ['legal', 'compliance', 'coordination', 'executives'];

/** The incident commander's contact, as the command roles write it on the incident item. */
export function commanderContactId(incident: object): string | undefined {
  const command = (incident as { command?: { incident_commander?: { contactId?: unknown } } }).command;
  const id = command?.incident_commander?.contactId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

async function fireObligation(
  deps: Deps,
  rt: EscalationRuntime,
  event: ObligationReminderEvent,
): Promise<FireResult> {
  const name = obligationScheduleName(
    event.incidentId,
    event.obligationId,
    event.clockId,
    event.pct,
    event.due,
  );
  let read: Awaited<ReturnType<Deps['repos']['obligations']['incidentAndObligation']>>;
  try {
    read = await deps.repos.obligations.incidentAndObligation(event.incidentId, event.obligationId);
  } catch (error) {
    if (error instanceof NotFoundError) return { acted: false, name, reason: 'the incident does not exist' };
    throw error;
  }
  const now = deps.now();
  const view = read.obligation
    ? obligationView(
        read.obligation,
        read.incident.discoveryDate,
        now,
        regulatoryConfig(),
        read.incident.exercise === true,
      )
    : undefined;
  const clock = view?.clocks.find((c) => c.clockId === event.clockId);
  const decision = decideObligationFire({ pct: event.pct, due: event.due, clock, now });
  if (!decision.act || !view || !clock) return skip(name, decision);
  const overdue = event.pct >= 100;
  const commander = commanderContactId(read.incident);
  const kind = overdue ? 'obligation.overdue' : 'obligation.reminder';
  // An exercise's regulator clock is simulated: its reminders say so (and are [EXERCISE]-marked).
  const what = `${view.simulated ? 'SIMULATED (exercise) ' : ''}${view.name}: ${clock.name} to ${clock.recipient}`;
  // The notice and the escalation each have their own sent-marker: a failed escalation is retried by
  // Scheduler without sending the notice again.
  const notice = await sendOnce(deps, rt.notify, name, event.due, {
    incidentId: event.incidentId,
    kind,
    subject: overdue
      ? `Regulatory deadline missed: ${what} was due ${event.due}`
      : `Regulatory reminder (${event.pct} % of the clock): ${what} is due ${event.due}`,
    content: [
      `${what} (${clock.citation})`,
      `Due: ${event.due}${clock.timeLeft ? ` (time left ${clock.timeLeft})` : ''}`,
      `Still missing: ${clock.missingItems.length ? clock.missingItems.join(', ') : 'nothing'}`,
      view.simulated
        ? 'This is an exercise: the clock is simulated and nothing is to be submitted to a regulator.'
        : overdue
          ? 'The deadline has passed: submit now and record the reasons for the delay.'
          : '',
    ]
      .filter((l) => l !== '')
      .join('\n'),
    recipients: {
      ...(commander ? { contacts: [commander] } : {}),
      groups: [...(overdue ? ESCALATED : REMINDED)],
    },
    data: {
      obligationId: event.obligationId,
      clockId: event.clockId,
      pct: event.pct,
      due: event.due,
      ...(commander ? {} : { incidentCommander: 'no incident commander assigned' }),
    },
  });
  const escalation =
    overdue && read.incident.status === 'open'
      ? await once(deps, `${name}.escalation`, event.due, () =>
          createEscalation(
            deps,
            REMINDER_ACTOR,
            event.incidentId,
            {
              reason: `Regulatory deadline missed: ${what} was due ${event.due}`,
              escalatedTo: `${commander ? 'incident commander, ' : ''}legal, compliance, coordination, executives`,
              priority: 'high',
            },
            rt,
          ),
        )
      : undefined;
  if (!notice && !escalation) return { acted: false, name, reason: 'already sent (duplicate firing)' };
  return {
    acted: true,
    name,
    kind,
    communicationId: notice?.communicationId ?? null,
    ...(escalation ? { escalationId: escalation.escalationId } : {}),
  };
}
