import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  paginateListSchedules,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalScheduler,
  type Invoke,
  type LocalScheduler,
  type LocalSchedulerOptions,
} from '../../infra/local/scheduler/index.js';
import { createScheduleInput } from '../../shared/scheduling/schedules.js';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:liaison-escalation-step';
const ROLE_ARN = 'arn:aws:iam::000000000000:role/liaison-scheduler';
const GROUP = 'liaison';

/** A controllable clock: tests move time, nothing sleeps. */
const clock = { now: new Date('2030-01-01T00:00:00Z') };
const at = (iso: string) => {
  clock.now = new Date(iso);
};

let calls: { arn: string; input: unknown; attempt: number }[];
let behaviour: Invoke;
const invoke: Invoke = async (arn, input, context) => {
  calls.push({ arn, input, attempt: context.attempt });
  await behaviour(arn, input, context);
};

const started: LocalScheduler[] = [];
const clients: SchedulerClient[] = [];
const dirs: string[] = [];

async function boot(
  options: Partial<LocalSchedulerOptions> = {},
): Promise<{ s: LocalScheduler; sdk: SchedulerClient }> {
  const s = createLocalScheduler({
    clock: () => clock.now,
    invoke,
    retryDelayMs: 0,
    log: () => undefined,
    ...options,
  });
  started.push(s);
  const sdk = new SchedulerClient({
    endpoint: await s.listen(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  clients.push(sdk);
  return { s, sdk };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-scheduler-'));
  dirs.push(dir);
  return dir;
}

/** The shape Liaison sends: one-time, own group, deleted after completion. */
function oneTime(
  name: string,
  when: string,
  extra: Partial<CreateScheduleCommandInput> = {},
): CreateScheduleCommandInput {
  return {
    Name: name,
    GroupName: GROUP,
    ScheduleExpression: `at(${when})`,
    ActionAfterCompletion: 'DELETE',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: FUNCTION_ARN, RoleArn: ROLE_ARN, Input: JSON.stringify({ incidentId: name, step: 1 }) },
    ...extra,
  };
}

function recurring(name: string, expression: string, extra: Partial<CreateScheduleCommandInput> = {}) {
  return {
    Name: name,
    GroupName: GROUP,
    ScheduleExpression: expression,
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    Target: { Arn: FUNCTION_ARN, RoleArn: ROLE_ARN, Input: '{"job":"sweep"}' },
    ...extra,
  };
}

let s: LocalScheduler;
let sdk: SchedulerClient;

beforeEach(async () => {
  at('2030-01-01T00:00:00Z');
  calls = [];
  behaviour = async () => undefined;
  ({ s, sdk } = await boot());
  await sdk.send(new CreateScheduleGroupCommand({ Name: GROUP }));
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(started.splice(0).map((x) => x.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the API, through the real SchedulerClient', () => {
  it('creates, gets, lists and deletes a schedule', async () => {
    const created = await sdk.send(
      new CreateScheduleCommand(
        oneTime('inc-1-step-1', '2030-01-01T00:10:00', {
          ScheduleExpressionTimezone: 'Europe/Paris',
          Description: 'escalation step 1',
          StartDate: new Date('2029-12-31T00:00:00Z'),
        }),
      ),
    );
    expect(created.ScheduleArn).toBe(
      'arn:aws:scheduler:us-east-1:000000000000:schedule/liaison/inc-1-step-1',
    );

    const got = await sdk.send(new GetScheduleCommand({ Name: 'inc-1-step-1', GroupName: GROUP }));
    expect(got).toMatchObject({
      Arn: created.ScheduleArn,
      Name: 'inc-1-step-1',
      GroupName: GROUP,
      ScheduleExpression: 'at(2030-01-01T00:10:00)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Description: 'escalation step 1',
      State: 'ENABLED',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: FUNCTION_ARN, RoleArn: ROLE_ARN, Input: '{"incidentId":"inc-1-step-1","step":1}' },
      StartDate: new Date('2029-12-31T00:00:00Z'),
      CreationDate: clock.now,
    });

    const listed = await sdk.send(new ListSchedulesCommand({ GroupName: GROUP }));
    expect(listed.Schedules).toEqual([
      expect.objectContaining({
        Name: 'inc-1-step-1',
        GroupName: GROUP,
        State: 'ENABLED',
        Target: { Arn: FUNCTION_ARN },
      }),
    ]);

    await sdk.send(new DeleteScheduleCommand({ Name: 'inc-1-step-1', GroupName: GROUP }));
    const after = await sdk.send(new ListSchedulesCommand({ GroupName: GROUP }));
    expect(after.Schedules).toEqual([]);
  });

  it('answers with the SDK typed exceptions', async () => {
    await sdk.send(new CreateScheduleCommand(oneTime('dup', '2030-01-02T00:00:00')));
    await expect(
      sdk.send(new CreateScheduleCommand(oneTime('dup', '2030-01-02T00:00:00'))),
    ).rejects.toBeInstanceOf(ConflictException);
    await expect(sdk.send(new GetScheduleCommand({ Name: 'nope', GroupName: GROUP }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      sdk.send(new DeleteScheduleCommand({ Name: 'nope', GroupName: GROUP })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    // Same name in another group is another schedule.
    await expect(sdk.send(new GetScheduleCommand({ Name: 'dup' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    await expect(
      sdk.send(new CreateScheduleCommand(oneTime('x', '2030-01-02T00:00:00', { GroupName: 'missing' }))),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const error = await sdk
      .send(
        new CreateScheduleCommand(
          oneTime('bad', '2030-01-02T00:00:00', { ScheduleExpression: 'rate(5 weeks)' }),
        ),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).message).toMatch(/rate\(5 weeks\)/);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
    await expect(
      sdk.send(
        new CreateScheduleCommand(
          oneTime('tz', '2030-01-02T00:00:00', { ScheduleExpressionTimezone: 'Mars/Base' }),
        ),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('updates a schedule by replacing it', async () => {
    await sdk.send(new CreateScheduleCommand(recurring('sweep', 'rate(1 day)', { Description: 'old' })));
    await sdk.send(new UpdateScheduleCommand(recurring('sweep', 'cron(0 3 * * ? *)', { State: 'DISABLED' })));
    const got = await sdk.send(new GetScheduleCommand({ Name: 'sweep', GroupName: GROUP }));
    expect(got).toMatchObject({ ScheduleExpression: 'cron(0 3 * * ? *)', State: 'DISABLED' });
    expect(got.Description).toBeUndefined();
    await expect(
      sdk.send(new UpdateScheduleCommand(recurring('ghost', 'rate(1 day)'))),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists by group, prefix and state, page by page', async () => {
    for (const n of ['a1', 'a2', 'a3', 'a4', 'b1']) {
      await sdk.send(new CreateScheduleCommand(oneTime(n, '2030-02-01T00:00:00')));
    }
    await sdk.send(new CreateScheduleCommand(oneTime('a5', '2030-02-01T00:00:00', { State: 'DISABLED' })));
    await sdk.send(new CreateScheduleCommand(oneTime('a9', '2030-02-01T00:00:00', { GroupName: undefined })));

    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListSchedules({ client: sdk, pageSize: 2 }, { GroupName: GROUP })) {
      pages += 1;
      names.push(...(page.Schedules ?? []).map((x) => x.Name ?? ''));
    }
    expect(names).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'b1']);
    expect(pages).toBe(3);

    const prefixed = await sdk.send(
      new ListSchedulesCommand({ GroupName: GROUP, NamePrefix: 'a', State: 'ENABLED' }),
    );
    expect(prefixed.Schedules?.map((x) => x.Name)).toEqual(['a1', 'a2', 'a3', 'a4']);
    const everywhere = await sdk.send(new ListSchedulesCommand({ NamePrefix: 'a9' }));
    expect(everywhere.Schedules?.map((x) => [x.GroupName, x.Name])).toEqual([['default', 'a9']]);
    await expect(sdk.send(new ListSchedulesCommand({ NextToken: 'garbage' }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });

  it('manages schedule groups; the default group exists and stays', async () => {
    await expect(sdk.send(new CreateScheduleGroupCommand({ Name: GROUP }))).rejects.toBeInstanceOf(
      ConflictException,
    );
    const tagged = await sdk.send(
      new CreateScheduleGroupCommand({ Name: 'tagged', Tags: [{ Key: 'app', Value: 'liaison' }] }),
    );
    const tags = await sdk.send(new ListTagsForResourceCommand({ ResourceArn: tagged.ScheduleGroupArn }));
    expect(tags.Tags).toEqual([{ Key: 'app', Value: 'liaison' }]);

    const groups = await sdk.send(new ListScheduleGroupsCommand({}));
    expect(groups.ScheduleGroups?.map((g) => g.Name)).toEqual(['default', GROUP, 'tagged']);
    expect(await sdk.send(new GetScheduleGroupCommand({ Name: 'default' }))).toMatchObject({
      State: 'ACTIVE',
    });

    await sdk.send(new CreateScheduleCommand(oneTime('in-group', '2030-02-01T00:00:00')));
    await sdk.send(new DeleteScheduleGroupCommand({ Name: GROUP }));
    await expect(sdk.send(new GetScheduleGroupCommand({ Name: GROUP }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    expect(s.schedules()).toEqual([]);
    await expect(sdk.send(new DeleteScheduleGroupCommand({ Name: 'default' }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});

describe('firing, on an injected clock', () => {
  it('a one-time schedule fires once, at its time, and is then deleted (ActionAfterCompletion DELETE)', async () => {
    await sdk.send(new CreateScheduleCommand(oneTime('inc-7-step-2', '2030-01-01T00:10:00')));

    at('2030-01-01T00:09:59Z');
    expect(await s.tick()).toEqual([]);
    expect(calls).toEqual([]);

    at('2030-01-01T00:10:00Z');
    const fired = await s.tick();
    expect(fired).toEqual([
      expect.objectContaining({
        name: 'inc-7-step-2',
        groupName: GROUP,
        targetArn: FUNCTION_ARN,
        scheduledTime: '2030-01-01T00:10:00.000Z',
        ok: true,
        attempts: 1,
      }),
    ]);
    expect(calls).toEqual([
      { arn: FUNCTION_ARN, input: { incidentId: 'inc-7-step-2', step: 1 }, attempt: 1 },
    ]);
    await expect(
      sdk.send(new GetScheduleCommand({ Name: 'inc-7-step-2', GroupName: GROUP })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);

    at('2030-01-01T01:00:00Z');
    expect(await s.tick()).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("Liaison's schedule for an instant with milliseconds fires at or after it, never before", async () => {
    const input = createScheduleInput(
      {
        group: GROUP,
        roleArn: ROLE_ARN,
        deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
        targets: { step: FUNCTION_ARN },
      },
      { name: 'inc-8-step-2', at: new Date('2030-01-01T00:10:00.250Z'), target: 'step', payload: {} },
    );
    await sdk.send(new CreateScheduleCommand(input));
    for (const early of [
      '2030-01-01T00:09:59.999Z',
      '2030-01-01T00:10:00.000Z',
      '2030-01-01T00:10:00.999Z',
    ]) {
      at(early);
      expect(await s.tick(), early).toEqual([]);
    }
    at('2030-01-01T00:10:01.000Z');
    expect(await s.tick()).toEqual([
      expect.objectContaining({ name: 'inc-8-step-2', scheduledTime: '2030-01-01T00:10:01.000Z', ok: true }),
    ]);
  });

  it('a one-time schedule without DELETE stays, completed, and does not fire again', async () => {
    await sdk.send(
      new CreateScheduleCommand(oneTime('keep', '2030-01-01T00:10:00', { ActionAfterCompletion: 'NONE' })),
    );
    at('2030-01-01T00:15:00Z');
    expect(await s.tick()).toHaveLength(1);
    at('2030-01-02T00:00:00Z');
    expect(await s.tick()).toEqual([]);
    expect(s.schedules()).toEqual([
      expect.objectContaining({ Name: 'keep', next: null, lastFiredAt: '2030-01-01T00:10:00.000Z' }),
    ]);
  });

  it('at() is read in ScheduleExpressionTimezone', async () => {
    await sdk.send(
      new CreateScheduleCommand(
        oneTime('paris', '2030-01-01T09:00:00', { ScheduleExpressionTimezone: 'Europe/Paris' }),
      ),
    );
    at('2030-01-01T07:59:59Z');
    expect(await s.tick()).toEqual([]);
    at('2030-01-01T08:00:00Z');
    expect(await s.tick()).toHaveLength(1);
  });

  it('a rate schedule fires on each due tick; missed periods collapse into one late firing', async () => {
    await sdk.send(new CreateScheduleCommand(recurring('sweep', 'rate(5 minutes)')));
    const fire = async (iso: string) => {
      at(iso);
      return (await s.tick()).map((r) => r.scheduledTime);
    };
    expect(await fire('2030-01-01T00:04:59Z')).toEqual([]);
    expect(await fire('2030-01-01T00:05:00Z')).toEqual(['2030-01-01T00:05:00.000Z']);
    expect(await fire('2030-01-01T00:07:00Z')).toEqual([]);
    expect(await fire('2030-01-01T00:10:30Z')).toEqual(['2030-01-01T00:10:00.000Z']);
    expect(await fire('2030-01-01T00:31:00Z')).toEqual(['2030-01-01T00:15:00.000Z']);
    expect(await fire('2030-01-01T00:34:00Z')).toEqual([]);
    expect(await fire('2030-01-01T00:35:00Z')).toEqual(['2030-01-01T00:35:00.000Z']);
    expect(calls.map((c) => c.input)).toEqual(Array(4).fill({ job: 'sweep' }));
  });

  it('a cron schedule fires at its times; a disabled schedule never fires', async () => {
    await sdk.send(new CreateScheduleCommand(recurring('nightly', 'cron(0 3 * * ? *)')));
    await sdk.send(new CreateScheduleCommand(recurring('off', 'rate(1 minute)', { State: 'DISABLED' })));
    at('2030-01-01T02:59:00Z');
    expect(await s.tick()).toEqual([]);
    at('2030-01-01T03:00:00Z');
    expect((await s.tick()).map((r) => r.name)).toEqual(['nightly']);
    at('2030-01-02T03:00:01Z');
    expect((await s.tick()).map((r) => r.name)).toEqual(['nightly']);
  });

  it('substitutes the context attributes in Input', async () => {
    await sdk.send(
      new CreateScheduleCommand(
        oneTime('ctx', '2030-01-01T00:01:00', {
          Target: {
            Arn: FUNCTION_ARN,
            RoleArn: ROLE_ARN,
            Input:
              '{"arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","n":<aws.scheduler.attempt-number>}',
          },
        }),
      ),
    );
    at('2030-01-01T00:02:00Z');
    await s.tick();
    expect(calls[0]?.input).toEqual({
      arn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/liaison/ctx',
      at: '2030-01-01T00:01:00Z',
      n: 1,
    });
  });

  it('start() ticks on an interval', async () => {
    await sdk.send(new CreateScheduleCommand(oneTime('soon', '2030-01-01T00:00:30')));
    at('2030-01-01T00:01:00Z');
    s.start({ intervalMs: 10 });
    for (let i = 0; i < 200 && calls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(calls).toHaveLength(1);
  });
});

describe('failures', () => {
  it('a failing invoke is retried per RetryPolicy, then dead-lettered, and the emulator carries on', async () => {
    behaviour = async () => {
      throw new Error('handler exploded');
    };
    const dlq = 'arn:aws:sqs:us-east-1:000000000000:liaison-scheduler-dlq';
    await sdk.send(
      new CreateScheduleCommand(
        oneTime('doomed', '2030-01-01T00:01:00', {
          Target: {
            Arn: FUNCTION_ARN,
            RoleArn: ROLE_ARN,
            Input: '{"n":1}',
            RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
            DeadLetterConfig: { Arn: dlq },
          },
        }),
      ),
    );
    at('2030-01-01T00:01:00Z');
    const [result] = await s.tick();
    expect(result).toMatchObject({ ok: false, attempts: 3, error: 'handler exploded', deadLetterArn: dlq });
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(s.deadLetters()).toEqual([
      expect.objectContaining({
        deadLetterArn: dlq,
        scheduleArn: 'arn:aws:scheduler:us-east-1:000000000000:schedule/liaison/doomed',
        targetArn: FUNCTION_ARN,
        input: { n: 1 },
        attempts: 3,
        errorMessage: 'handler exploded',
      }),
    ]);
    // Deleted after completion all the same; later ticks and the API still work.
    expect(await s.tick()).toEqual([]);
    expect((await sdk.send(new ListSchedulesCommand({}))).Schedules).toEqual([]);
  });

  it('a synchronous throw counts as a failure; a retry that succeeds is a success; no DLQ, no entry', async () => {
    let attempts = 0;
    behaviour = () => {
      attempts += 1;
      if (attempts === 1) throw new Error('first attempt fails');
      return Promise.resolve();
    };
    await sdk.send(new CreateScheduleCommand(oneTime('flaky', '2030-01-01T00:01:00')));
    await sdk.send(
      new CreateScheduleCommand(
        oneTime('no-dlq', '2030-01-01T00:02:00', {
          Target: { Arn: FUNCTION_ARN, RoleArn: ROLE_ARN, RetryPolicy: { MaximumRetryAttempts: 0 } },
        }),
      ),
    );
    at('2030-01-01T00:01:00Z');
    expect(await s.tick()).toEqual([expect.objectContaining({ name: 'flaky', ok: true, attempts: 2 })]);
    behaviour = () => Promise.reject(new Error('down'));
    at('2030-01-01T00:02:00Z');
    expect(await s.tick()).toEqual([expect.objectContaining({ name: 'no-dlq', ok: false, attempts: 1 })]);
    expect(s.deadLetters()).toEqual([]);
  });

  it('an invoke that never answers times out and fails', async () => {
    const slow = await boot({ invokeTimeoutMs: 20, defaultMaximumRetryAttempts: 0 });
    behaviour = () => new Promise(() => undefined);
    await slow.sdk.send(
      new CreateScheduleCommand(oneTime('hang', '2030-01-01T00:01:00', { GroupName: undefined })),
    );
    at('2030-01-01T00:01:00Z');
    expect(await slow.s.tick()).toEqual([
      expect.objectContaining({ ok: false, error: 'timed out after 20 ms' }),
    ]);
  });
});

describe('persistence', () => {
  it('keeps schedules across a restart; what fell due while down fires once on the next tick', async () => {
    const dataDir = tempDir();
    const first = await boot({ dataDir });
    await first.sdk.send(new CreateScheduleGroupCommand({ Name: GROUP }));
    await first.sdk.send(new CreateScheduleCommand(oneTime('inc-9-step-1', '2030-01-01T00:10:00')));
    await first.sdk.send(new CreateScheduleCommand(oneTime('later', '2030-06-01T00:00:00')));
    await first.sdk.send(new CreateScheduleCommand(recurring('sweep', 'rate(5 minutes)')));
    await first.s.stop();

    // Down from 00:00 to 00:27: the one-time schedule and five sweeps were missed.
    at('2030-01-01T00:27:00Z');
    const second = await boot({ dataDir });
    const got = await second.sdk.send(new GetScheduleCommand({ Name: 'later', GroupName: GROUP }));
    expect(got.ScheduleExpression).toBe('at(2030-06-01T00:00:00)');

    const fired = await second.s.tick();
    expect(fired.map((r) => [r.name, r.scheduledTime])).toEqual([
      ['sweep', '2030-01-01T00:05:00.000Z'],
      ['inc-9-step-1', '2030-01-01T00:10:00.000Z'],
    ]);
    expect(await second.s.tick()).toEqual([]);
    await second.s.stop();

    // The firing and the deletion were persisted too.
    const third = await boot({ dataDir });
    expect(third.s.schedules().map((x) => [x.Name, x.next])).toEqual([
      ['later', '2030-06-01T00:00:00.000Z'],
      ['sweep', '2030-01-01T00:30:00.000Z'],
    ]);
    expect(await third.s.tick()).toEqual([]);
  });

  it('refuses to start on a corrupt state file instead of losing it', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'scheduler.json'), '{ not json');
    expect(() => createLocalScheduler({ dataDir, invoke })).toThrow(/scheduler\.json is not valid JSON/);
  });

  it('putSchedule creates or replaces without HTTP (the start script’s recurring sweep)', async () => {
    const input = recurring('verification-sweep', 'rate(1 day)');
    s.putSchedule('verification-sweep', input);
    s.putSchedule('verification-sweep', { ...input, ScheduleExpression: 'rate(10 minutes)' });
    const got = await sdk.send(new GetScheduleCommand({ Name: 'verification-sweep', GroupName: GROUP }));
    expect(got.ScheduleExpression).toBe('rate(10 minutes)');
    at('2030-01-01T00:10:00Z');
    expect((await s.tick()).map((r) => r.name)).toEqual(['verification-sweep']);
  });
});
