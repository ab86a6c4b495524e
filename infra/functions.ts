/**
 * Every Lambda function of Liaison, derived from the route table plus the non-HTTP functions.
 * `infra/bundle.ts` bundles exactly these, the stack creates exactly these: one list, no drift.
 */
import { join } from 'node:path';
import { routes, type ServiceUse, type TableAccess } from '../shared/routes.js';

/** A Lambda function that is not behind an HTTP route (EventBridge Scheduler targets, etc.). */
export interface ScheduledFunction {
  /**
   * Target name (`escalation-step`): the key of LIAISON_TARGETS that `scheduleOnce({ target })`
   * names, and the suffix of the function name (`<stack>-<name>`). `[a-z0-9-]`, unique.
   */
  readonly name: string;
  /** Module under `functions/` (without extension) exporting `handler`, e.g. `scheduled/escalation-step`. */
  readonly handler: string;
  /** Services it calls besides the table (granted like a route's `uses`). */
  readonly uses: readonly ServiceUse[];
  readonly table: TableAccess;
  readonly description: string;
  /**
   * A recurring schedule the stack creates for it (in the schedule group, through the Scheduler
   * role, with the DLQ); the local start script registers the same with the local Scheduler.
   */
  readonly recurring?: { readonly expression: string; readonly input: string };
}

/** Prefix of every SNS topic Liaison creates at run time (the IAM grants name it; LIAISON_TOPIC_PREFIX). */
export const TOPIC_PREFIX = 'liaison-';

/** Scheduler targets (the escalation and verification jobs add theirs here). */
export const SCHEDULED_FUNCTIONS: readonly ScheduledFunction[] = [
  {
    name: 'notification-sweeper',
    handler: 'scheduled/notification-sweeper',
    uses: ['sns'],
    table: 'RW',
    description: 'Publishes again the outbound notifications whose publish failed (outbox, backoff)',
    // Locally LIAISON_SWEEP_INTERVAL (e.g. `1 minute`) replaces the rate.
    recurring: { expression: 'rate(5 minutes)', input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}' },
  },
];

/** Every function name (`incidents/create-incident` …): routes first, then scheduled functions. */
export function functionNames(): string[] {
  return [...routes.map((r) => r.handler), ...SCHEDULED_FUNCTIONS.map((f) => f.handler)];
}

/** name → source file (`incidents/create-incident` → `<rootDir>/functions/incidents/create-incident.ts`). */
export function functionEntries(
  rootDir: string,
  names: readonly string[] = functionNames(),
): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, join(rootDir, 'functions', `${name}.ts`)]));
}
