/**
 * Reminder schedules (docs/reminders.md). A change that moves a due date or a regulatory clock
 * gets a plan (pure): the `reminder` schedules to create for the new instant and the names of the
 * old instant's schedules to delete; items that close (completed, cancelled, declined, submitted)
 * only delete. Names carry the planned instant (`plan.ts`), so old and new never collide, and:
 *  - `createReminderSchedules` runs BEFORE the change's transaction (`Change.prepare`): when
 *    Scheduler fails, the request fails (503 when it is throttling/unavailable) and NOTHING is
 *    written; a retry creates nothing twice (idempotent by name);
 *  - `cancelReminderSchedules` runs AFTER the commit and never fails the request: a schedule it
 *    could not delete (or one created for a transaction that then failed) fires, re-reads the item,
 *    finds another instant or a closed item (`decide*Fire`) and does nothing.
 */

import type { SchedulingDeps } from '../../aws/ports.js';
import { remindersConfig } from '../../config.js';
import { logger } from '../../logging.js';
import { cancelSchedule, type OneTimeSchedule, scheduleOnce } from '../../scheduling/schedules.js';
import type { Obligation } from '../../schemas/obligations.js';
import type { ReminderEvent } from '../../schemas/reminders.js';
import {
  type ActionStage,
  actionReminderInstants,
  actionScheduleName,
  agreementUpdateScheduleName,
  allPercents,
  coordinatedScheduleName,
  obligationReminderInstants,
  obligationScheduleName,
  STAGES,
} from './plan.js';

/** The scheduled function every reminder schedule targets (SCHEDULED_FUNCTIONS, infra/functions.ts). */
export const REMINDER_TARGET = 'reminder';

/** An action with a due date: a response action, or a coordinated action of an activation. */
export type DueItem =
  | { readonly kind: 'action'; readonly incidentId: string; readonly actionId: string }
  | {
      readonly kind: 'coordinated-action';
      readonly incidentId: string;
      readonly activationId: string;
      readonly actionId: string;
    };

export interface DueState {
  readonly open: boolean;
  readonly dueDate?: string | undefined;
}

const nameOf = (item: DueItem, stage: ActionStage, due: string) =>
  item.kind === 'action'
    ? actionScheduleName(item.incidentId, item.actionId, stage, due)
    : coordinatedScheduleName(item.incidentId, item.activationId, item.actionId, stage, due);

/** What one change does to the reminder schedules of one item. */
export interface ReminderPlan {
  readonly create: readonly OneTimeSchedule[];
  readonly cancel: readonly string[];
}

export const NO_REMINDER_CHANGE: ReminderPlan = { create: [], cancel: [] };

/** Both plans of a change that touches several items (an activation's actions). */
export const mergePlans = (plans: readonly ReminderPlan[]): ReminderPlan => ({
  create: plans.flatMap((p) => p.create),
  cancel: plans.flatMap((p) => p.cancel),
});

/** Before the transaction: creates the new schedules (idempotent by name); a failure aborts the change. */
export async function createReminderSchedules(sched: SchedulingDeps, plan: ReminderPlan): Promise<void> {
  await Promise.all(plan.create.map((s) => scheduleOnce(sched, s)));
}

/**
 * The `prepare` of a change (`Change.prepare`, run by `commit` just before its transaction) that
 * creates `plan`'s schedules; nothing when this process does not schedule or the plan creates none.
 */
export function reminderPrepare(
  scheduling: SchedulingDeps | undefined,
  plan: ReminderPlan,
): { prepare?: () => Promise<void> } {
  return scheduling && plan.create.length > 0
    ? { prepare: () => createReminderSchedules(scheduling, plan) }
    : {};
}

/** After the commit: deletes the old schedules; a failure is logged, never thrown (see above). */
export async function cancelReminderSchedules(sched: SchedulingDeps, plan: ReminderPlan): Promise<void> {
  const results = await Promise.allSettled(plan.cancel.map((name) => cancelSchedule(sched, name)));
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      logger.warn('reminder schedule not deleted (it will fire and do nothing)', {
        schedule: plan.cancel[i],
        error: r.reason instanceof Error ? r.reason.message : String(r.reason),
      });
    }
  });
}

const sameDue = (a: string | undefined, b: string | undefined) =>
  a === b || (a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b));

/**
 * The reminder and overdue notice of one action after a change (`before`: its state before the
 * change, undefined when it was just created). Unchanged due date and still open: nothing to do
 * (the schedules planned earlier stand, or already fired).
 */
