/**
 * Scheduler target `notification-sweeper` (every 5 minutes in AWS, LIAISON_SWEEP_INTERVAL locally):
 * publishes again every outbox item whose publish failed and is due, with exponential backoff,
 * until it is sent or marked failed. The schedule's Input carries `<aws.scheduler.scheduled-time>`.
 * Each run then reports the outbox backlog (pending items, age of the oldest) as an EMF log line: the
 * metric the `outbox-age` alarm watches (infra/constructs/monitoring.ts).
 */
import { stage } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { recordDeliveryOutcome } from '../../shared/domain/incidents/communications.js';
import { sweepOutbox } from '../../shared/domain/notifications/delivery.js';
import { readOutboxBacklog } from '../../shared/domain/notifications/outbox-age.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { logger } from '../../shared/http/observability.js';
import { emfMetrics, OUTBOX_AGE_METRIC, OUTBOX_PENDING_METRIC } from '../../shared/metrics.js';
import { notifyDeps } from '../../shared/notify-deps.js';

export interface SweepEvent {
  readonly scheduledTime?: string;
}

export const handler = async (event: SweepEvent | undefined) => {
  const deps = defaultDeps();
  const scheduled = Date.parse(event?.scheduledTime ?? '');
  const now = new Date(Math.max(deps.now().getTime(), Number.isNaN(scheduled) ? 0 : scheduled));
  const result = await sweepOutbox(deps, notifyDeps(), now, async (item, status) => {
    // A message of no incident (a verification link) has no timeline to record it on.
    const { incidentId } = item;
    if (incidentId === undefined) logger.info('outbox message done', { messageId: item.id, status });
    else await recordDeliveryOutcome(deps, { ...item, incidentId }, status, escalationRuntime());
  });
  logger.info('notification sweep', { ...result, at: now.toISOString() });
  const backlog = await readOutboxBacklog(deps, now);
  logger.info(
    'outbox backlog',
    emfMetrics(stage(), now, {
      [OUTBOX_AGE_METRIC]: { value: backlog.oldestAgeSeconds, unit: 'Seconds' },
      [OUTBOX_PENDING_METRIC]: { value: backlog.pending, unit: 'Count' },
    }),
  );
  return result;
};
