import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { awsConfig, type SchedulingConfig } from '../config.js';
import { createScheduleInput } from '../scheduling/schedules.js';
import type { Schedules } from './ports.js';

/** Builds a Scheduler client; `endpoint` is set by the local stack and the tests only. */
export function createSchedulerClient(opts: {
  region: string;
  endpoint?: string | undefined;
}): SchedulerClient {
  const client = new SchedulerClient({
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  // No X-Ray SDK subsegment per call (cold start, docs/decisions.md): Lambda active tracing only.
  return client;
}

let client: SchedulerClient | undefined;

/**
 * The process-wide EventBridge Scheduler client, created on first use and then kept (module scope
 * in Lambda). Only the functions that schedule call it.
 */
export function schedulerClient(): SchedulerClient {
  client ??= createSchedulerClient({
    region: awsConfig().region,
    endpoint: awsConfig().endpoints.scheduler,
  });
  return client;
}

/**
 * The `Schedules` port over EventBridge Scheduler: one-time schedules in the configured group,
 * targets resolved through LIAISON_TARGETS (`createScheduleInput`). Create is idempotent by name
 * (ConflictException: the firing is already scheduled), delete by absence (ResourceNotFound).
 */
export function eventBridgeSchedules(scheduler: SchedulerClient, cfg: SchedulingConfig): Schedules {
  return {
    async create(schedule) {
      const input = createScheduleInput(cfg, schedule);
      try {
        await scheduler.send(new CreateScheduleCommand(input));
        return { created: true };
      } catch (error) {
        if (error instanceof ConflictException) return { created: false };
        throw error;
      }
    },
    async delete(name) {
      try {
        await scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: cfg.group }));
        return { deleted: true };
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return { deleted: false };
        throw error;
      }
    },
  };
}
