/**
 * Reminder rules (pure; docs/reminders.md): when the reminders of an action's due date and of a
 * regulatory clock go out, what their schedules are called, and whether a firing still acts.
 *
 * A schedule carries the due instant it was planned for. When it fires, the target re-reads the
 * item and acts only if the item is still open with that same due instant, so a firing that is
 * stale (the item was completed, cancelled, submitted or re-dated), late (a reminder that fires
 * after the deadline it announces) or a duplicate (a second firing of one schedule: a sent-marker
 * keyed by schedule name and due instant) does nothing.
 */
import { fireInstant, scheduleName } from '../../scheduling/schedules.js';

export type ActionStage = 'remind' | 'overdue';

export interface PlannedAction {
  readonly stage: ActionStage;
  readonly at: Date;
}

export interface PlannedClock {
  /** Percent of the clock (50, 80, 100): part of the schedule's name. */
  readonly pct: number;
  readonly at: Date;
}

/**
 * The reminder and the overdue notice of a due date, as of `now`:
 * - the overdue notice at the due date;
 * - the reminder `offsetSeconds` before it, or, when less time than that is left, half-way between
 *   now and the due date;
 * - a due date already past: the overdue notice only, now (clamped).
 */
export function actionReminderInstants(now: Date, due: Date, offsetSeconds: number): PlannedAction[] {
  const left = due.getTime() - now.getTime();
  if (left <= 0) return [{ stage: 'overdue', at: fireInstant(now) }];
  const offset = offsetSeconds * 1000;
  const remind = left > offset ? due.getTime() - offset : now.getTime() + left / 2;
  return [
    { stage: 'remind', at: fireInstant(new Date(remind)) },
    { stage: 'overdue', at: fireInstant(due) },
  ];
}

/**
 * The reminders of one clock (started at `start`, due at `due`) at `fractions` of it (ascending, in
 * (0, 1]; 1 is the deadline: the overdue escalation). Instants already past collapse into ONE
 * reminder now, the latest of them (no point in sending "50 %" and "80 %" together); later ones stay.
 */
export function obligationReminderInstants(
  start: Date,
  due: Date,
  now: Date,
  fractions: readonly number[],
): PlannedClock[] {
  const span = Math.max(0, due.getTime() - start.getTime());
  const all = [...new Set([...fractions, 1])]
    .sort((a, b) => a - b)
    .map((f) => ({ pct: Math.round(f * 100), at: fireInstant(new Date(start.getTime() + f * span)) }));
  const past = all.filter((p) => p.at.getTime() <= now.getTime());
  const future = all.filter((p) => p.at.getTime() > now.getTime());
  const latestPast = past.at(-1);
  return [...(latestPast ? [{ pct: latestPast.pct, at: fireInstant(now) }] : []), ...future];
}

/** Every percent a clock may have a schedule for (to cancel them all). */
export const allPercents = (fractions: readonly number[]): number[] =>
  [...new Set([...fractions, 1])].sort((a, b) => a - b).map((f) => Math.round(f * 100));

// ---------- schedule names (built here only) ----------

export const STAGES: readonly ActionStage[] = ['remind', 'overdue'];

/**
 * The due instant as a name part (`t<epoch seconds>`): a schedule is the identity of ONE firing for
 * ONE planned instant, so the schedules of a new due date never collide with the old ones. That lets
 * a change create its new schedules BEFORE its transaction (a Scheduler failure then writes
 * nothing) and delete the old ones after it (a failed delete leaves a schedule that fires, re-reads,
 * finds another due instant and does nothing).
 */
const instantPart = (iso: string): string => `t${Math.floor(Date.parse(iso) / 1000)}`;

/** `due.<incidentId>.<actionId>.<stage>.t<due>`: a response action's reminder or overdue notice. */
export const actionScheduleName = (incidentId: string, actionId: string, stage: ActionStage, due: string) =>
  scheduleName(['due', incidentId, actionId, stage, instantPart(due)]);

/** `due.<incidentId>.<activationId>.<actionId>.<stage>.t<due>` (hashed when long): a coordinated action's. */
export const coordinatedScheduleName = (
  incidentId: string,
  activationId: string,
  actionId: string,
  stage: ActionStage,
  due: string,
) => scheduleName(['due', incidentId, activationId, actionId, stage, instantPart(due)]);

/** `obl.<incidentId>.<obligationId>.<clockId>.p<pct>.t<due>`: a regulatory clock's reminder at pct %. */
export const obligationScheduleName = (
  incidentId: string,
  obligationId: string,
  clockId: string,
  pct: number,
  due: string,
) => scheduleName(['obl', incidentId, obligationId, clockId, `p${pct}`, instantPart(due)]);

