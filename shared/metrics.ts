/**
 * Liaison's own CloudWatch metrics, written as CloudWatch Embedded Metric Format (EMF) in a log line:
 * CloudWatch Logs extracts the metric from the function's log group, so publishing costs no API call
 * and no permission. The alarms on them live in infra/constructs/monitoring.ts.
 */

export const METRICS_NAMESPACE = 'Liaison';
/** Age in seconds of the oldest outbox item still pending (0 when none), one value per sweep. */
export const OUTBOX_AGE_METRIC = 'OutboxOldestPendingAgeSeconds';
/** Outbox items still pending after a sweep. */
export const OUTBOX_PENDING_METRIC = 'OutboxPending';

export type MetricUnit = 'Seconds' | 'Count';

/**
 * The EMF fields of one log line: `_aws` names the metrics, their values are top-level keys, and the
 * dimension `Stage` keeps staging and production apart in one account.
 */
export function emfMetrics(
  stage: string,
  at: Date,
  values: Readonly<Record<string, { readonly value: number; readonly unit: MetricUnit }>>,
): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['Stage']],
          Metrics: Object.entries(values).map(([Name, { unit }]) => ({ Name, Unit: unit })),
        },
      ],
    },
    Stage: stage,
    ...Object.fromEntries(Object.entries(values).map(([name, { value }]) => [name, value])),
  };
}
