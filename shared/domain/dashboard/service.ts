/**
 * GET /dashboard (issue 13): the coordination center's first page, in a small bounded number of
 * reads (docs/data-model.md, access patterns):
 *  1. open incidents — ONE Query of gsi2 `INCIDENT#STATUS#open` (paged): counts by priority;
 *  2. incidents opened in the period — ONE Query of gsi1 `INCIDENT`, sort key between `from`/`to`;
 *  3. the {@link MAX_DETAILED} most recent open incidents and the {@link MAX_DETAILED} most recent of
 *     the period — ONE Query each of the incident's partition (getIncident): overdue actions,
 *     regulatory clocks due within 24 h, first communication / completed action for the metrics;
 *  4. directory health — the verification sweep's two summary items (GetItem each).
 * So at most 2 + 2 × MAX_DETAILED Queries + 2 GetItems, whatever the table holds; `truncated` says
 * when more incidents than that were open or opened in the period. Exercise incidents
 * (`exercise: true`, docs/exercises.md) count in none of these figures: they are dropped from both
 * lists before anything is counted or read in detail.
 */
import type { DashboardSummary } from '../../db/entities/incident.js';
import type { SummarizedIncident } from '../../db/repositories.js';
import { ValidationError } from '../../errors.js';
import type { Priority } from '../../schemas/common.js';
import type { Dashboard, DashboardQuery } from '../../schemas/console.js';
import type { IncidentDetail } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';
import { getIncident } from '../incidents/reads.js';
import { directoryHealth } from '../verification/service.js';

/** Incidents read in detail per list (open / opened in the period). */
export const MAX_DETAILED = 25;
/** Regulatory clocks due within this window (or already overdue) are listed. */
export const CLOCK_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Default period: the 30 days before `to`. */
export const DEFAULT_PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

const PRIORITIES: readonly Priority[] = ['critical', 'high', 'medium', 'low'];
const OPEN_ACTION = new Set(['pending', 'in_progress']);
const minutes = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 60_000;

/** Exercise incidents never count in production figures (docs/exercises.md). */
const isProduction = (i: { exercise?: boolean | undefined }): boolean => i.exercise !== true;

/** Median, rounded to a tenth of a minute; null without samples. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return Math.round(m * 10) / 10;
}

/** The period asked for: `to` default now, `from` default 30 days before; 400 when from > to. */
export function period(query: DashboardQuery, now: Date): { from: string; to: string } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from.getTime() > to.getTime()) {
    throw new ValidationError('The period ends before it starts', [
      { field: 'query.from', message: 'must not be after `to`' },
    ]);
  }
  return { from: from.toISOString(), to: to.toISOString() };
}

/** Overdue actions and clocks due soon of one incident (pure). */
export function incidentAttention(detail: IncidentDetail, now: Date) {
  const overdueActions = detail.actions
    .filter((a) => a.dueDate && OPEN_ACTION.has(a.status) && Date.parse(a.dueDate) < now.getTime())
    .map((a) => ({
      incidentId: detail.id,
      actionId: a.actionId,
      description: a.description,
      dueDate: a.dueDate as string,
      status: a.status,
    }));
  const horizon = now.getTime() + CLOCK_WINDOW_MS;
  const clocksDue = detail.obligations.flatMap((o) =>
    o.clocks
      .filter(
        (c) =>
          c.applicable &&
          c.due !== null &&
          c.status !== 'submitted' &&
          c.status !== 'not_applicable' &&
          Date.parse(c.due) <= horizon,
      )
      .map((c) => ({
        incidentId: detail.id,
        obligationId: o.obligationId,
        regime: o.regime,
        clock: c.clockId,
        dueAt: c.due as string,
      })),
  );
  return { overdueActions, clocksDue };
}

