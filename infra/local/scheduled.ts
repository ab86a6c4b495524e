/**
 * The local stand-ins for what the CDK wires in AWS (infra/constructs/messaging.ts): the schedule
 * group, a fake Scheduler role and DLQ ARN, LIAISON_TARGETS mapping each scheduled function to
 * `arn:aws:lambda:us-east-1:000000000000:function:liaison-local-<name>`, and the way back: the local
 * Scheduler's `invoke` maps such an ARN to `functions/<handler>.ts` and calls its `handler` with the
 * schedule's parsed Input as the event, like Lambda does.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConflictException, CreateScheduleGroupCommand } from '@aws-sdk/client-scheduler';
import { createSchedulerClient } from '../../shared/aws/scheduler.js';
import type { SchedulingConfig, TopicsConfig } from '../../shared/config.js';
import { SCHEDULED_FUNCTIONS, type ScheduledFunction, TOPIC_PREFIX } from '../functions.js';
import type { Invoke, LocalScheduler } from './scheduler/index.js';
import { FUNCTIONS_DIR, type LambdaHandler, LOCAL_REGION, lambdaContext } from './server.js';

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_SCHEDULE_GROUP = 'liaison';

/** ARN of a scheduled function in the local stack. */
export const localFunctionArn = (name: string): string =>
  `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:liaison-local-${name}`;

/** LIAISON_SCHEDULE_GROUP, _ROLE_ARN, _DLQ_ARN and LIAISON_TARGETS of the local stack. */
export function localScheduling(
  functions: readonly ScheduledFunction[] = SCHEDULED_FUNCTIONS,
): SchedulingConfig {
  return {
    group: LOCAL_SCHEDULE_GROUP,
    roleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/liaison-local-scheduler`,
    deadLetterArn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:liaison-local-scheduler-dlq`,
    targets: Object.fromEntries(functions.map((f) => [f.name, localFunctionArn(f.name)])),
  };
}

/** LIAISON_TOPIC_PREFIX and LIAISON_TOPIC_KMS_KEY_ID of the local stack (the local SNS stores the key id only). */
export const LOCAL_TOPICS: TopicsConfig = { prefix: TOPIC_PREFIX, kmsKeyId: 'alias/liaison-local-topics' };

export type LoadScheduledHandler = (fn: ScheduledFunction) => Promise<LambdaHandler>;

async function importHandler(fn: ScheduledFunction): Promise<LambdaHandler> {
  const mod = (await import(pathToFileURL(join(FUNCTIONS_DIR, `${fn.handler}.ts`)).href)) as {
    handler?: unknown;
  };
  if (typeof mod.handler !== 'function') {
    throw new Error(`functions/${fn.handler}.ts does not export a function named handler`);
  }
  return mod.handler as LambdaHandler;
}

/**
 * The local Scheduler's `invoke`: target ARN → scheduled function → its handler, called with the
 * parsed Input. An unknown ARN or a throwing handler is a failed attempt (retried, then a dead letter).
 */
export function localInvoke(
  functions: readonly ScheduledFunction[] = SCHEDULED_FUNCTIONS,
  load: LoadScheduledHandler = importHandler,
): Invoke {
  const byArn = new Map(functions.map((f) => [localFunctionArn(f.name), f]));
  const handlers = new Map<string, Promise<LambdaHandler>>();
  return async (targetArn, input) => {
    const fn = byArn.get(targetArn);
    if (!fn) throw new Error(`No scheduled function has the ARN ${targetArn} (see infra/functions.ts)`);
    let pending = handlers.get(fn.name);
    if (!pending) {
      pending = load(fn);
      handlers.set(fn.name, pending);
      pending.catch(() => handlers.delete(fn.name));
    }
    const handler = await pending;
    await handler(input, lambdaContext({ id: fn.name }));
  };
}

/** Creates the schedule group in the local Scheduler unless it exists (it persists in its dataDir). */
export async function ensureScheduleGroup(endpoint: string, name = LOCAL_SCHEDULE_GROUP): Promise<void> {
  const client = createSchedulerClient({ region: LOCAL_REGION, endpoint });
  try {
    await client.send(new CreateScheduleGroupCommand({ Name: name }));
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
  } finally {
    client.destroy();
  }
}

/**
 * Registers the recurring schedule of every scheduled function that has one (the notification
 * sweeper's `rate(5 minutes)`, the verification sweep's `rate(1 day)`), as the CDK stack does in
 * AWS. `interval` replaces the rate locally: one string (e.g. `1 minute`) for every job, or per job
 * name (`npm start`: LIAISON_SWEEP_INTERVAL for both sweeps, LIAISON_VERIFICATION_INTERVAL for the
 * verification sweep only).
 */
export function registerRecurring(
  scheduler: Pick<LocalScheduler, 'putSchedule'>,
  functions: readonly ScheduledFunction[] = SCHEDULED_FUNCTIONS,
  interval?: string | Readonly<Record<string, string | undefined>>,
): string[] {
  const scheduling = localScheduling(functions);
  return functions.flatMap((fn) => {
    if (!fn.recurring) return [];
    const rate = typeof interval === 'string' ? interval : interval?.[fn.name];
    scheduler.putSchedule(fn.name, {
      GroupName: scheduling.group,
      ScheduleExpression: rate ? `rate(${rate})` : fn.recurring.expression,
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: localFunctionArn(fn.name),
        RoleArn: scheduling.roleArn,
        Input: fn.recurring.input,
        DeadLetterConfig: { Arn: scheduling.deadLetterArn },
      },
    });
    return [fn.name];
  });
}
