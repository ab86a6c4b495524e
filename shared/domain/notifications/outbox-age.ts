/**
 * How far behind the outbox is: the number of items still pending and the age of the oldest one
 * (by `createdAt`, whatever its next attempt), reported by the notification sweeper after each run.
 */
import type { Deps } from '../deps.js';

export interface OutboxBacklog {
  readonly pending: number;
  /** Seconds since the oldest pending item was written; 0 when nothing is pending. */
  readonly oldestAgeSeconds: number;
}

/** Pure: the backlog from the pending items' `createdAt` values at `now` (unparsable ones skipped). */
export function outboxBacklog(createdAts: readonly (string | undefined)[], now: Date): OutboxBacklog {
  let oldest = Number.POSITIVE_INFINITY;
  for (const createdAt of createdAts) {
    const t = Date.parse(createdAt ?? '');
    if (!Number.isNaN(t) && t < oldest) oldest = t;
  }
  const oldestAgeSeconds = Number.isFinite(oldest)
    ? Math.max(0, Math.floor((now.getTime() - oldest) / 1000))
    : 0;
  return { pending: createdAts.length, oldestAgeSeconds };
}

/** Pages of `gsi1` OUTBOX#PENDING read at most per run (1 MB each): a backlog beyond is already an alarm. */
export const BACKLOG_MAX_PAGES = 5;
/** Items per page of that read (only `createdAt` is projected). */
export const BACKLOG_PAGE_SIZE = 1000;

/** Reads `createdAt` of every pending outbox item (Query on gsi1, never a Scan). */
export async function readOutboxBacklog(deps: Deps, now: Date): Promise<OutboxBacklog> {
  return outboxBacklog(await deps.repos.outbox.pendingCreatedAts(BACKLOG_MAX_PAGES, BACKLOG_PAGE_SIZE), now);
}
