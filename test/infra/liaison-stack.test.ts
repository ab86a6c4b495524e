import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { monitoringFromContext } from '../../infra/app.js';
import { SCHEDULED_FUNCTIONS } from '../../infra/functions.js';
import { TABLE } from '../../shared/db/table.js';
import { type Route, routeKey, routes } from '../../shared/routes.js';
import { allOfType, propsOf, resourcesOf, synthesize } from './synth.js';

const ROUTES = routes as readonly Route[];
// Synthesized once per file; every test reads the same templates.
const cognito = synthesize();
const oidc = synthesize({
  oidcIssuer: 'https://login.example.org/realms/liaison',
  oidcAudience: 'liaison-api, liaison-cli',
  rolesClaim: 'realm_access.roles',
  orgClaim: 'org',
});

/** Logical id of the function a route integrates with, in the route's template. */
function functionOfRoute(route: Route) {
  const [r] = allOfType(cognito.all, 'AWS::ApiGatewayV2::Route').filter(
    (x) => x.Properties.RouteKey === routeKey(route),
  );
  if (!r) throw new Error(`no route ${routeKey(route)}`);
  // Target: integrations/<Ref to the integration>; IntegrationUri: GetAtt <function>.Arn
  const integrationId: string = propsOf(r.template, r.id).Target['Fn::Join'][1][1].Ref;
  const functionId: string = propsOf(r.template, integrationId).IntegrationUri['Fn::GetAtt'][0];
  return { template: r.template, functionId };
}

/** The DynamoDB actions granted to the function of `route` (through its execution role). */
function dynamoActionsOf(route: Route): string[] {
  const { template, functionId } = functionOfRoute(route);
  const roleId: string = propsOf(template, functionId).Role['Fn::GetAtt'][0];
  expect(propsOf(template, roleId).ManagedPolicyArns).toBeUndefined();
  return allOfType([template], 'AWS::IAM::Policy')
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a) => a.startsWith('dynamodb:'));
}

describe('routes and functions', () => {
  it('has exactly one HTTP route per route-table entry, with its route key', () => {
    const keys = allOfType(cognito.all, 'AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(keys.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it('has one function per entry: nodejs22.x, arm64, active tracing, 512 MB, 10 s, explicit log group', () => {
    const fns = allOfType(cognito.all, 'AWS::Lambda::Function');
    expect(fns).toHaveLength(ROUTES.length + SCHEDULED_FUNCTIONS.length);
    for (const fn of fns) {
      // A scheduled function may declare a longer timeout (the verification sweep: 900 s).
      const job = SCHEDULED_FUNCTIONS.find((j) => fn.Properties.FunctionName === `Liaison-prod-${j.name}`);
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 512,
        Timeout: job?.timeoutSeconds ?? 10,
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: expect.anything() },
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_SERVICE_NAME: 'liaison',
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
      });
    }
  });

  it('routes each entry to its own function', () => {
    const ids = ROUTES.map((r) => functionOfRoute(r).functionId);
    expect(new Set(ids).size).toBe(ROUTES.length);
  });

  it('protects every route with the JWT authorizer except the public ones', () => {
    for (const route of ROUTES) {
      const [r] = allOfType(cognito.all, 'AWS::ApiGatewayV2::Route').filter(
        (x) => x.Properties.RouteKey === routeKey(route),
      );
      if (route.roles === 'public') {
        expect(r?.Properties.AuthorizationType, routeKey(route)).toBe('NONE');
      } else {
        expect(r?.Properties.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(r?.Properties.AuthorizerId, routeKey(route)).toBeDefined();
      }
    }
    expect(ROUTES.some((r) => r.roles === 'public')).toBe(true);
  });

  it('puts each area of the route table in its own nested stack', () => {
    expect([...cognito.areas.keys()].sort()).toEqual([...new Set(ROUTES.map((r) => r.tag))].sort());
    cognito.parent.resourceCountIs('AWS::CloudFormation::Stack', cognito.areas.size);
    // Only the scheduled functions (Scheduler targets) live in the parent stack.
    cognito.parent.resourceCountIs('AWS::Lambda::Function', SCHEDULED_FUNCTIONS.length);
  });
});

