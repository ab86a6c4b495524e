/**
 * CDK assertions for the public acknowledgement links (docs/escalation.md): both routes public and
 * throttled, the POST's own role limited by dynamodb:LeadingKeys (Query of the table only, no
 * index, no Scan) with Scheduler access to delete the chain's schedule, the GET page read-only, and
 * the API's URL in every API function (escalation levels run there too).
 */
import { describe, expect, it } from 'vitest';
import { ROUTE_THROTTLES } from '../../infra/stacks/liaison-stack.js';
import { resourcesOf, synthesize } from '../infra/synth.js';

type Statement = { Action: unknown; Resource: unknown; Condition?: unknown };

describe('acknowledgement links in the stack', () => {
  const synth = synthesize();
  const area = synth.areas.get('escalation');
  if (!area) throw new Error('no escalation area');
  const statements = (
    Object.values(area.findResources('AWS::IAM::Policy')) as {
      Properties: { PolicyDocument: { Statement: Statement[] } };
    }[]
  ).flatMap((p) => p.Properties.PolicyDocument.Statement);
  const scoped = statements.filter((st) =>
    JSON.stringify(st.Condition ?? {}).includes('dynamodb:LeadingKeys'),
  );

  it('both routes are public; the stage throttles them per route', () => {
    for (const key of ['POST /acknowledge/{token}', 'GET /acknowledge/{token}']) {
      area.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key, AuthorizationType: 'NONE' });
      expect(ROUTE_THROTTLES[key]).toEqual({ rateLimit: 5, burstLimit: 10 });
    }
    const stage = Object.values(resourcesOf(synth.parent)).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
    const settings =
      (stage?.Properties as { RouteSettings: Record<string, unknown> } | undefined)?.RouteSettings ?? {};
    expect(settings['POST /acknowledge/{token}']).toEqual({
      ThrottlingRateLimit: 5,
      ThrottlingBurstLimit: 10,
    });
    expect(settings['GET /verify/{token}']).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
  });

  it('POST: item actions and Query on the table within its partitions only; no index, no Scan', () => {
    const post = scoped.find(
      (st) =>
        JSON.stringify(st.Condition).includes('ACKTOKEN#') && JSON.stringify(st.Condition).includes('INC#'),
    );
    expect(post?.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': ['ACKTOKEN#*', 'VERIFYLIMIT#*', 'INC#*', 'ORG#*', 'IDEM#*'],
      },
    });
    const actions = [post?.Action].flat().map(String);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem']),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:BatchWriteItem');
    expect(JSON.stringify(post?.Resource)).not.toContain('index');
  });

  it('GET: reads its token and the failure counter only', () => {
    const page = scoped.find((st) => !JSON.stringify(st.Condition).includes('INC#'));
    expect(page?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ACKTOKEN#*', 'VERIFYLIMIT#*'] },
    });
    expect([page?.Action].flat().map(String).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
    ]);
  });

  it('the POST function may delete schedules; API functions know the public URL for the links', () => {
    expect(JSON.stringify(statements)).toContain('scheduler:DeleteSchedule');
    const functions = Object.values(area.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    }[];
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions)
      expect(fn.Properties.Environment.Variables).toHaveProperty('LIAISON_PUBLIC_BASE_URL');
  });
});
