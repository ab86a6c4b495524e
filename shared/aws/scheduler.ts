import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { awsConfig } from '../config.js';

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
