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
  /** Lambda timeout in seconds (default: the function default, 10 s). */
  readonly timeoutSeconds?: number;
}

/** Topic prefix of the LOCAL stack (LIAISON_TOPIC_PREFIX); in AWS it is `liaison-<stage>-` (infra/stage.ts). */
export const TOPIC_PREFIX = 'liaison-';

/** Scheduler targets (the escalation and verification jobs add theirs here). */
export const SCHEDULED_FUNCTIONS: readonly ScheduledFunction[] = [
  {
    name: 'notification-sweeper',
    handler: 'scheduled/notification-sweeper',
    // sns: the republish; scheduler: a delivery outcome it commits can fire an escalation trigger
    // whose chain schedules its next level (docs/escalation.md).
    uses: ['sns', 'scheduler'],
    table: 'RW',
    description: 'Publishes again the outbound notifications whose publish failed (outbox, backoff)',
    // Locally LIAISON_SWEEP_INTERVAL (e.g. `1 minute`) replaces the rate.
    recurring: { expression: 'rate(5 minutes)', input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}' },
  },
  {
    name: 'verification-sweep',
    handler: 'scheduled/verification-sweep',
    // sns: verification links and directory alerts; scheduler: the continuation of a cut-off run.
    uses: ['sns', 'scheduler'],
    table: 'RW',
    description: 'Sends due contacts a verification link, marks unconfirmed ones stale, flags the directory',
    // Daily; CDK context `verificationSchedule` replaces the expression (infra/app.ts), locally
    // LIAISON_VERIFICATION_INTERVAL (e.g. `1 hour`) replaces the rate. docs/verification.md.
    recurring: { expression: 'rate(1 day)', input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}' },
    // 10,000 contacts take well under a minute; the rest is headroom. A run cut off resumes.
    timeoutSeconds: 900,
  },
  {
    name: 'escalation-step',
    handler: 'scheduled/escalation-step',
    // sns: the level's notice; scheduler: the next level's one-time schedule. docs/escalation.md.
    uses: ['sns', 'scheduler'],
    table: 'RW',
    description: 'Notifies the next level of an unacknowledged escalation chain and schedules the one after',
  },
  {
    name: 'reminder',
    handler: 'scheduled/reminder',
    // sns: the reminder's notice; scheduler: no schedules of its own (it re-reads and acts), but the
    // incident change it commits can fire an escalation trigger whose chain schedules its next level.
    uses: ['sns', 'scheduler'],
    table: 'RW',
    description:
      'Sends an action due-date reminder or overdue notice, or a regulatory-clock reminder, if still due',
  },
  {
    name: 'exercise-inject',
    handler: 'scheduled/exercise-inject',
    // sns: a message inject's notice; scheduler: a state change can fire an escalation trigger whose
    // chain schedules its next level. docs/exercises.md.
    uses: ['sns', 'scheduler'],
    table: 'RW',
    description: 'Fires one inject of an exercise (a message to participants or a state change), once',
  },
];

/**
 * The SES receiving target (docs/inbound-email.md): deployed and bundled only with context
 * `inboundEmailDomain` (infra/constructs/inbound-email.ts), so not in `functionNames()`.
 */
export const INBOUND_FUNCTION = {
  name: 'receive-email',
  handler: 'inbound/receive-email',
  description:
    'Records a reply e-mail received by SES (S3 + Lambda action) on its incident, or quarantines it',
} as const;

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
