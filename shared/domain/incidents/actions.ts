import { withOptimisticRetry } from '../../db/transact.js';
import { NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { Action, CreateActionBody, UpdateActionBody } from '../../schemas/incidents.js';
import { summarized, withAction } from '../dashboard/summary.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { removeOverdue } from '../reminders/plan.js';
import {
  cancelReminderSchedules,
  NO_REMINDER_CHANGE,
  planDueReminders,
  reminderPrepare,
} from '../reminders/schedules.js';
import { bump, thirdPartyRef } from './changes.js';
import { assertActionTransition, assertIncidentOpen } from './rules.js';
import { assertIfMatch, commit, mutate } from './unit-of-work.js';

export async function createAction(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateActionBody,
  rt: EscalationRuntime,
  ifMatch?: number,
): Promise<Action> {
  const scheduling = rt.scheduling;
  const created = await mutate(
    deps,
    caller,
    incidentId,
    (current) => {
      assertIncidentOpen(current);
      const { n, incident } = bump(current, 'actionSeq');
      const at = deps.now().toISOString();
      const action: Action = {
        actionId: `ACTION-${n}`,
        description: body.description,
        assignedTo: body.assignedTo,
        ...(body.thirdParty ? { thirdParty: body.thirdParty } : {}),
        ...(body.actionType ? { actionType: body.actionType } : {}),
        priority: body.priority ?? current.priority,
        ...(body.dueDate ? { dueDate: body.dueDate } : {}),
        status: 'pending',
        createdAt: at,
        createdBy: caller.subject,
        updatedAt: at,
        version: 1,
      };
      const ref = thirdPartyRef(deps, 'body.thirdParty', body.thirdParty, 0);
      // Reminder and overdue notice of the due date (docs/reminders.md), scheduled before the commit.
      const plan = planDueReminders(deps.now(), dueItem(incidentId, action), dueState(action));
      return {
        incident: summarized(incident, (s) => withAction(s, action)),
        items: [...ref.items, deps.repos.incidents.newAction(incidentId, action)],
        refs: ref.refs,
        ...reminderPrepare(scheduling, plan),
        timeline: [
          {
            type: 'action.created',
            summary: `${action.actionId} assigned to ${action.assignedTo}: ${action.description}`,
            data: { actionId: action.actionId, assignedTo: action.assignedTo, priority: action.priority },
          },
        ],
        result: action,
      };
    },
    rt.effects,
    { ifMatch, operation: 'createAction' },
  );
  return created;
}

const dueItem = (incidentId: string, a: Action) => ({
  kind: 'action' as const,
  incidentId,
  actionId: a.actionId,
});
const dueState = (a: Action) => ({
  open: a.status === 'pending' || a.status === 'in_progress',
  dueDate: a.dueDate,
});

function actionNumber(actionId: string): number {
  const m = /^ACTION-([1-9]\d{0,5})$/.exec(actionId);
  if (!m) throw new NotFoundError(`Action ${actionId} not found`);
  return Number(m[1]);
}

export async function updateAction(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  actionId: string,
  body: UpdateActionBody,
  rt: EscalationRuntime,
  ifMatch?: number,
): Promise<Action> {
  const scheduling = rt.scheduling;
  actionNumber(actionId); // 404 for a malformed id
  let plan = NO_REMINDER_CHANGE;
  const updated = await withOptimisticRetry(async () => {
    const { incident: current, action } = await deps.repos.incidents.getWithAction(incidentId, actionId);
    assertIfMatch(current, ifMatch);
    if (!action) throw new NotFoundError(`Action ${actionId} not found on incident ${incidentId}`);
    assertIncidentOpen(current);
    assertActionTransition(actionId, action.status, body.status);
    const at = deps.now().toISOString();
    const { completedDate: _drop, dueDate: _due, ...rest } = action;
    const dueDate = body.dueDate === undefined ? action.dueDate : (body.dueDate ?? undefined);
    const redated = dueDate !== action.dueDate;
    // Completed, cancelled or re-dated: no longer overdue (the reminder job flags it again if still due).
    const settled = body.status === 'completed' || body.status === 'cancelled' || redated;
    const next: Action = {
      ...rest,
      ...(dueDate ? { dueDate } : {}),
      status: body.status,
      ...(body.notes !== undefined ? { notes: body.notes } : action.notes ? { notes: action.notes } : {}),
      ...(body.status === 'completed' ? { completedDate: at } : {}),
      updatedAt: at,
      version: action.version + 1,
    };
    // New reminder schedules before the commit, the old ones deleted after it (docs/reminders.md).
    plan = planDueReminders(deps.now(), dueItem(incidentId, next), dueState(next), dueState(action));
    return commit(
      deps,
      caller,
      current,
      {
        ifMatch,
        incident: summarized(settled ? removeOverdue(current, actionId) : current, (s) =>
          withAction(s, next),
        ),
        items: [deps.repos.incidents.replaceAction(incidentId, next, action.version)],
        ...reminderPrepare(scheduling, plan),
        timeline: [
          {
            type: 'action.updated',
            summary: `${
              action.status === body.status
                ? `${actionId} ${redated ? 'due date changed' : 'notes updated'}`
                : `${actionId} ${action.status} → ${body.status}${body.notes ? `: ${body.notes}` : ''}`
            }${redated ? ` (due ${dueDate ?? 'none'})` : ''}`,
            data: {
              actionId,
              from: action.status,
              to: body.status,
              ...(body.notes ? { notes: body.notes } : {}),
              ...(redated ? { dueDate: dueDate ?? null, previousDueDate: action.dueDate ?? null } : {}),
            },
          },
        ],
        result: next,
      },
      rt.effects,
    );
  });
  if (scheduling) await cancelReminderSchedules(scheduling, plan);
  return updated;
}
