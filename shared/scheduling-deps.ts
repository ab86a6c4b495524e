/**
 * The composition root of EventBridge Scheduler: only the handlers and jobs whose route `uses`
 * 'scheduler' import this module, so no other function bundles the Scheduler client (shared/deps.ts).
 */
import type { SchedulingDeps } from './aws/ports.js';
import { eventBridgeSchedules, schedulerClient } from './aws/scheduler.js';
import { schedulingConfig, schedulingConfigured } from './config.js';

export type { SchedulingDeps } from './aws/ports.js';

let scheduling: SchedulingDeps | undefined;

/** The process-wide scheduling dependencies (built once, at first use; fails when not configured). */
export function schedulingDeps(): SchedulingDeps {
  scheduling ??= { schedules: eventBridgeSchedules(schedulerClient(), schedulingConfig()) };
  return scheduling;
}

/**
 * The scheduling dependencies when this process may schedule (`LIAISON_SCHEDULE_GROUP` set: its
 * route or job `uses` 'scheduler'), else undefined (a local stack or handler test without Scheduler).
 */
export function schedulingDepsIfConfigured(): SchedulingDeps | undefined {
  return schedulingConfigured() ? schedulingDeps() : undefined;
}