export function planDueReminders(now: Date, item: DueItem, after: DueState, before?: DueState): ReminderPlan {
  if (before !== undefined && before.open === after.open && sameDue(before.dueDate, after.dueDate)) {
    return NO_REMINDER_CHANGE;
  }
  const old = before?.open && before.dueDate ? before.dueDate : undefined;
  const cancel = old ? STAGES.map((s) => nameOf(item, s, old)) : [];
  const due = after.open ? after.dueDate : undefined;
  const create: OneTimeSchedule[] = due
    ? actionReminderInstants(now, new Date(due), remindersConfig().actionReminderOffsetSeconds).map(
        ({ stage, at }) => {
          const payload: ReminderEvent = { ...item, stage, dueDate: due };
          return {
            name: nameOf(item, stage, due),
            at,
            target: REMINDER_TARGET,
            payload,
            description: `${stage === 'remind' ? 'Reminder' : 'Overdue notice'} of ${item.actionId} on ${item.incidentId}`,
          };
        },
      )
    : [];
  return { create, cancel };
}

/**
 * The reminder and overdue notice of an agreement update's due date after a change (`before`:
 * undefined when just created), exactly like an action's (same offset, same target).
 */
export function planAgreementUpdateReminders(
  now: Date,
  updateId: string,
  after: { readonly open: boolean; readonly dueDate: string },
  before?: { readonly open: boolean; readonly dueDate: string },
): ReminderPlan {
  if (before !== undefined && before.open === after.open && sameDue(before.dueDate, after.dueDate)) {
    return NO_REMINDER_CHANGE;
  }
  const cancel = before?.open
    ? STAGES.map((s) => agreementUpdateScheduleName(updateId, s, before.dueDate))
    : [];
  const due = after.open ? after.dueDate : undefined;
  const create: OneTimeSchedule[] = due
    ? actionReminderInstants(now, new Date(due), remindersConfig().actionReminderOffsetSeconds).map(
        ({ stage, at }) => {
          const payload: ReminderEvent = { kind: 'agreement-update', updateId, stage, dueDate: due };
          return {
            name: agreementUpdateScheduleName(updateId, stage, due),
            at,
            target: REMINDER_TARGET,
            payload,
            description: `${stage === 'remind' ? 'Reminder' : 'Overdue notice'} of agreement update ${updateId}`,
          };
        },
      )
    : [];
  return { create, cancel: cancel.filter((name) => !create.some((c) => c.name === name)) };
}

/** What about a clock moves its reminders: its deadline, and whether it still runs. */
const clockKey = (c: Obligation['clocks'][number]) =>
  `${c.due ?? '-'}|${c.status === 'submitted' || c.status === 'not_applicable' ? c.status : 'running'}`;

/**
 * The reminders of every clock of an obligation whose deadline or state moved between `before`
 * (undefined: just attached) and `after` (the obligation as now computed).
 */
export function planObligationReminders(
  now: Date,
  incidentId: string,
  after: Obligation,
  before?: Obligation,
): ReminderPlan {
  const { obligationReminderFractions: fractions } = remindersConfig();
  const cancel: string[] = [];
  const create: OneTimeSchedule[] = [];
  for (const clock of after.clocks) {
    const previous = before?.clocks.find((c) => c.clockId === clock.clockId);
    if (previous && clockKey(previous) === clockKey(clock)) continue;
    const previousDue = previous?.due;
    if (previousDue) {
      cancel.push(
        ...allPercents(fractions).map((p) =>
          obligationScheduleName(incidentId, after.obligationId, clock.clockId, p, previousDue),
        ),
      );
    }
    const running = clock.applicable && clock.status !== 'submitted' && clock.status !== 'not_applicable';
    const due = clock.due;
    if (!running || due === null || clock.startedAt === null) continue;
    for (const { pct, at } of obligationReminderInstants(
      new Date(clock.startedAt),
      new Date(due),
      now,
      fractions,
    )) {
      const payload: ReminderEvent = {
        kind: 'obligation',
        incidentId,
        obligationId: after.obligationId,
        clockId: clock.clockId,
        pct,
        due,
      };
      create.push({
        name: obligationScheduleName(incidentId, after.obligationId, clock.clockId, pct, due),
        at,
        target: REMINDER_TARGET,
        payload,
        description: `${after.name}: ${clock.name} at ${pct} % of its clock (${incidentId})`,
      });
    }
  }
  // A clock whose instant did not move but whose state did (submitted) is cancelled, not re-created.
  return { create, cancel: cancel.filter((name) => !create.some((c) => c.name === name)) };
}
