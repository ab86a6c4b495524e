/**
 * One-time EventBridge Scheduler schedules: the only code that creates or deletes schedules.
 *
 * Schedule names are built here and nowhere else (like the DynamoDB keys of `shared/db/keys.ts`):
 * a name is the identity of ONE firing, so creating the same firing twice (a retried request, a
 * replayed event) finds the existing schedule instead of adding a second one. Compose it from what
 * identifies the firing, most general part first, and add a builder per kind of firing below:
 *
 *   scheduleName(['esc', incidentId, `step-${n}`])         escalation step n of an incident
 *   scheduleName(['verify', incidentId, actionId])          verification of an action
 *   scheduleName(['reg', incidentId, obligationId, 'due'])  regulatory reminder
 *
 * Rules (EventBridge Scheduler: 1–64 characters of `[0-9A-Za-z-_.]`): parts are joined with `.`;
 * when a part holds a character outside `[0-9A-Za-z-_]` (`.` included), or the result is longer than
 * 64, the readable form is cut to 47 characters and `.` + 16 hex characters of the SHA-256 of the
 * parts are appended, so two different part lists never share a name (short of a hash collision).
 */
import { createHash } from 'node:crypto';
import type { OneTimeSchedule, RetryPolicy, SchedulingDeps } from '../aws/ports.js';
import type { SchedulingConfig } from '../config.js';

export type { OneTimeSchedule, RetryPolicy, TargetName } from '../aws/ports.js';

export const MAX_SCHEDULE_NAME = 64;
const HASH_CHARS = 16;
const PLAIN_PART = /^[0-9A-Za-z_-]+$/;

/** Deterministic schedule name from its parts (see the rules above). */
export function scheduleName(parts: readonly string[]): string {
  if (parts.length === 0 || parts.some((p) => p === '')) {
    throw new Error('scheduleName: parts must be a non-empty list of non-empty strings');
  }
  const readable = parts.map((p) => p.replace(/[^0-9A-Za-z_-]/g, '_')).join('.');
  if (readable.length <= MAX_SCHEDULE_NAME && parts.every((p) => PLAIN_PART.test(p))) return readable;
  const hash = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, HASH_CHARS);
  return `${readable.slice(0, MAX_SCHEDULE_NAME - HASH_CHARS - 1)}.${hash}`;
}

/**
 * Default: 10 retries within 6 hours (the service's own default is 185 within 24 hours). A firing
 * still failing after that is a bug or an outage; it waits in the DLQ for a redrive.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  MaximumRetryAttempts: 10,
  MaximumEventAgeInSeconds: 6 * 3600,
};

/**
 * The instant a one-time schedule for `at` really fires: `at` rounded UP to the next whole second
 * when it has milliseconds (`at()` expressions have whole seconds; dropping them would act up to
 * 1 s early). Every schedule goes through it ({@link atExpression}); whatever announces or stores
 * the firing time (`nextLevelAt`, a notice's "level 2 at …", a reminder's instant) uses it too.
 */
export function fireInstant(at: Date): Date {
  if (Number.isNaN(at.getTime())) throw new Error('fireInstant: invalid date');
  return new Date(Math.ceil(at.getTime() / 1000) * 1000);
}

/** `at(2025-03-01T09:30:00)`: Scheduler's one-time expression, in UTC, at {@link fireInstant}. */
export function atExpression(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new Error('atExpression: invalid date');
  return `at(${fireInstant(at).toISOString().slice(0, 19)})`;
}

/** The CreateSchedule request of `schedule` (pure: the SDK client sends it as is; exported for tests). */
export interface CreateScheduleRequest {
  readonly Name: string;
  readonly GroupName: string;
  readonly ScheduleExpression: string;
  readonly ScheduleExpressionTimezone: 'UTC';
  readonly FlexibleTimeWindow: { readonly Mode: 'OFF' };
  readonly ActionAfterCompletion: 'DELETE';
  readonly State: 'ENABLED';
  readonly Description?: string;
  readonly Target: {
    readonly Arn: string;
    readonly RoleArn: string;
    readonly Input: string;
    readonly RetryPolicy: RetryPolicy;
    readonly DeadLetterConfig: { readonly Arn: string };
  };
}

/** The CreateSchedule request for `schedule` (pure; exported for tests). */
export function createScheduleInput(cfg: SchedulingConfig, schedule: OneTimeSchedule): CreateScheduleRequest {
  const targetArn = cfg.targets[schedule.target];
  if (targetArn === undefined) {
    const known = Object.keys(cfg.targets).join(', ') || 'none';
    throw new Error(`Unknown schedule target "${schedule.target}" (LIAISON_TARGETS has: ${known})`);
  }
  if (schedule.name.length > MAX_SCHEDULE_NAME || !/^[0-9A-Za-z_.-]+$/.test(schedule.name)) {
    throw new Error(`Invalid schedule name "${schedule.name}": build it with scheduleName()`);
  }
  const input = JSON.stringify(schedule.payload ?? {});
  return {
    Name: schedule.name,
    GroupName: cfg.group,
    ScheduleExpression: atExpression(schedule.at),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    State: 'ENABLED',
    ...(schedule.description ? { Description: schedule.description.slice(0, 512) } : {}),
    Target: {
      Arn: targetArn,
      RoleArn: cfg.roleArn,
      Input: input,
      RetryPolicy: { ...(schedule.retryPolicy ?? DEFAULT_RETRY_POLICY) },
      DeadLetterConfig: { Arn: cfg.deadLetterArn },
    },
  };
}

/**
 * Creates the one-time schedule (the `Schedules` port). Idempotent by name: when a schedule of that
 * name exists, the firing is already scheduled and nothing changes (`created: false`).
 */
export function scheduleOnce(
  deps: SchedulingDeps,
  schedule: OneTimeSchedule,
): Promise<{ readonly created: boolean }> {
  return deps.schedules.create(schedule);
}

/**
 * Deletes the schedule. Idempotent: a schedule that does not exist (never created, already fired
 * and deleted, or cancelled before) is not an error (`deleted: false`).
 */
export function cancelSchedule(deps: SchedulingDeps, name: string): Promise<{ readonly deleted: boolean }> {
  return deps.schedules.delete(name);
}
