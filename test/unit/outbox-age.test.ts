import { describe, expect, it } from 'vitest';
import { outboxBacklog } from '../../shared/domain/notifications/outbox-age.js';
import { emfMetrics, METRICS_NAMESPACE, OUTBOX_AGE_METRIC } from '../../shared/metrics.js';

const NOW = new Date('2026-12-02T12:00:00.000Z');

describe('outbox backlog (the notification sweeper metric)', () => {
  it('is the age in whole seconds of the OLDEST pending item, whatever the order', () => {
    const backlog = outboxBacklog(
      ['2026-12-02T11:59:30.000Z', '2026-12-02T11:40:00.500Z', '2026-12-02T11:55:00.000Z'],
      NOW,
    );
    expect(backlog).toEqual({ pending: 3, oldestAgeSeconds: 1199 });
  });

  it('is 0 with nothing pending, so the metric has a value every run', () => {
    expect(outboxBacklog([], NOW)).toEqual({ pending: 0, oldestAgeSeconds: 0 });
  });

  it('skips unreadable timestamps and never reports a negative age (clock skew)', () => {
    expect(outboxBacklog([undefined, 'garbage', '2026-12-02T12:00:05.000Z'], NOW)).toEqual({
      pending: 3,
      oldestAgeSeconds: 0,
    });
  });
});

describe('EMF line', () => {
  it('declares the metric in the Liaison namespace with the Stage dimension and carries its value', () => {
    const line = emfMetrics('staging', NOW, { [OUTBOX_AGE_METRIC]: { value: 1199, unit: 'Seconds' } });
    expect(line).toEqual({
      _aws: {
        Timestamp: NOW.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['Stage']],
            Metrics: [{ Name: OUTBOX_AGE_METRIC, Unit: 'Seconds' }],
          },
        ],
      },
      Stage: 'staging',
      [OUTBOX_AGE_METRIC]: 1199,
    });
  });
});
