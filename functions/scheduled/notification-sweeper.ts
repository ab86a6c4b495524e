/**
 * Scheduler target `notification-sweeper` (every 5 minutes in AWS, LIAISON_SWEEP_INTERVAL locally):
 * publishes again every outbox item whose publish failed and is due, with exponential backoff,
 * until it is sent or marked failed. The schedule's Input carries `<aws.scheduler.scheduled-time>`.
 */
import { defaultDeps, notifyDeps } from '../../shared/deps.js';
import { recordDeliveryOutcome } from '../../shared/domain/incidents/service.js';
import { sweepOutbox } from '../../shared/domain/notifications/delivery.js';
import { logger } from '../../shared/http/observability.js';

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
    else await recordDeliveryOutcome(deps, { ...item, incidentId }, status);
  });
  logger.info('notification sweep', { ...result, at: now.toISOString() });
  return result;
};
