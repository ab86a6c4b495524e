/**
 * The notification / timed-work plumbing end to end, through the real clients of shared/aws/*.ts
 * (built from the environment the local stack sets) against the local Scheduler and SNS:
 * idempotent one-time schedules, firing into a scheduled handler, cancelling, dead letters, and an
 * SNS topic with a filter-policy subscription delivered to a 127.0.0.1 webhook.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConfirmSubscriptionCommand,
  CreateTopicCommand,
  GetTopicAttributesCommand,
  PublishCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledFunction } from '../../infra/functions.js';
import { localFunctionArn, localScheduling } from '../../infra/local/scheduled.js';
import { snsClient } from '../../shared/aws/sns.js';
import { topicsConfig } from '../../shared/config.js';
import {
  cancelSchedule,
  DEFAULT_RETRY_POLICY,
  scheduleName,
  scheduleOnce,
} from '../../shared/scheduling/schedules.js';
import { schedulingDeps } from '../../shared/scheduling-deps.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

// Registered for this file only: LIAISON_TARGETS names them, the local invoke maps their ARNs here.
const PROBE: ScheduledFunction = {
  name: 'plumbing-probe',
  handler: 'scheduled/plumbing-probe',
  uses: [],
  table: 'NONE',
  description: 'test target',
};
const BROKEN: ScheduledFunction = { ...PROBE, name: 'plumbing-broken', handler: 'scheduled/plumbing-broken' };

let now = new Date('2030-06-01T08:00:00Z');
const received: Array<{ target: string; event: unknown }> = [];
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    sns: true,
    scheduler: {
      clock: () => now,
      functions: [PROBE, BROKEN],
      loadHandler: async (fn) => async (event: unknown) => {
        if (fn.name === BROKEN.name) throw new Error('target down');
        received.push({ target: fn.name, event });
      },
    },
    log: () => undefined, // the dead-letter test fails on purpose
  });
});

afterAll(async () => {
  await stack?.stop();
});

const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const named = (name: string) => stack.scheduler.schedules().filter((s) => s.Name === name);

describe('one-time schedules (shared/scheduling/schedules.ts → local Scheduler)', () => {
  it('creates one schedule for the same name however often it is scheduled', async () => {
    const deps = schedulingDeps();
    const name = scheduleName(['esc', 'INC-1', 'step-1']);
    const schedule = { name, at: minutes(30), target: PROBE.name, payload: { incidentId: 'INC-1', step: 1 } };

    const first = await scheduleOnce(deps, schedule);
    const again = await scheduleOnce(deps, { ...schedule, payload: { ignored: true } });

    expect(first).toEqual({ created: true });
    expect(again).toEqual({ created: false });
    const stored = named(name);
    expect(stored).toHaveLength(1);
    const local = localScheduling([PROBE, BROKEN]);
    expect(stored[0]).toMatchObject({
      GroupName: 'liaison',
      ScheduleExpression: 'at(2030-06-01T08:30:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: localFunctionArn(PROBE.name),
        RoleArn: local.roleArn,
        Input: '{"incidentId":"INC-1","step":1}',
        RetryPolicy: DEFAULT_RETRY_POLICY,
        DeadLetterConfig: { Arn: local.deadLetterArn },
      },
    });
  });

  it('fires at its time into the scheduled handler, with the payload as the event, then is gone', async () => {
    const name = scheduleName(['esc', 'INC-1', 'step-1']);
    expect(await stack.scheduler.tick()).toEqual([]); // not due yet
    expect(received).toEqual([]);

    now = minutes(31);
    const fired = await stack.scheduler.tick();

    expect(fired).toEqual([expect.objectContaining({ name, ok: true, attempts: 1 })]);
    expect(received).toEqual([{ target: PROBE.name, event: { incidentId: 'INC-1', step: 1 } }]);
    expect(named(name)).toEqual([]); // ActionAfterCompletion: DELETE
    expect(await stack.scheduler.tick()).toEqual([]);
  });

  it('cancels idempotently, and a cancelled schedule never fires', async () => {
    const deps = schedulingDeps();
    const name = scheduleName(['reg', 'INC-2', 'OBL-1', 'due']);
    await scheduleOnce(deps, { name, at: minutes(10), target: PROBE.name, payload: {} });

    expect(await cancelSchedule(deps, name)).toEqual({ deleted: true });
    expect(await cancelSchedule(deps, name)).toEqual({ deleted: false });
    expect(await cancelSchedule(deps, scheduleName(['never', 'created']))).toEqual({ deleted: false });

    now = minutes(11);
    expect(await stack.scheduler.tick()).toEqual([]);
    expect(named(name)).toEqual([]);
  });

  it('sends a firing whose retries are exhausted to the configured DLQ', async () => {
    const deps = schedulingDeps();
    const name = scheduleName(['verify', 'INC-3']);
    await scheduleOnce(deps, {
      name,
      at: minutes(1),
      target: BROKEN.name,
      payload: { incidentId: 'INC-3' },
      retryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
    });

    now = minutes(2);
    const [result] = await stack.scheduler.tick();

    expect(result).toMatchObject({
      name,
      ok: false,
      attempts: 3,
      deadLetterArn: localScheduling().deadLetterArn,
    });
    expect(stack.scheduler.deadLetters()).toEqual([
      expect.objectContaining({ targetArn: localFunctionArn(BROKEN.name), input: { incidentId: 'INC-3' } }),
    ]);
  });

  it('refuses a target LIAISON_TARGETS does not name', async () => {
    await expect(
      scheduleOnce(schedulingDeps(), { name: 'x', at: minutes(5), target: 'nope', payload: {} }),
    ).rejects.toThrow(/Unknown schedule target "nope"/);
  });
});

describe('topics (shared/aws/sns.ts → local SNS → 127.0.0.1 webhook)', () => {
  const hits: Array<{ headers: IncomingHttpHeaders; body: Record<string, string> }> = [];
  let webhook: Server;
  let webhookUrl: string;

  beforeAll(async () => {
    webhook = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString('utf8');
      });
      req.on('end', () => {
        hits.push({ headers: req.headers, body: JSON.parse(text) as Record<string, string> });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((done) => webhook.listen(0, '127.0.0.1', done));
    webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sns`;
  });

  afterAll(async () => {
    await new Promise<void>((done) => webhook.close(() => done()));
  });

  it('creates an encrypted topic, subscribes with a filter policy, and delivers only matching messages', async () => {
    const sns = snsClient();
    const topics = topicsConfig();
    const { TopicArn } = await sns.send(
      new CreateTopicCommand({
        Name: `${topics.prefix}org-acme`,
        Attributes: { KmsMasterKeyId: topics.kmsKeyId, SignatureVersion: '2' },
      }),
    );
    const attributes = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    expect(attributes.Attributes?.KmsMasterKeyId).toBe(topics.kmsKeyId);

    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'http',
        Endpoint: webhookUrl,
        Attributes: { FilterPolicy: JSON.stringify({ severity: ['high', 'critical'] }) },
      }),
    );
    await stack.sns.flush();
    const confirmation = hits.find((h) => h.body.Type === 'SubscriptionConfirmation');
    expect(confirmation?.body.Token).toBeDefined();
    await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: confirmation?.body.Token }));

    const publish = (severity: string, message: string) =>
      sns.send(
        new PublishCommand({
          TopicArn,
          Message: message,
          Subject: `INC-1 ${severity}`,
          MessageAttributes: { severity: { DataType: 'String', StringValue: severity } },
        }),
      );
    await publish('low', 'not for this partner');
    await publish('high', 'for this partner');
    await stack.sns.flush();

    const notifications = hits.filter((h) => h.body.Type === 'Notification');
    expect(notifications.map((n) => n.body.Message)).toEqual(['for this partner']);
    expect(notifications[0]?.headers['x-amz-sns-message-type']).toBe('Notification');
    expect(notifications[0]?.body.TopicArn).toBe(TopicArn);
    expect(stack.sns.calls('Publish')).toBe(2);
  });
});
