/**
 * Composition root of the escalation runtime (outside the domain): the SNS and Scheduler services
 * this function is configured for (a function whose route `uses` them: shared/routes.ts), and the
 * escalation-trigger effects incident changes are committed with. Handlers and jobs build it and
 * pass it to the services explicitly; the domain never reads these globals.
 */
import type { EscalationRuntime } from './domain/escalation/chains.js';
import { escalationRuntimeOf } from './domain/escalation/triggers.js';
import { notifyDepsIfConfigured } from './notify-deps.js';
import { schedulingDepsIfConfigured } from './scheduling-deps.js';

export type { EscalationRuntime } from './domain/escalation/chains.js';

/** The escalation runtime of this function's configuration (cheap: the clients are built once). */
export function escalationRuntime(): EscalationRuntime {
  return escalationRuntimeOf({
    notify: notifyDepsIfConfigured(),
    scheduling: schedulingDepsIfConfigured(),
  });
}
