/**
 * The console's first page (`GET /dashboard`, issue 13), assembled from bounded reads:
 *  - open incidents: the `INCIDENT#STATUS#open` index partition, pages of 100, at most
 *    {@link MAX_OPEN} incidents (counts by priority and status, and the list);
 *  - per open incident (at most {@link MAX_OPEN}, in parallel): its collection (one Query:
 *    actions, activations with their coordinated actions, obligations with their clocks) → overdue
 *    actions and coordinated actions, regulatory clocks due in the next 24 h;
 *  - the period's incidents: the `INCIDENT` by-creation index partition, newest first, until
 *    `from` (at most {@link MAX_PERIOD}), and per incident not already read its collection → time
 *    to first outbound communication, to the first completed containment action, to closure;
 *  - directory health: the last verification sweep's summary (`GET /directory/health`, 2 GetItems).
 * `truncated` says when a bound was reached. Requests: 1–{@link MAX_OPEN}/100 Queries + one Query
 * per incident read + 2 GetItems (docs/data-model.md).
 */
import type { Deps } from '../../deps.js';
import { ValidationError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type { Priority } from '../../schemas/common.js';
import type { Dashboard, DashboardQuery } from '../../schemas/console.js';
import type { IncidentDetail, IncidentSummary } from '../../schemas/incidents.js';
import { isOpenAction } from '../incidents/rules.js';
import { getIncident, listIncidents } from '../incidents/service.js';
import { directoryHealth } from '../verification/service.js';

export const MAX_OPEN = 50;
export const MAX_PERIOD = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PERIOD_MS = 30 * DAY_MS;
const OPEN_COORDINATED = new Set(['pending', 'acknowledged', 'in_progress']);

async function collect(
  deps: Deps,
  query: { status?: 'open' },
  max: number,
  keep: (i: IncidentSummary) => 'keep' | 'skip' | 'stop',
): Promise<{ items: IncidentSummary[]; truncated: boolean }> {
  const items: IncidentSummary[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listIncidents(deps, { limit: 100, ...query, ...(cursor ? { cursor } : {}) });
    for (const i of page.items) {
      const verdict = keep(i);
      if (verdict === 'stop') return { items, truncated: false };
      if (verdict === 'keep') {
        if (items.length === max) return { items, truncated: true };
        items.push(i);
      }
    }
    if (!page.nextCursor) return { items, truncated: false };
    cursor = page.nextCursor;
  }
}

const minutes = (from: string, to: string | undefined): number | null =>
  to === undefined ? null : Math.max(0, (Date.parse(to) - Date.parse(from)) / 60_000);

const mean = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? Math.round((v.reduce((a, b) => a + b, 0) / v.length) * 10) / 10 : null;
};

const earliest = (xs: (string | undefined)[]): string | undefined =>
  xs.filter((x): x is string => x !== undefined).sort()[0];

/** Containment: an action typed `containment` (or whose description says "contain"), completed. */
const isContainment = (a: { actionType?: string | undefined; description: string }) =>
  a.actionType === 'containment' || /contain/i.test(a.description);

export async function getDashboard(deps: Deps, caller: Caller, query: DashboardQuery): Promise<Dashboard> {
  const now = deps.now();
  const to = query.to ?? now.toISOString();
  const from = query.from ?? new Date(Date.parse(to) - DEFAULT_PERIOD_MS).toISOString();
  if (Date.parse(from) > Date.parse(to)) {
    throw new ValidationError('from is after to', [{ field: 'query.from', message: 'must not be after to' }]);
  }
  const [open, period, health] = await Promise.all([
    collect(deps, { status: 'open' }, MAX_OPEN, () => 'keep'),
    collect(deps, {}, MAX_PERIOD, (i) =>
      i.createdAt < from ? 'stop' : i.discoveryDate >= from && i.discoveryDate <= to ? 'keep' : 'skip',
    ),
    directoryHealth(deps),
  ]);
  const ids = [...new Set([...open.items, ...period.items].map((i) => i.id))];
  const details = new Map<string, IncidentDetail>(
    await Promise.all(ids.map(async (id) => [id, await getIncident(deps, id, caller)] as const)),
  );

  const openByPriority: Record<Priority, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const openByStatus: Record<string, number> = {};
  for (const i of open.items) {
    openByPriority[i.priority] += 1;
    openByStatus[i.status] = (openByStatus[i.status] ?? 0) + 1;
  }

  const nowIso = now.toISOString();
  const horizon = new Date(now.getTime() + DAY_MS).toISOString();
  const overdueActions: Dashboard['overdueActions'] = [];
  const clocksDue: Dashboard['clocksDue'] = [];
  for (const summary of open.items) {
    const d = details.get(summary.id);
    if (!d) continue;
    for (const a of d.actions) {
      if (isOpenAction(a.status) && a.dueDate !== undefined && a.dueDate < nowIso) {
        overdueActions.push({
          incidentId: d.id,
          actionId: a.actionId,
          kind: 'action',
          description: a.description,
          dueDate: a.dueDate,
        });
      }
    }
    for (const act of d.activations) {
      for (const c of act.actions) {
        if (OPEN_COORDINATED.has(c.status) && c.dueDate !== undefined && c.dueDate < nowIso) {
          overdueActions.push({
            incidentId: d.id,
            actionId: `${act.activationId}/${c.actionId}`,
            kind: 'coordinated',
            description: c.description,
            dueDate: c.dueDate,
          });
        }
      }
    }
    for (const o of d.obligations) {
      for (const c of o.clocks) {
        if (c.applicable && c.due !== null && c.submittedAt === undefined && c.due <= horizon) {
          clocksDue.push({
            incidentId: d.id,
            obligationId: o.obligationId,
            regime: o.regime,
            clock: c.clockId,
            dueAt: c.due,
          });
        }
      }
    }
  }
  overdueActions.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  clocksDue.sort((a, b) => a.dueAt.localeCompare(b.dueAt));

  const inPeriod = period.items.flatMap((i) => details.get(i.id) ?? []);
  const metrics: Dashboard['metrics'] = {
    from,
    to,
    incidents: inPeriod.length,
    mttaMinutes: mean(
      inPeriod.map((d) =>
        minutes(
          d.discoveryDate,
          earliest(d.communications.filter((c) => c.direction === 'outbound').map((c) => c.recordedAt)),
        ),
      ),
    ),
    timeToContainmentMinutes: mean(
      inPeriod.map((d) =>
        minutes(
          d.discoveryDate,
          earliest(
            d.actions.filter((a) => a.status === 'completed' && isContainment(a)).map((a) => a.completedDate),
          ),
        ),
      ),
    ),
    timeToClosureMinutes: mean(inPeriod.map((d) => minutes(d.discoveryDate, d.closureDate))),
  };

  return {
    generatedAt: nowIso,
    openByPriority,
    openByStatus,
    openIncidents: open.items.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      priority: i.priority,
      status: i.status,
      discoveryDate: i.discoveryDate,
      updatedAt: i.updatedAt,
    })),
    overdueActions,
    clocksDue,
    directoryHealth: { stale: health.total.stale, pending: health.total.pending },
    metrics,
    truncated: open.truncated || period.truncated,
  };
}
