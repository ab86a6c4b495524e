/**
 * The notification / timed-work plumbing: schedule group, Scheduler role, DLQ, topic key, and the
 * grants a function gets only when its route (or job) `uses` SNS or the Scheduler.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { SCHEDULER_ACTIONS, SNS_ACTIONS } from '../../infra/constructs/messaging.js';
import { SCHEDULED_FUNCTIONS, type ScheduledFunction } from '../../infra/functions.js';
import { COORDINATORS, type Route, routes } from '../../shared/routes.js';
import * as common from '../../shared/schemas/common.js';
import { allOfType, propsOf, resourcesOf, type Synthesized, synthesize } from './synth.js';

// The baseline: the route table without any `uses` and no scheduled function, so the probe route and
// job below are the only users of the plumbing (the real stack is checked at the end of the file).
const ROUTES = (routes as readonly Route[]).map(({ uses: _uses, ...r }) => r as Route);
const PROBE: Route = {
  id: 'probeNotify',
  method: 'POST',
  path: '/incidents/{incidentId}/probe',
  handler: 'incidents/probe-notify',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'test only',
  tag: 'incidents', // shares its area (and table access) with routes that must not get its grants
  response: { status: 200, schema: common.OpenApiDocument },
};
const JOB: ScheduledFunction = {
  name: 'probe-job',
  handler: 'scheduled/probe-job',
  uses: ['scheduler'],
  table: 'RW',
  description: 'test only',
};
const PLUMBING_ENV = [
  'LIAISON_SCHEDULE_GROUP',
  'LIAISON_SCHEDULER_ROLE_ARN',
  'LIAISON_SCHEDULER_DLQ_ARN',
  'LIAISON_TARGETS',
  'LIAISON_TOPIC_PREFIX',
  'LIAISON_TOPIC_KMS_KEY_ID',
];

const plain = synthesize({}, undefined, { routes: ROUTES, scheduledFunctions: [] });
const probed = synthesize({}, undefined, { routes: [...ROUTES, PROBE], scheduledFunctions: [JOB] });

/** CloudFormation value → readable string: `arn:<AWS::Partition>:…`, `<Logical.Arn>`, `<Ref Logical>`. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v['Fn::Join']) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(sep);
  }
  if (typeof v.Ref === 'string') return v.Ref.startsWith('AWS::') ? `<${v.Ref}>` : `<Ref ${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  return JSON.stringify(value);
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

/** Every statement of the identity policies attached to `roleId` in the same template. */
function statementsOf(s: Synthesized, roleId: string): Statement[] {
  return allOfType(s.all, 'AWS::IAM::Policy')
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

/** The run-time topics' key (the operator topic of constructs/monitoring.ts has a key of its own). */
function topicKeys(s: Synthesized) {
  return allOfType([s.parent], 'AWS::KMS::Key').filter((k) =>
    String(k.Properties.Description).includes('SNS topics'),
  );
}

/** Each function with its role's statements and its environment. */
function functions(s: Synthesized) {
  return allOfType(s.all, 'AWS::Lambda::Function').map((fn) => {
    const props = propsOf(fn.template, fn.id);
    const roleId: string = props.Role['Fn::GetAtt'][0];
    return {
      id: fn.id,
      name: props.FunctionName as string | undefined,
      description: String(props.Description ?? ''),
      env: (props.Environment?.Variables ?? {}) as Record<string, unknown>,
      actions: statementsOf(s, roleId).flatMap((st) => list(st.Action)),
      statements: statementsOf(s, roleId),
    };
  });
}

const isPlumbing = (a: string) =>
  a.startsWith('sns:') || a.startsWith('scheduler:') || a.startsWith('kms:') || a === 'iam:PassRole';

function schedulerRole(s: Synthesized) {
  const roles = allOfType([s.parent], 'AWS::IAM::Role').filter((r) =>
    JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
  );
  expect(roles).toHaveLength(1);
  return roles[0] as (typeof roles)[number];
}

describe('schedule group, Scheduler role and DLQ (always present)', () => {
  it('has the schedule group "liaison-prod" (default stage), retained', () => {
    plain.parent.hasResource('AWS::Scheduler::ScheduleGroup', {
      Properties: { Name: 'liaison-prod' },
      DeletionPolicy: 'Retain',
    });
  });

  it('takes the group name from context scheduleGroup', () => {
    const custom = synthesize({ scheduleGroup: 'liaison-other' });
    custom.parent.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'liaison-other' });
  });

  it('lets only scheduler.amazonaws.com of this account and group assume the Scheduler role', () => {
    const role = schedulerRole(plain);
    const [groupId] = Object.keys(plain.parent.findResources('AWS::Scheduler::ScheduleGroup'));
    expect(propsOf(plain.parent, role.id).AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'aws:SourceArn': { 'Fn::GetAtt': [groupId, 'Arn'] },
          },
        },
      },
    ]);
    expect(propsOf(plain.parent, role.id).ManagedPolicyArns).toBeUndefined();
  });

  it('allows the Scheduler role sqs:SendMessage on the DLQ and nothing else while no function is scheduled', () => {
    const [queueId] = Object.keys(plain.parent.findResources('AWS::SQS::Queue'));
    const statements = statementsOf(plain, schedulerRole(plain).id);
    expect(statements).toEqual([
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
      }),
    ]);
  });

  it('has an encrypted, TLS-only DLQ keeping messages 14 days', () => {
    plain.parent.resourceCountIs('AWS::SQS::Queue', 1);
    plain.parent.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    const [policy] = allOfType([plain.parent], 'AWS::SQS::QueuePolicy');
    expect(propsOf(plain.parent, policy?.id ?? '').PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('grants no function SNS, Scheduler, KMS or PassRole, sets none of their variables, and has no topic key', () => {
    for (const fn of functions(plain)) {
      expect(fn.actions.filter(isPlumbing), fn.description).toEqual([]);
      for (const name of PLUMBING_ENV) expect(fn.env, fn.description).not.toHaveProperty(name);
    }
    expect(topicKeys(plain)).toHaveLength(0);
  });
});

describe('a route and a scheduled function that use SNS and the Scheduler', () => {
  const all = functions(probed);
  const probe = all.find((f) => f.description.startsWith(`POST ${PROBE.path}`));
  const job = all.find((f) => f.name === 'Liaison-prod-probe-job');
  const others = all.filter((f) => f !== probe && f !== job);

  it('exist in the template', () => {
    expect(probe).toBeDefined();
    expect(job).toBeDefined();
    expect(others).toHaveLength(ROUTES.length);
  });

  it('gives the route Create/Delete/GetSchedule on the group only and PassRole on the Scheduler role only', () => {
    const schedules = probe?.statements.find((s) => s.Sid === 'Schedules');
    expect(list(schedules?.Action ?? []).sort()).toEqual([...SCHEDULER_ACTIONS].sort());
    expect(render(schedules?.Resource)).toBe(
      'arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/liaison-prod/*',
    );
    const pass = probe?.statements.find((s) => s.Sid === 'PassSchedulerRole');
    expect(pass?.Action).toBe('iam:PassRole');
    expect(render(pass?.Resource)).toMatch(/^<Ref referenceto.*SchedulerRole.*Arn>$/);
    expect(pass?.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
  });

  it('gives the route the SNS actions on liaison-prod-* topics and the topic key only', () => {
    const topics = probe?.statements.find((s) => s.Sid === 'Topics');
    expect(list(topics?.Action ?? []).sort()).toEqual([...SNS_ACTIONS].sort());
    expect(render(topics?.Resource)).toBe(
      'arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:liaison-prod-*',
    );
    const key = probe?.statements.find((s) => s.Sid === 'TopicKey');
    expect(list(key?.Action ?? []).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(render(key?.Resource)).toMatch(/^<Ref referenceto.*TopicKey.*Arn>$/);
  });

  it('sets the six variables on the route, the four scheduling ones on the job', () => {
    for (const name of PLUMBING_ENV) expect(probe?.env).toHaveProperty(name);
    expect(probe?.env.LIAISON_SCHEDULE_GROUP).toBe('liaison-prod');
    expect(probe?.env.LIAISON_TOPIC_PREFIX).toBe('liaison-prod-');
    expect(Object.keys(job?.env ?? {}).filter((k) => PLUMBING_ENV.includes(k))).toEqual([
      'LIAISON_SCHEDULE_GROUP',
      'LIAISON_SCHEDULER_ROLE_ARN',
      'LIAISON_SCHEDULER_DLQ_ARN',
      'LIAISON_TARGETS',
    ]);
    expect(render(job?.env.LIAISON_TARGETS)).toBe(
      '{"probe-job":"arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:Liaison-prod-probe-job"}',
    );
    expect(job?.actions.filter((a) => a.startsWith('sns:') || a.startsWith('kms:'))).toEqual([]);
  });

  it('gives nothing to the other functions, in the same area with the same table access included', () => {
    expect(others.filter((f) => f.description.startsWith('POST /incidents')).length).toBeGreaterThan(0);
    for (const fn of others) {
      expect(fn.actions.filter(isPlumbing), fn.description).toEqual([]);
      for (const name of PLUMBING_ENV) expect(fn.env, fn.description).not.toHaveProperty(name);
    }
  });

  it('lets the Scheduler role invoke exactly the scheduled function', () => {
    const invoke = statementsOf(probed, schedulerRole(probed).id).filter((s) =>
      list(s.Action).includes('lambda:InvokeFunction'),
    );
    expect(invoke).toHaveLength(1);
    expect(list(invoke[0]?.Action ?? [])).toEqual(['lambda:InvokeFunction']);
    expect(list(invoke[0]?.Resource).map(render)).toEqual([
      'arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:Liaison-prod-probe-job',
    ]);
  });

  it('has one customer-managed topic key with rotation', () => {
    const keys = topicKeys(probed);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.Properties.EnableKeyRotation).toBe(true);
  });

  it('has no unacknowledged cdk-nag finding', () => {
    const report = new AwsSolutionsChecks().validateScope(probed.app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('stays far below the resource limits', () => {
    const counts = probed.all.map((t) => Object.keys(resourcesOf(t)).length);
    for (const count of counts) expect(count).toBeLessThan(250);
    // The root stack: the table, topics' key, Scheduler role and DLQ, the API and its stage, the
    // evidence bucket and its access logs, the nested stacks (one per area).
    expect(counts[0]).toBeLessThan(80);
    // the probe route adds its own role + policy to its area: 5 + 2 resources
    const before = Object.keys(resourcesOf(plain.areas.get('incidents') ?? plain.parent)).length;
    const after = Object.keys(resourcesOf(probed.areas.get('incidents') ?? probed.parent)).length;
    expect(after - before).toBe(7);
  });
});

describe('the real stack: notifications', () => {
  const real = synthesize();
  const all = functions(real);
  const snsRoutes = (routes as readonly Route[]).filter((r) => r.uses?.includes('sns'));

  it('grants SNS to exactly the routes and jobs that declare it', () => {
    expect(snsRoutes.map((r) => r.id)).toEqual(
      expect.arrayContaining(['createContact', 'updateContact', 'deleteContact', 'createCommunication']),
    );
    for (const fn of all) {
      const declared =
        snsRoutes.some((r) => fn.description.startsWith(`${r.method} ${r.path}:`)) ||
        SCHEDULED_FUNCTIONS.some((job) => fn.name === `Liaison-prod-${job.name}` && job.uses.includes('sns'));
      const granted = fn.actions.some((a) => a.startsWith('sns:'));
      expect(granted, fn.description).toBe(declared);
      if (declared) expect(fn.env, fn.description).toHaveProperty('LIAISON_TOPIC_PREFIX');
    }
  });

  it('runs the notification sweeper every 5 minutes through the Scheduler role, with the DLQ', () => {
    real.parent.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'notification-sweeper',
      GroupName: 'liaison-prod',
      ScheduleExpression: 'rate(5 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}' },
    });
  });
});
