/**
 * Ending an incident's escalation chains (acknowledged, stopped) in one incident change, and
 * deleting their pending schedules. Shared by `chains.ts` and `ack-links.ts`, so that neither
 * imports the other (they were an import cycle).
 */

import type { NotifyDeps, SchedulingDeps } from '../../aws/ports.js';
import type { StoredChain } from '../../db/entities/escalation-chain.js';
import type { StoredIncident } from '../../db/entities/incident.js';
import { type TransactItem, withOptimisticRetry } from '../../db/transact.js';
import { logger } from '../../logging.js';
import type { Caller } from '../../model/caller.js';
import { cancelSchedule } from '../../scheduling/schedules.js';
import type { ChainStatus } from '../../schemas/escalation.js';
import type { Deps } from '../deps.js';
import { assertIncidentOpen } from '../incidents/rules.js';
import { type CommitEffects, commit } from '../incidents/unit-of-work.js';

/**
 * SNS and Scheduler, each when this function is configured for it (a handler test has neither), and
 * the effects every incident change of a chain is committed with (the escalation triggers). Built by
 * the caller: `shared/escalation-runtime.ts` for handlers and jobs, `escalationRuntimeOf` of
 * `triggers.ts` from explicit services.
 */
export interface EscalationRuntime {
  readonly notify?: NotifyDeps | undefined;
  readonly scheduling?: SchedulingDeps | undefined;
  readonly effects?: CommitEffects | undefined;
}

interface EndOptions<R> {
  readonly only: (c: StoredChain) => boolean;
  readonly type: string;
  readonly summary: (chainIds: string[]) => string;
  readonly data?: Record<string, unknown>;
  readonly assertOpen: boolean;
  /** Also change the incident (acknowledgement stamps it); the entry is written even with no chain. */
  readonly incident?: (current: StoredIncident, at: string) => StoredIncident;
  readonly result?: (stored: StoredIncident, chainIds: string[], at: string) => R;
  /** Runs first in every attempt (e.g. re-reads a token); throwing ends the operation. */
  readonly check?: () => Promise<void>;
  /** More items of the same transaction (e.g. consuming an acknowledgement token). */
  readonly items?: (at: string) => TransactItem[];
  /** No escalation-trigger evaluation (see `Change.skipTriggers`). */
  readonly skipTriggers?: boolean;
}

/**
 * Ends the incident's active chains matching `only` in ONE incident transaction, then deletes their
 * pending schedules. Returns the ended chain ids and the schedules deleted.
 */
export async function endChains<R = undefined>(
  deps: Deps,
  rt: EscalationRuntime,
  actor: Caller,
  incidentId: string,
  status: ChainStatus,
  o: EndOptions<R>,
): Promise<{ chainIds: string[]; cancelled: string[]; result: R | undefined }> {
  const { ended, result } = await withOptimisticRetry(async () => {
    await o.check?.();
    const [current, chains] = await Promise.all([
      deps.repos.incidents.get(incidentId),
      deps.repos.incidents.chains(incidentId),
    ]);
    if (o.assertOpen) assertIncidentOpen(current);
    const active = chains.filter((c) => c.status === 'active' && o.only(c));
    if (active.length === 0 && !o.incident) return { ended: [] as StoredChain[], result: undefined };
    const at = deps.now().toISOString();
    const ids = active.map((c) => c.chainId);
    return commit(
      deps,
      actor,
      current,
      {
        incident: o.incident ? o.incident(current, at) : current,
        items: [
          ...(o.items?.(at) ?? []),
          ...active.map((c) => deps.repos.incidents.endChainItem(c, status, at, actor.subject)),
        ],
        timeline: [{ type: o.type, summary: o.summary(ids), data: { chainIds: ids, ...(o.data ?? {}) } }],
        ...(o.skipTriggers ? { skipTriggers: true } : {}),
        result: (stored: StoredIncident) => ({ ended: active, result: o.result?.(stored, ids, at) }),
      },
      rt.effects,
    );
  });
  const cancelled = await cancelChainSchedules(rt, ended);
  return { chainIds: ended.map((c) => c.chainId), cancelled, result };
}

/**
 * After the commit that ended `chains`, and never failing the request: their pending schedules are
 * deleted (a schedule left behind fires into a chain that is no longer active and does nothing).
 */
export async function cancelChainSchedules(
  rt: EscalationRuntime,
  chains: readonly StoredChain[],
): Promise<string[]> {
  const cancelled: string[] = [];
  for (const c of chains) {
    if (!c.nextSchedule || !rt.scheduling) continue;
    try {
      await cancelSchedule(rt.scheduling, c.nextSchedule);
      cancelled.push(c.nextSchedule);
    } catch (error) {
      logger.warn('escalation schedule not deleted (it will fire and do nothing)', {
        schedule: c.nextSchedule,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return cancelled;
}
