import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { awsConfig } from '../config.js';
import { tracer } from '../http/observability.js';

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
  return tracer.captureAWSv3Client(client);
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
