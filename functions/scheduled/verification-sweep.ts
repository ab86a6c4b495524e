/**
 * Scheduler target `verification-sweep` (daily in AWS, context `verificationSchedule`;
 * LIAISON_VERIFICATION_INTERVAL locally): the contact-directory verification sweep
 * (shared/domain/verification/sweep.ts, docs/verification.md). A run cut off by the Lambda timeout
 * saves its progress and schedules its own continuation a minute later (one-time schedule, named
 * after the run and invocation, so a retried invocation cannot schedule two).
 */
import type { Context } from 'aws-lambda';
import { verificationConfig } from '../../shared/config.js';
import { defaultDeps } from '../../shared/deps.js';
import { attemptPublish } from '../../shared/domain/notifications/delivery.js';
import { publishDirect } from '../../shared/domain/notifications/notice.js';
import { runVerificationSweep } from '../../shared/domain/verification/sweep.js';
import { cachedTopics } from '../../shared/domain/verification/topics-cache.js';
import { logger } from '../../shared/http/observability.js';
import { notifyDeps } from '../../shared/notify-deps.js';
import { fireInstant, scheduleName, scheduleOnce } from '../../shared/scheduling/schedules.js';
import { schedulingDeps } from '../../shared/scheduling-deps.js';

export interface VerificationSweepEvent {
  readonly scheduledTime?: string;
  /** Set by the continuation schedule of a run that was cut off. */
  readonly resume?: string;
}

/** Time kept back for saving progress and scheduling the continuation (at most a tenth of the run). */
const RESERVE_MS = 30_000;

export const handler = async (
  event: VerificationSweepEvent | undefined,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
) => {
  const deps = defaultDeps();
  // One topic lookup per organization and run instead of one per message.
  const notify = cachedTopics(notifyDeps());
  const remainingMs = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
  const outcome = await runVerificationSweep(deps, {
    settings: verificationConfig(),
    publish: (message) => publishDirect(deps, notify, message),
    deliver: (item) => attemptPublish(deps, notify, item),
    remainingMs,
    reserveMs: Math.min(RESERVE_MS, remainingMs() / 10),
    ...(event?.resume ? { resumeRunId: event.resume } : {}),
  });
  if (outcome.status === 'nothing-to-resume') {
    logger.info('verification sweep continuation: run already finished', { runId: event?.resume });
    return { status: outcome.status, runId: event?.resume, counts: undefined };
  }
  if (outcome.status === 'partial') {
    const { run } = outcome;
    await scheduleOnce(schedulingDeps(), {
      name: scheduleName(['verification-sweep', run.runId, String(run.invocations)]),
      at: fireInstant(new Date(deps.now().getTime() + 60_000)),
      target: 'verification-sweep',
      payload: { resume: run.runId },
      description: `Continues verification sweep ${run.runId}`,
    });
    logger.info('verification sweep cut off; continuation scheduled', {
      runId: run.runId,
      counts: run.counts,
      resume: event?.resume,
    });
    return { status: outcome.status, runId: run.runId, counts: run.counts };
  }
  logger.info('verification sweep done', { runId: outcome.run.runId, counts: outcome.result.counts });
  return { status: outcome.status, runId: outcome.run.runId, counts: outcome.result.counts };
};