describe('least privilege', () => {
  const WRITES = [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ];

  it('gives RO functions read actions only', () => {
    const ro = ROUTES.filter((r) => r.table === 'RO');
    expect(ro.length).toBeGreaterThan(0);
    for (const route of ro) {
      const actions = dynamoActionsOf(route);
      // Fine-grained routes (`tableItems`) Query only with `tableQuery`.
      const reads =
        route.tableItems && !route.tableQuery ? ['dynamodb:GetItem'] : ['dynamodb:GetItem', 'dynamodb:Query'];
      expect(actions, route.id).toEqual(expect.arrayContaining(reads));
      for (const write of WRITES) expect(actions, route.id).not.toContain(write);
    }
  });

  it('gives RW functions write actions', () => {
    for (const route of ROUTES.filter((r) => r.table === 'RW')) {
      // Fine-grained routes (`tableItems`) get item writes only (no BatchWriteItem).
      const writes = route.tableItems ? WRITES.filter((w) => w !== 'dynamodb:BatchWriteItem') : WRITES;
      expect(dynamoActionsOf(route), route.id).toEqual(expect.arrayContaining(writes));
    }
  });

  it('gives NONE functions no DynamoDB permission and no table name', () => {
    const none = ROUTES.filter((r) => r.table === 'NONE');
    expect(none.length).toBeGreaterThan(0);
    for (const route of none) {
      expect(dynamoActionsOf(route), route.id).toEqual([]);
      const { template, functionId } = functionOfRoute(route);
      const env = propsOf(template, functionId).Environment.Variables;
      expect(env).not.toHaveProperty('LIAISON_TABLE_NAME');
    }
  });

  it('sets LIAISON_TABLE_NAME on every function with table access', () => {
    for (const route of ROUTES.filter((r) => r.table !== 'NONE')) {
      const { template, functionId } = functionOfRoute(route);
      const env = propsOf(template, functionId).Environment.Variables;
      expect(env, route.id).toHaveProperty('LIAISON_TABLE_NAME');
    }
  });
});

describe('table', () => {
  it('is built from TABLE: keys, GSIs with ALL projection, TTL, on demand', () => {
    cognito.parent.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('has point-in-time recovery, deletion protection and is retained', () => {
    cognito.parent.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
    });
  });
});

describe('HTTP API', () => {
  it('has a throttled $default stage with JSON access logs', () => {
    cognito.parent.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
    });
    const [stageId] = Object.keys(cognito.parent.findResources('AWS::ApiGatewayV2::Stage'));
    const format = JSON.parse(propsOf(cognito.parent, stageId as string).AccessLogSettings.Format) as object;
    expect(Object.keys(format)).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'latency', 'integrationError']),
    );
    // Concrete paths would log the single-use tokens of POST /verify/{token}.
    expect(JSON.stringify(format)).not.toContain('$context.path');
  });

  it('takes throttling from context', () => {
    const custom = synthesize({ throttleRate: '5', throttleBurst: '10' });
    custom.parent.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
  });

  it('gives every log group a retention', () => {
    const groups = allOfType(cognito.all, 'AWS::Logs::LogGroup');
    // one per function + access logs
    expect(groups).toHaveLength(ROUTES.length + SCHEDULED_FUNCTIONS.length + 1);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('outputs ApiUrl, TableName, Region, UserPoolId and UserPoolClientId', () => {
    const outputs = Object.keys(cognito.parent.toJSON().Outputs as object);
    expect(outputs).toEqual(
      expect.arrayContaining(['ApiUrl', 'TableName', 'Region', 'UserPoolId', 'UserPoolClientId']),
    );
  });
});

