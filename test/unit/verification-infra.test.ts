/**
 * CDK assertions for contact-directory verification (docs/verification.md): the daily recurring
 * schedule (replaced by context `verificationSchedule`), the job's timeout and link base URL, and the
 * stage route throttling of the public POST /verify/{token}.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ROUTE_THROTTLES } from '../../infra/stacks/liaison-stack.js';
import { routes } from '../../shared/routes.js';
import { resourcesOf, synthesize } from '../infra/synth.js';

describe('verification sweep and route throttling in the stack', () => {
  const synth = synthesize();

  it('runs the verification sweep daily through the Scheduler role, with the DLQ', () => {
    synth.parent.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'verification-sweep',
      GroupName: 'liaison-prod',
      ScheduleExpression: 'rate(1 day)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
        DeadLetterConfig: { Arn: Match.anyValue() },
        RoleArn: Match.anyValue(),
      },
    });
  });

  it('gives the job 15 minutes, SNS and Scheduler settings, and the API URL for its links', () => {
    const jobs = Object.values(resourcesOf(synth.parent)).filter(
      (r) =>
        r.Type === 'AWS::Lambda::Function' &&
        r.Properties?.FunctionName === 'Liaison-prod-verification-sweep',
    );
    expect(jobs).toHaveLength(1);
    const props = jobs[0]?.Properties as {
      Timeout: number;
      Environment: { Variables: Record<string, unknown> };
    };
    expect(props.Timeout).toBe(900);
    expect(Object.keys(props.Environment.Variables)).toEqual(
      expect.arrayContaining([
        'LIAISON_PUBLIC_BASE_URL',
        'LIAISON_TOPIC_PREFIX',
        'LIAISON_SCHEDULE_GROUP',
        'LIAISON_TARGETS',
      ]),
    );
  });

  it('context verificationSchedule replaces the expression; a malformed one fails the synth', () => {
    const custom = synthesize({ verificationSchedule: 'cron(0 6 ? * MON-FRI *)' });
    custom.parent.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'verification-sweep',
      ScheduleExpression: 'cron(0 6 ? * MON-FRI *)',
    });
    custom.parent.hasResourceProperties('AWS::Scheduler::Schedule', {
      Name: 'notification-sweeper',
      ScheduleExpression: 'rate(5 minutes)',
    });
    expect(() => synthesize({ verificationSchedule: 'every day' })).toThrow(/verificationSchedule/);
  });

  it('throttles POST /verify/{token} per route in the stage, below the stage default', () => {
    expect(
      routes.some((r) => `${r.method} ${r.path}` === 'POST /verify/{token}' && r.roles === 'public'),
    ).toBe(true);
    const limits = ROUTE_THROTTLES['POST /verify/{token}'];
    synth.parent.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: {
        'POST /verify/{token}': {
          ThrottlingRateLimit: limits?.rateLimit,
          ThrottlingBurstLimit: limits?.burstLimit,
        },
      },
    });
    expect(limits?.rateLimit).toBeLessThan(50);
    // The stage is deployed after the nested stack that holds the route (a route setting names it).
    const stage = Object.values(resourcesOf(synth.parent)).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
    expect(JSON.stringify(stage?.DependsOn ?? [])).toMatch(/ApiVerification/);
  });

  it('the verify route is public in its nested stack; the health route is not', () => {
    const area = synth.areas.get('verification');
    expect(area).toBeDefined();
    area?.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /verify/{token}',
      AuthorizationType: 'NONE',
    });
    area?.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /directory/health',
      AuthorizationType: 'JWT',
    });
  });

  it('the public verify function may touch only its items: LeadingKeys on the table, no index, no Scan', () => {
    const area = synth.areas.get('verification');
    if (!area) throw new Error('no verification area');
    const policies = Object.values(area.findResources('AWS::IAM::Policy')) as {
      Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } };
    }[];
    const dynamo = policies.flatMap((p) =>
      p.Properties.PolicyDocument.Statement.filter((st) =>
        [st.Action].flat().some((a) => String(a).startsWith('dynamodb:')),
      ),
    );
    const scoped = dynamo.filter((st) => JSON.stringify(st.Condition ?? {}).includes('dynamodb:LeadingKeys'));
    // POST /verify/{token} (RW) and its page GET /verify/{token} (RO, no IDEM#).
    expect(scoped).toHaveLength(2);
    const page = scoped.find((st) => !JSON.stringify(st.Condition).includes('IDEM#'));
    expect(page?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['VERIFYTOKEN#*', 'VERIFYLIMIT#*', 'CONTACT#*'] },
    });
    expect([page?.Action].flat().map(String).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
    ]);
    const statement = scoped.find((st) => JSON.stringify(st.Condition).includes('IDEM#'));
    expect(statement?.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': ['VERIFYTOKEN#*', 'VERIFYLIMIT#*', 'CONTACT#*', 'IDEM#*'],
      },
    });
    const actions = [statement?.Action].flat().map(String);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:Query');
    // One resource, the table itself: no `/index/*`.
    expect(JSON.stringify(statement?.Resource)).not.toContain('index');
    // The verify function's role is not the table-wide RW role of any other function.
    const roles = Object.keys(area.findResources('AWS::IAM::Role'));
    expect(roles.some((id) => id.includes('Items'))).toBe(true);
  });
});
