import { randomUUID } from 'node:crypto';
import type { NotifyDeps, SchedulingDeps } from './aws/ports.js';
import { eventBridgeSchedules, schedulerClient } from './aws/scheduler.js';
import { snsClient, snsPublisher } from './aws/sns.js';
import { config, inboundConfig, schedulingConfig, schedulingConfigured, topicsConfig } from './config.js';
import { documentClient } from './db/client.js';
import { createRepositories } from './db/repos/index.js';
import type { Deps } from './domain/deps.js';
import { systemClock } from './domain/time.js';

/**
 * The ports of the two AWS services (pure types, shared/aws/ports.ts): `SchedulingDeps` for a
 * service that creates or deletes schedules, `NotifyDeps` for one that manages topics or publishes.
 * Separate from {@link Deps}: a function that does not schedule (publish) never builds the client
 * nor reads its configuration (and esbuild drops both from its bundle).
 */
export type { NotifyDeps, SchedulingDeps } from './aws/ports.js';
export type { Deps } from './domain/deps.js';

let deps: Deps | undefined;
let scheduling: SchedulingDeps | undefined;
let notify: NotifyDeps | undefined;

/** The process-wide dependencies (built once, at first use). */
export function defaultDeps(): Deps {
  deps ??= {
    repos: createRepositories({ db: documentClient(), tableName: config().tableName }),
    now: systemClock,
    newId: () => randomUUID(),
  };
  return deps;
}

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

/** The process-wide SNS dependencies (built once, at first use; fails when not configured). */
export function notifyDeps(): NotifyDeps {
  notify ??= { publisher: snsPublisher(snsClient(), topicsConfig()), replyDomain: inboundConfig().domain };
  return notify;
}

/**
 * The SNS dependencies when this process is configured for SNS (`LIAISON_TOPIC_PREFIX`), else
 * undefined: in AWS every function whose route `uses` 'sns' has it; a local stack started without
 * SNS keeps the directory working without topics and subscriptions.
 */
export function notifyDepsIfConfigured(env: NodeJS.ProcessEnv = process.env): NotifyDeps | undefined {
  return env.LIAISON_TOPIC_PREFIX ? notifyDeps() : undefined;
}