describe('auth: Cognito (default)', () => {
  it('has a user pool without self sign-up, a strong password policy, optional MFA', () => {
    cognito.parent.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([Match.objectLike({ Name: 'organization', AttributeDataType: 'String' })]),
    });
  });

  it('has an app client without secret for SRP and admin (IAM) password auth, not USER_PASSWORD_AUTH', () => {
    cognito.parent.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      AllowedOAuthFlows: Match.absent(),
    });
    const [client] = allOfType([cognito.parent], 'AWS::Cognito::UserPoolClient');
    expect(client?.Properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('has the groups admin, coordinator, responder, viewer, partner', () => {
    const groups = allOfType([cognito.parent], 'AWS::Cognito::UserPoolGroup').map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'coordinator', 'partner', 'responder', 'viewer']);
  });

  it('has a JWT authorizer on the Authorization header whose audience is the app client', () => {
    const [clientId] = Object.keys(cognito.parent.findResources('AWS::Cognito::UserPoolClient'));
    cognito.parent.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }], Issuer: Match.anyValue() },
    });
  });
});

describe('auth: external OIDC issuer (context oidcIssuer + oidcAudience)', () => {
  it('has no user pool and no user-pool outputs', () => {
    oidc.parent.resourceCountIs('AWS::Cognito::UserPool', 0);
    const outputs = Object.keys(oidc.parent.toJSON().Outputs as object);
    expect(outputs).not.toContain('UserPoolId');
  });

  it('uses the given issuer and audience', () => {
    oidc.parent.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: 'https://login.example.org/realms/liaison',
        Audience: ['liaison-api', 'liaison-cli'],
      },
    });
  });

  it('passes the claim names to every function', () => {
    for (const fn of allOfType(oidc.all, 'AWS::Lambda::Function')) {
      expect(fn.Properties.Environment).toMatchObject({
        Variables: { LIAISON_ROLES_CLAIM: 'realm_access.roles', LIAISON_ORG_CLAIM: 'org' },
      });
    }
  });
});

describe('monitoring defaults (context alarmEmail, outboxAgeAlarmMinutes)', () => {
  it('alarms on an outbox item older than 15 minutes and subscribes no e-mail by default', () => {
    cognito.parent.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Liaison-prod-outbox-age',
      Threshold: 15 * 60,
    });
    cognito.parent.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('refuses an alarmEmail that is no address and a non-positive outboxAgeAlarmMinutes', () => {
    expect(() => monitoringFromContext(new App({ context: { alarmEmail: 'oncall' } }))).toThrow(/alarmEmail/);
    expect(() => monitoringFromContext(new App({ context: { outboxAgeAlarmMinutes: '0' } }))).toThrow(
      /outboxAgeAlarmMinutes/,
    );
    expect(monitoringFromContext(new App({ context: { outboxAgeAlarmMinutes: '30' } }))).toEqual({
      outboxAgeAlarmMinutes: 30,
    });
  });
});

describe('size', () => {
  // Measured: parent 13 + 1 per area + 5 of constructs/messaging.ts (schedule group, Scheduler role
  // + policy, DLQ + queue policy; + 1 topic key once a function uses SNS) + constructs/monitoring.ts
  // (key, topic + policy, dashboard, 6 + 2 per scheduled function alarms); areas: 5 per route + 2 per
  // role (one per access level, or access + `uses`).
  it('keeps every template far below 500 resources', () => {
    const counts = cognito.all.map((t) => Object.keys(resourcesOf(t)).length);
    console.info('resources per template (parent, nested…):', counts.join(', '));
    for (const count of counts) expect(count).toBeLessThan(250);
    expect(counts[0]).toBeLessThan(100); // the parent grows by one resource per area, not per route
  });
});

describe('cdk-nag', () => {
  it.each([
    ['Cognito', cognito],
    ['OIDC', oidc],
  ])('has no unacknowledged AwsSolutions finding (%s)', (_, synthesized) => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('does report findings that are not acknowledged (the check itself works)', () => {
    const app = new App();
    const stack = new Stack(app, 'Probe');
    new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);
    expect(rules.some((r) => r.startsWith('AwsSolutions-IAM4'))).toBe(true);
  });
});
