/**
 * A deployment an operator can run: two stages side by side in one account and region (no physical
 * name in common, no IAM grant of one reaching the other), and the operator's alarms and dashboard.
 */
import { describe, expect, it } from 'vitest';
import { TABLE_OPERATIONS } from '../../infra/constructs/monitoring.js';
import { SCHEDULED_FUNCTIONS } from '../../infra/functions.js';
import { stageNames } from '../../infra/stage.js';
import { METRICS_NAMESPACE, OUTBOX_AGE_METRIC } from '../../shared/metrics.js';
import { allOfType, resourcesOf, type Synthesized, synthesizeStages } from './synth.js';

const stages = synthesizeStages(['prod', 'staging'], {
  alarmEmail: 'oncall@example.org',
  outboxAgeAlarmMinutes: '20',
});
const prod = stages.get('prod') as Synthesized;
const staging = stages.get('staging') as Synthesized;

/** Property names that are not a resource's own account-wide identity. */
const NOT_IDENTITIES = new Set([
  'MetricName',
  'AttributeName',
  'IndexName',
  'StageName',
  'AuthorizerName',
  'Namespace',
  'DisplayName',
  'PolicyName', // an inline policy is named within its role
]);

/** Resources named within their parent, which differs per stage: a pool's group, an API's authorizer. */
const SCOPED = new Set(['AWS::Cognito::UserPoolGroup', 'AWS::ApiGatewayV2::Authorizer']);

/**
 * Every physical name a template sets: each top-level property ending in `Name` holding a literal
 * (`FunctionName`, `AlarmName`, `UserPoolName` …). A schedule is named within its group: it counts
 * as `<group>/<name>`.
 */
function physicalNames(s: Synthesized): string[] {
  const names = [`stack:${s.stack.stackName}`];
  for (const template of s.all) {
    for (const [, r] of Object.entries(resourcesOf(template))) {
      const p = r.Properties ?? {};
      if (r.Type === 'AWS::Scheduler::Schedule') {
        names.push(`${r.Type}:${String(p.GroupName)}/${String(p.Name)}`);
        continue;
      }
      if (SCOPED.has(r.Type)) continue;
      for (const [key, value] of Object.entries(p)) {
        if (key.endsWith('Name') && !NOT_IDENTITIES.has(key) && typeof value === 'string') {
          names.push(`${r.Type}:${value}`);
        }
      }
    }
  }
  return names;
}

/** CloudFormation value → string: `arn:<AWS::Partition>:…`, `<Logical.Arn>`, `<Ref Logical>`. */
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

/** Every wildcard resource pattern of the stage's identity policies. */
function wildcardGrants(s: Synthesized): string[] {
  return allOfType(s.all, 'AWS::IAM::Policy')
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Resource: unknown }[] }).Statement)
    .flatMap((st) => (Array.isArray(st.Resource) ? st.Resource : [st.Resource]).map(render))
    .filter((r) => r.includes('*') && r !== '*');
}

