/**
 * Scheduler target `escalation-step`: a one-time schedule `esc.<incidentId>.<chainId>.l<n>` fires it
 * with `{incidentId, chainId, level}`. It re-reads the chain and acts ONLY when the chain is still
 * active and its current level is below `level` (`decideStep`); the claim is a conditional write
 * (`status = active AND currentLevel < level AND size(steps) = n`, n = the steps read) in the same
 * transaction as the level's notice and outbox, so a duplicate, late or post-acknowledgement firing
 * does nothing, and a crash after the commit leaves the message to the notification sweeper. See
 * docs/escalation.md.
 */
import { defaultDeps } from '../../shared/deps.js';
import { runStep, type StepPayload } from '../../shared/domain/escalation/chains.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { logger } from '../../shared/http/observability.js';

export const handler = async (event: StepPayload) => {
  if (
    !event ||
    typeof event.incidentId !== 'string' ||
    typeof event.chainId !== 'string' ||
    !Number.isInteger(event.level)
  ) {
    // A malformed payload can never succeed: log it instead of failing into Scheduler's retries.
    logger.error('escalation-step: malformed payload', { event });
    return { acted: false, reason: 'malformed' };
  }
  const result = await runStep(defaultDeps(), escalationRuntime(), event);
  logger.info('escalation step', { ...event, acted: result.acted, decision: result.decision });
  return result;
};