/** `agr.<updateId>.<stage>.t<due>`: an agreement update's reminder or overdue notice (docs/agreements.md). */
export const agreementUpdateScheduleName = (updateId: string, stage: ActionStage, due: string) =>
  scheduleName(['agr', updateId, stage, instantPart(due)]);

// ---------- the re-read decision ----------

export type Decision = { readonly act: true } | { readonly act: false; readonly reason: string };

const sameInstant = (a: string | null | undefined, b: string) =>
  a !== undefined && a !== null && Date.parse(a) === Date.parse(b);

/** Does an action reminder that fires now still act? `item` is the action as re-read (undefined: gone). */
export function decideActionFire(input: {
  readonly stage: ActionStage;
  readonly dueDate: string;
  readonly incidentStatus: string;
  readonly item: { readonly status: string; readonly dueDate?: string } | undefined;
  readonly open: boolean;
  readonly now: Date;
}): Decision {
  const { item } = input;
  if (input.incidentStatus !== 'open') return { act: false, reason: 'the incident is closed' };
  if (!item) return { act: false, reason: 'the action does not exist' };
  if (!input.open) return { act: false, reason: `the action is ${item.status}` };
  if (!sameInstant(item.dueDate, input.dueDate)) {
    return { act: false, reason: 'the due date changed since this reminder was planned' };
  }
  if (input.stage === 'remind' && input.now.getTime() >= Date.parse(input.dueDate)) {
    return { act: false, reason: 'the reminder fired after the due date; the overdue notice covers it' };
  }
  return { act: true };
}

/** Does an agreement update's reminder that fires now still act? `item` as re-read (undefined: gone). */
export function decideAgreementUpdateFire(input: {
  readonly stage: ActionStage;
  readonly dueDate: string;
  readonly item: { readonly status: string; readonly dueDate: string } | undefined;
  readonly open: boolean;
  readonly now: Date;
}): Decision {
  const { item } = input;
  if (!item) return { act: false, reason: 'the agreement update does not exist' };
  if (!input.open) return { act: false, reason: `the agreement update is ${item.status}` };
  if (!sameInstant(item.dueDate, input.dueDate)) {
    return { act: false, reason: 'the due date changed since this reminder was planned' };
  }
  if (input.stage === 'remind' && input.now.getTime() >= Date.parse(input.dueDate)) {
    return { act: false, reason: 'the reminder fired after the due date; the overdue notice covers it' };
  }
  return { act: true };
}

/** Does an obligation reminder that fires now still act? `clock` as re-read (undefined: gone). */
export function decideObligationFire(input: {
  readonly pct: number;
  readonly due: string;
  readonly clock:
    | { readonly status: string; readonly due: string | null; readonly applicable: boolean }
    | undefined;
  readonly now: Date;
}): Decision {
  const { clock } = input;
  if (!clock) return { act: false, reason: 'the obligation or its clock does not exist' };
  if (clock.status === 'submitted') return { act: false, reason: 'the notice was submitted' };
  if (!clock.applicable || clock.status === 'not_applicable') {
    return { act: false, reason: 'the clock does not apply under the recorded facts' };
  }
  if (!sameInstant(clock.due, input.due)) {
    return { act: false, reason: 'the deadline moved since this reminder was planned' };
  }
  if (input.pct < 100 && input.now.getTime() >= Date.parse(input.due)) {
    return { act: false, reason: 'the reminder fired after the deadline; the overdue escalation covers it' };
  }
  return { act: true };
}

// ---------- overdueActions on the incident item ----------

/** How an overdue action is named in the incident's `overdueActions`: `ACTION-n`, or `<activationId>/COORD-n`. */
export const overdueRef = (item: {
  readonly kind: 'action' | 'coordinated-action';
  readonly actionId: string;
  readonly activationId?: string;
}): string => (item.kind === 'action' ? item.actionId : `${item.activationId}/${item.actionId}`);

type WithOverdue = { readonly overdueActions?: readonly string[] };

/** The incident with `ref` in `overdueActions` (unchanged when already there). */
export function addOverdue<T extends WithOverdue>(incident: T, ref: string): T {
  const current = incident.overdueActions ?? [];
  return current.includes(ref) ? incident : { ...incident, overdueActions: [...current, ref] };
}

/** The incident without `ref` in `overdueActions` (the attribute dropped when it empties). */
export function removeOverdue<T extends WithOverdue>(incident: T, ref: string): T {
  const current = incident.overdueActions ?? [];
  if (!current.includes(ref)) return incident;
  const { overdueActions: _drop, ...rest } = incident;
  const left = current.filter((r) => r !== ref);
  return (left.length ? { ...rest, overdueActions: left } : rest) as T;
}
