import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSchedulingConfig, readTopicsConfig, type SchedulingConfig } from '../../shared/config.js';
import {
  atExpression,
  createScheduleInput,
  DEFAULT_RETRY_POLICY,
  fireInstant,
  scheduleName,
} from '../../shared/scheduling/schedules.js';

const VALID = /^[0-9A-Za-z_.-]{1,64}$/;

describe('scheduleName', () => {
  it('joins plain parts with dots, unchanged', () => {
    expect(scheduleName(['esc', 'INC-001', 'step-2'])).toBe('esc.INC-001.step-2');
  });

  it('is deterministic, at most 64 characters of [0-9A-Za-z-_.], for any parts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const name = scheduleName(parts);
          expect(name).toMatch(VALID);
          expect(scheduleName([...parts])).toBe(name);
        },
      ),
    );
  });

  it('gives different part lists different names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 4 }),
        (a, b) => {
          fc.pre(JSON.stringify(a) !== JSON.stringify(b));
          expect(scheduleName(a)).not.toBe(scheduleName(b));
        },
      ),
    );
  });

  it('adds a hash when a part needs escaping, so look-alike parts do not collide', () => {
    const hashed = scheduleName(['reg', 'INC#1']);
    expect(hashed).toMatch(/^reg\.INC_1\.[0-9a-f]{16}$/);
    expect(scheduleName(['reg', 'INC:1'])).not.toBe(hashed);
    expect(scheduleName(['reg', 'INC_1'])).toBe('reg.INC_1');
    // the separator inside a part is escaped too: ['a.b','c'] is not ['a','b.c']
    expect(scheduleName(['a.b', 'c'])).not.toBe(scheduleName(['a', 'b.c']));
  });

  it('cuts long names to 64 characters with a hash suffix', () => {
    const long = scheduleName(['verify', 'x'.repeat(100)]);
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^verify\.x+\.[0-9a-f]{16}$/);
    expect(scheduleName(['verify', `${'x'.repeat(99)}y`])).not.toBe(long);
  });

  it('refuses empty parts', () => {
    expect(() => scheduleName([])).toThrow(/non-empty/);
    expect(() => scheduleName(['a', ''])).toThrow(/non-empty/);
  });
});

describe('the CreateSchedule request', () => {
  const cfg: SchedulingConfig = {
    group: 'liaison',
    roleArn: 'arn:aws:iam::123456789012:role/scheduler',
    deadLetterArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq',
    targets: { 'escalation-step': 'arn:aws:lambda:eu-west-1:123456789012:function:Liaison-escalation-step' },
  };

  it('is a one-time UTC schedule deleted after completion, with retry policy and DLQ', () => {
    const input = createScheduleInput(cfg, {
      name: 'esc.INC-1.step-1',
      at: new Date('2030-01-02T03:04:05.678+02:00'),
      target: 'escalation-step',
      payload: { incidentId: 'INC-1', step: 1 },
    });
    expect(input).toEqual({
      Name: 'esc.INC-1.step-1',
      GroupName: 'liaison',
      ScheduleExpression: 'at(2030-01-02T01:04:06)', // .678 rounded up: never early
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: cfg.targets['escalation-step'],
        RoleArn: cfg.roleArn,
        Input: '{"incidentId":"INC-1","step":1}',
        RetryPolicy: DEFAULT_RETRY_POLICY,
        DeadLetterConfig: { Arn: cfg.deadLetterArn },
      },
    });
  });

  it('refuses unknown targets and names not built by scheduleName', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    expect(() => createScheduleInput(cfg, { name: 'a', at, target: 'nope', payload: {} })).toThrow(
      /Unknown schedule target "nope".*escalation-step/,
    );
    expect(() =>
      createScheduleInput(cfg, { name: 'a#b', at, target: 'escalation-step', payload: {} }),
    ).toThrow(/scheduleName/);
  });

  it('writes at() in UTC, an instant with milliseconds rounded UP to the next second (never early)', () => {
    expect(atExpression(new Date(Date.UTC(2031, 11, 31, 23, 59, 59, 999)))).toBe('at(2032-01-01T00:00:00)');
    expect(atExpression(new Date('2031-06-01T10:00:00.001Z'))).toBe('at(2031-06-01T10:00:01)');
    expect(atExpression(new Date('2031-06-01T10:00:00.000Z'))).toBe('at(2031-06-01T10:00:00)');
    expect(() => atExpression(new Date(Number.NaN))).toThrow(/invalid/);
  });

  it('fireInstant: whole seconds unchanged, milliseconds up to the next second; the request uses it', () => {
    expect(fireInstant(new Date('2031-06-01T10:00:00.000Z')).toISOString()).toBe('2031-06-01T10:00:00.000Z');
    expect(fireInstant(new Date('2031-06-01T10:00:00.400Z')).toISOString()).toBe('2031-06-01T10:00:01.000Z');
    expect(fireInstant(new Date('2031-06-01T10:00:59.999Z')).toISOString()).toBe('2031-06-01T10:01:00.000Z');
    expect(() => fireInstant(new Date(Number.NaN))).toThrow(/invalid/);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const at = fireInstant(new Date(ms)).getTime();
        return at >= ms && at - ms < 1000 && at % 1000 === 0;
      }),
    );
    const input = createScheduleInput(cfg, {
      name: 'a',
      at: new Date('2031-06-01T10:00:00.400Z'),
      target: 'escalation-step',
      payload: {},
    });
    expect(input.ScheduleExpression).toBe('at(2031-06-01T10:00:01)');
  });
});

describe('scheduling and topic configuration', () => {
  const env = {
    LIAISON_SCHEDULE_GROUP: 'liaison',
    LIAISON_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
    LIAISON_SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-west-1:123456789012:dlq',
    LIAISON_TARGETS: '{"job":"arn:aws:lambda:eu-west-1:123456789012:function:job"}',
  };

  it('reads the four variables', () => {
    expect(readSchedulingConfig(env)).toEqual({
      group: 'liaison',
      roleArn: env.LIAISON_SCHEDULER_ROLE_ARN,
      deadLetterArn: env.LIAISON_SCHEDULER_DLQ_ARN,
      targets: { job: 'arn:aws:lambda:eu-west-1:123456789012:function:job' },
    });
  });

  it('names what is missing or malformed', () => {
    expect(() => readSchedulingConfig({ ...env, LIAISON_SCHEDULE_GROUP: '' })).toThrow(
      /LIAISON_SCHEDULE_GROUP/,
    );
    expect(() => readSchedulingConfig({ ...env, LIAISON_SCHEDULER_ROLE_ARN: 'role' })).toThrow(
      /LIAISON_SCHEDULER_ROLE_ARN must be an ARN/,
    );
    expect(() => readSchedulingConfig({ ...env, LIAISON_TARGETS: '[1]' })).toThrow(/JSON object/);
    expect(() => readSchedulingConfig({ ...env, LIAISON_TARGETS: '{"job":"x"}' })).toThrow(
      /LIAISON_TARGETS.job must be a Lambda ARN/,
    );
  });

  it('reads the topic prefix and key', () => {
    expect(
      readTopicsConfig({ LIAISON_TOPIC_PREFIX: 'liaison-', LIAISON_TOPIC_KMS_KEY_ID: 'alias/k' }),
    ).toEqual({
      prefix: 'liaison-',
      kmsKeyId: 'alias/k',
    });
    expect(() => readTopicsConfig({ LIAISON_TOPIC_PREFIX: 'liaison-' })).toThrow(/LIAISON_TOPIC_KMS_KEY_ID/);
  });
});
