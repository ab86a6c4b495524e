import { randomUUID } from 'node:crypto';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SNSClient } from '@aws-sdk/client-sns';
import { schedulerClient } from './aws/scheduler.js';
import { snsClient } from './aws/sns.js';
import {
  config,
  type SchedulingConfig,
  schedulingConfig,
  schedulingConfigured,
  type TopicsConfig,
  topicsConfig,
} from './config.js';
import { documentClient } from './db/client.js';
import { createRepositories } from './db/repos/index.js';
import type { Deps } from './domain/deps.js';
import { systemClock } from './domain/time.js';

export type { Deps } from './domain/deps.js';

/**
 * What a service that creates or deletes EventBridge Scheduler schedules needs
 * (`shared/scheduling/schedules.ts`). Separate from {@link Deps}: a function that does not schedule
 * never builds the client nor reads the scheduling configuration (and esbuild drops both from its
 * bundle). A service that needs both takes `Deps & SchedulingDeps`.
 */
export interface SchedulingDeps {
  readonly scheduler: SchedulerClient;
  readonly scheduling: SchedulingConfig;
}

/** What a service that manages topics or publishes needs (`Deps & NotifyDeps` with the table). */
export interface NotifyDeps {
  readonly sns: SNSClient;
  readonly topics: TopicsConfig;
}

let deps: Deps | undefined;
let scheduling: SchedulingDeps | undefined;
let notify: NotifyDeps | undefined;

/** The process-wide dependencies (built once, at first use). */
export function defaultDeps(): Deps {
  const db = documentClient();
  const tableName = config().tableName;
  deps ??= {
    db,
    tableName,
    repos: createRepositories({ db, tableName }),
    now: systemClock,
    newId: () => randomUUID(),
  };
  return deps;
}

/** The process-wide scheduling dependencies (built once, at first use; fails when not configured). */
export function schedulingDeps(): SchedulingDeps {
  scheduling ??= { scheduler: schedulerClient(), scheduling: schedulingConfig() };
  return scheduling;
}

/**
 * The scheduling dependencies when this process may schedule (`LIAISON_SCHEDULE_GROUP` set: its
 * route or job `uses` 'scheduler'), else undefined (a local stack or handler test without Scheduler).
 */
export function schedulingDepsIfConfigured(): SchedulingDeps | undefined {
  return schedulingConfigured() ? schedulingDeps() : undefined;
}

/** The process-wide SNS dependencies (built once, at first use; fails when not configured). */
export function notifyDeps(): NotifyDeps {
  notify ??= { sns: snsClient(), topics: topicsConfig() };
  return notify;
}