/** Minutes from opening to the first communication, first completed action, closure (pure). */
export function incidentTimes(detail: IncidentDetail) {
  const first = (values: (string | undefined)[]) =>
    values.filter((v): v is string => typeof v === 'string').sort()[0];
  const comm = first(detail.communications.map((c) => c.recordedAt));
  const contained = first(detail.actions.filter((a) => a.status === 'completed').map((a) => a.completedDate));
  return {
    acknowledged: comm ? minutes(detail.createdAt, comm) : undefined,
    contained: contained ? minutes(detail.createdAt, contained) : undefined,
    closed: detail.closureDate ? minutes(detail.createdAt, detail.closureDate) : undefined,
  };
}

/** {@link incidentAttention} from the incident's dashboard summary (no read of its children). */
export function summaryAttention(incident: SummarizedIncident, summary: DashboardSummary, now: Date) {
  const horizon = now.getTime() + CLOCK_WINDOW_MS;
  return {
    overdueActions: summary.dueActions
      .filter((a) => Date.parse(a.dueDate) < now.getTime())
      .map((a) => ({ incidentId: incident.id, ...a })),
    clocksDue: summary.clocks
      .filter((c) => Date.parse(c.dueAt) <= horizon)
      .map((c) => ({ incidentId: incident.id, ...c })),
  };
}

/** {@link incidentTimes} from the incident's dashboard summary. */
export function summaryTimes(incident: SummarizedIncident, summary: DashboardSummary) {
  return {
    acknowledged: summary.firstCommunicationAt
      ? minutes(incident.createdAt, summary.firstCommunicationAt)
      : undefined,
    contained: summary.firstContainmentAt
      ? minutes(incident.createdAt, summary.firstContainmentAt)
      : undefined,
    closed: incident.closureDate ? minutes(incident.createdAt, incident.closureDate) : undefined,
  };
}

export async function getDashboard(deps: Deps, query: DashboardQuery): Promise<Dashboard> {
  const now = deps.now();
  const range = period(query, now);
  const [allOpen, allOpened, health] = await Promise.all([
    deps.repos.incidents.open(),
    deps.repos.incidents.createdBetween(range.from, range.to),
    directoryHealth(deps),
  ]);
  const open = allOpen.filter(isProduction);
  const opened = allOpened.filter(isProduction);
  const openByPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const i of open) openByPriority[i.priority] += 1;

  // Incidents stored before the dashboard summary existed are read in full (as before it).
  const unsummarized = [
    ...new Set(
      [...open.slice(0, MAX_DETAILED), ...opened.slice(0, MAX_DETAILED)]
        .filter((i) => !i.dashboard)
        .map((i) => i.id),
    ),
  ];
  const details = new Map<string, IncidentDetail>(
    (await Promise.all(unsummarized.map((id) => getIncident(deps, id)))).map((d) => [d.id, d]),
  );
  const attentionOf = (i: SummarizedIncident) =>
    i.dashboard
      ? summaryAttention(i, i.dashboard, now)
      : incidentAttention(details.get(i.id) as IncidentDetail, now);
  const timesOf = (i: SummarizedIncident) =>
    i.dashboard ? summaryTimes(i, i.dashboard) : incidentTimes(details.get(i.id) as IncidentDetail);

  const attention = open.slice(0, MAX_DETAILED).map(attentionOf);
  const times = opened.slice(0, MAX_DETAILED).map(timesOf);
  const sample = (k: 'acknowledged' | 'contained' | 'closed') =>
    times.map((t) => t[k]).filter((v): v is number => v !== undefined);

  return {
    generatedAt: now.toISOString(),
    period: range,
    openByPriority,
    openByStatus: {
      open: open.length,
      openedInPeriod: opened.length,
      closedOfPeriod: opened.filter((i) => i.status === 'closed').length,
    },
    overdueActions: attention
      .flatMap((a) => a.overdueActions)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    clocksDue: attention.flatMap((a) => a.clocksDue).sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    directoryHealth: { stale: health.total.stale, pending: health.total.pending },
    metrics: {
      incidents: opened.length,
      mttaMinutes: median(sample('acknowledged')),
      timeToContainmentMinutes: median(sample('contained')),
      timeToClosureMinutes: median(sample('closed')),
    },
    truncated: open.length > MAX_DETAILED || opened.length > MAX_DETAILED,
  };
}