const covers = (pattern: string, arn: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(arn);

const ARN = (service: string, resource: string) =>
  `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;

/** ARNs of what a stage creates at run time or names: a topic, a one-time schedule, its functions. */
function runtimeArns(stage: string): string[] {
  const names = stageNames(stage);
  return [
    ARN('sns', `${names.topicPrefix}ORG-1`),
    ARN('scheduler', `schedule/${names.scheduleGroup}/esc.INC-1.CHAIN-1.l2`),
    ...SCHEDULED_FUNCTIONS.map((job) => ARN('lambda', `function:${names.stackName}-${job.name}`)),
  ];
}

describe('stages: staging and production in one account and region', () => {
  it('derives the stack, function, schedule group, topic prefix, API and user pool names from the stage', () => {
    expect(prod.stack.stackName).toBe('Liaison-prod');
    expect(staging.stack.stackName).toBe('Liaison-staging');
    const fns = allOfType(staging.all, 'AWS::Lambda::Function');
    const named = fns.map((f) => f.Properties.FunctionName).filter((n) => n !== undefined);
    expect(named.sort()).toEqual(SCHEDULED_FUNCTIONS.map((j) => `Liaison-staging-${j.name}`).sort());
    staging.parent.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'liaison-staging' });
    staging.parent.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'liaison-staging' });
    staging.parent.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolName: 'liaison-staging' });
    for (const fn of fns) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.LIAISON_STAGE).toBe('staging');
      const prefix = env.LIAISON_TOPIC_PREFIX;
      if (prefix !== undefined) expect(prefix).toBe('liaison-staging-');
    }
  });

  it('has no physical name in common between the two stages', () => {
    const a = physicalNames(prod);
    const b = physicalNames(staging);
    // the check sees the names it must compare (alarms, dashboard, functions, schedules, pool, API …)
    for (const type of [
      'AWS::Lambda::Function',
      'AWS::CloudWatch::Alarm',
      'AWS::CloudWatch::Dashboard',
      'AWS::Scheduler::Schedule',
      'AWS::Scheduler::ScheduleGroup',
      'AWS::Cognito::UserPool',
      'AWS::ApiGatewayV2::Api',
    ]) {
      expect(
        a.some((n) => n.startsWith(`${type}:`)),
        type,
      ).toBe(true);
    }
    expect(a.filter((n, i) => a.indexOf(n) !== i)).toEqual([]);
    expect(a.filter((n) => b.includes(n))).toEqual([]);
  });

  it.each([
    ['prod', 'staging'],
    ['staging', 'prod'],
  ])('gives %s no IAM grant on the topics, schedules or functions of %s', (own, other) => {
    const grants = wildcardGrants(stages.get(own) as Synthesized);
    expect(grants.length).toBeGreaterThan(0);
    // The patterns do reach the stage's own run-time resources (the check can fail) …
    for (const arn of runtimeArns(own).slice(0, 2)) {
      expect(
        grants.some((g) => covers(g, arn)),
        arn,
      ).toBe(true);
    }
    // … and none of the other stage's.
    for (const arn of runtimeArns(other)) {
      expect(
        grants.filter((g) => covers(g, arn)),
        arn,
      ).toEqual([]);
    }
  });

  it('refuses a stage name that could make one topic prefix cover another', () => {
    expect(() => stageNames('prod-eu')).toThrow(/no hyphen/);
    expect(() => stageNames('Prod')).toThrow(/stage/);
    expect(stageNames('prodeu').topicPrefix).toBe('liaison-prodeu-');
  });
});

type AlarmProps = Record<string, unknown> & {
  AlarmActions: unknown[];
  OKActions: unknown[];
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData: string;
  EvaluationPeriods: number;
};

function alarm(s: Synthesized, name: string): AlarmProps {
  const [found] = allOfType([s.parent], 'AWS::CloudWatch::Alarm').filter(
    (a) => a.Properties.AlarmName === `${s.stack.stackName}-${name}`,
  );
  if (!found) throw new Error(`no alarm ${name}`);
  return found.Properties as AlarmProps;
}

function operatorTopicId(s: Synthesized): string {
  const ids = Object.keys(s.parent.findResources('AWS::SNS::Topic'));
  expect(ids).toHaveLength(1);
  return ids[0] as string;
}

describe('monitoring: operator topic, alarms, dashboard', () => {
  it('has one KMS-encrypted operator topic with the alarmEmail subscription', () => {
    const topicId = operatorTopicId(prod);
    const [topic] = allOfType([prod.parent], 'AWS::SNS::Topic');
    if (!topic) throw new Error('no operator topic');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    prod.parent.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.org',
      TopicArn: { Ref: topicId },
    });
    // CloudWatch may use the key to publish encrypted alarm notifications
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const policy = JSON.stringify(resourcesOf(prod.parent)[keyId as string]?.Properties?.KeyPolicy);
    expect(policy).toContain('cloudwatch.amazonaws.com');
  });

  const expected: [string, string, number, string][] = [
    ['scheduler-dlq', 'ApproximateNumberOfMessagesVisible', 0, 'notBreaching'],
    ['scheduler-dropped', 'InvocationDroppedCount', 0, 'notBreaching'],
    ['scheduler-target-errors', 'TargetErrorCount', 5, 'notBreaching'],
    ['api-5xx', '5xx', 5, 'notBreaching'],
    ['outbox-age', OUTBOX_AGE_METRIC, 20 * 60, 'breaching'],
    ['dynamodb-throttles', 'ThrottledRequests', 0, 'notBreaching'],
    ...SCHEDULED_FUNCTIONS.flatMap((job): [string, string, number, string][] => [
      [`${job.name}-errors`, 'Errors', 0, 'notBreaching'],
      [`${job.name}-throttles`, 'Throttles', 0, 'notBreaching'],
    ]),
  ];

  it.each(expected)(
    'alarms %s on %s above %d (missing data: %s) to the operator topic',
    (name, metric, threshold, missing) => {
      const a = alarm(prod, name);
      expect(JSON.stringify(a)).toContain(`"${metric}"`);
      expect(a.Threshold).toBe(threshold);
      expect(a.TreatMissingData).toBe(missing);
      expect(a.ComparisonOperator).toMatch(/^GreaterThan/);
      const topic = { Ref: operatorTopicId(prod) };
      expect(a.AlarmActions).toEqual([topic]);
      expect(a.OKActions).toEqual([topic]);
    },
  );

  it('watches the outbox age of its own stage, in the Liaison namespace', () => {
    const a = alarm(staging, 'outbox-age');
    expect(a).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      MetricName: OUTBOX_AGE_METRIC,
      Dimensions: [{ Name: 'Stage', Value: 'staging' }],
      Statistic: 'Maximum',
      Period: 600,
    });
  });

  it('counts scheduler alarms per schedule group and DynamoDB throttles of every operation Liaison sends', () => {
    expect(JSON.stringify(alarm(staging, 'scheduler-target-errors').Dimensions)).toContain('liaison-staging');
    const throttles = JSON.stringify(alarm(prod, 'dynamodb-throttles'));
    for (const op of TABLE_OPERATIONS) expect(throttles).toContain(`"${op}"`);
    const api = alarm(prod, 'api-5xx');
    expect(api.EvaluationPeriods).toBe(3);
    expect(api.DatapointsToAlarm).toBe(2);
  });

  it('has exactly these alarms and a dashboard named after the stack', () => {
    const names = allOfType([prod.parent], 'AWS::CloudWatch::Alarm').map((a) => a.Properties.AlarmName);
    expect(names.sort()).toEqual(expected.map(([n]) => `Liaison-prod-${n}`).sort());
    prod.parent.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Liaison-prod' });
    const [dashboard] = allOfType([prod.parent], 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    expect(body).toContain(OUTBOX_AGE_METRIC);
    expect(body).toContain('TargetErrorCount');
  });
});
