/**
 * The incident's dashboard summary (docs/data-model.md, pattern 36): what GET /dashboard needs of an
 * incident's children, kept ON the incident item by the changes that move it (creating or updating
 * an action, recording a communication or notice, attaching / updating / submitting an obligation).
 * The incident item is in every incident transaction and projected into gsi1 (by creation) and gsi2
 * (by status), so the dashboard's two index Queries return the summaries with the incidents: no
 * per-incident read. Pure functions; the stored shape is `IncidentDashboardSummary`.
 */
import type { DashboardSummary, StoredIncident } from '../../db/entities/incident.js';
import type { Action } from '../../schemas/incidents.js';
import type { Obligation } from '../../schemas/obligations.js';

/** Open actions with a due date kept on the summary (earliest due first); more: `dueActionsTruncated`. */
export const MAX_DUE_ACTIONS = 25;

const OPEN = new Set(['pending', 'in_progress']);

export const EMPTY_SUMMARY: DashboardSummary = { dueActions: [], clocks: [] };

const earliest = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : a < b ? a : b;

/** The summary after an action was created or changed. */
export function withAction(summary: DashboardSummary, action: Action): DashboardSummary {
  const others = summary.dueActions.filter((a) => a.actionId !== action.actionId);
  const due =
    action.dueDate && OPEN.has(action.status)
      ? [
          ...others,
          {
            actionId: action.actionId,
            description: action.description,
            dueDate: action.dueDate,
            status: action.status,
          },
        ]
      : others;
  due.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const contained = action.status === 'completed' ? action.completedDate : undefined;
  const firstContainmentAt = earliest(summary.firstContainmentAt, contained);
  return {
    ...summary,
    dueActions: due.slice(0, MAX_DUE_ACTIONS),
    ...(due.length > MAX_DUE_ACTIONS || summary.dueActionsTruncated ? { dueActionsTruncated: true } : {}),
    ...(firstContainmentAt ? { firstContainmentAt } : {}),
  };
}

/** The summary after a communication (or a notice) was recorded at `recordedAt`. */
export function withCommunication(summary: DashboardSummary, recordedAt: string): DashboardSummary {
  return { ...summary, firstCommunicationAt: earliest(summary.firstCommunicationAt, recordedAt) as string };
}

/** The summary after an obligation's clocks were (re)computed: its open clocks with a due instant. */
export function withObligation(summary: DashboardSummary, obligation: Obligation): DashboardSummary {
  const open = obligation.clocks
    .filter(
      (c) => c.applicable && c.due !== null && c.status !== 'submitted' && c.status !== 'not_applicable',
    )
    .map((c) => ({
      obligationId: obligation.obligationId,
      regime: obligation.regime,
      clock: c.clockId,
      dueAt: c.due as string,
    }));
  return {
    ...summary,
    clocks: [...summary.clocks.filter((c) => c.obligationId !== obligation.obligationId), ...open],
  };
}

/**
 * The incident with its summary changed by `f`; an incident stored before summaries existed keeps
 * none (the dashboard reads such an incident in full, as before).
 */
export function summarized(
  incident: StoredIncident,
  f: (summary: DashboardSummary) => DashboardSummary,
): StoredIncident {
  return incident.dashboard ? { ...incident, dashboard: f(incident.dashboard) } : incident;
}
