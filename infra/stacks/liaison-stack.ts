/**
 * Liaison: the table, the identity provider, the HTTP API and, per area of the route table, a nested
 * stack with one function + one route per entry. Environment-agnostic (no lookups), so
 * `cdk synth` works offline and without credentials.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE } from '../../shared/db/table.js';
import { type Route, routes } from '../../shared/routes.js';
import { ApiFunction, acknowledgeFunctionFindings } from '../constructs/api-function.js';
import { type ConsoleConfig, ConsoleHosting } from '../constructs/console.js';
import { EvidenceBucket } from '../constructs/evidence-bucket.js';
import { InboundEmail } from '../constructs/inbound-email.js';
import { Messaging } from '../constructs/messaging.js';
import { Monitoring } from '../constructs/monitoring.js';
import { INBOUND_FUNCTION, SCHEDULED_FUNCTIONS, type ScheduledFunction } from '../functions.js';
import { jobFunctionName, type StageNames } from '../stage.js';
import { ApiAreaStack } from './api-area-stack.js';

/** Cognito groups; the first four are the roles of `shared/routes.ts`, `partner` is for third-party users. */
export const USER_GROUPS = ['admin', 'coordinator', 'responder', 'viewer', 'partner'] as const;

export type AuthConfig =
  | { readonly kind: 'cognito' }
  | {
      readonly kind: 'oidc';
      readonly issuer: string;
      readonly audience: readonly string[];
      /** Claim holding the caller's roles (default `cognito:groups`, see shared/config.ts). */
      readonly rolesClaim?: string;
      /** Claim holding the caller's organization (default `custom:organization`). */
      readonly orgClaim?: string;
    };

/** The web console on CloudFront (infra/constructs/console.ts); context `console=true` (infra/app.ts). */
export interface ConsoleProps {
  /** The built console (`web/dist`); missing → a placeholder page is deployed. */
  readonly distDir: string;
  /** Cognito managed-login domain prefix (context `cognitoDomainPrefix`); default `liaison-<stage>-<account>`. */
  readonly domainPrefix?: string;
  /** Extra sign-in callback / sign-out URLs besides the CloudFront URL (context `consoleCallbackUrls`, `consoleLogoutUrls`). */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /** Extra origins the HTTP API's CORS allows besides the CloudFront one (context `consoleOrigins`). */
  readonly extraOrigins: readonly string[];
  /** With an external OIDC issuer: the console's client id there (context `consoleClientId`; default the first audience). */
  readonly oidcClientId?: string;
}

export interface LiaisonStackProps extends StackProps {
  /** The web console (S3 + CloudFront, Cognito managed login); absent: no console resources. */
  readonly console?: ConsoleProps;
  /**
   * Root of the bundles written by `bundleFunctions` (`<dir>/<handler>/index.mjs`). Undefined: every
   * function gets a tiny placeholder asset (fast synth for tests); the resources are the same.
   */
  readonly bundleDir: string | undefined;
  /** The stage and the physical names derived from it (infra/stage.ts); the stack is `names.stackName`. */
  readonly names: StageNames;
  /** Operator alarms (constructs/monitoring.ts): context `alarmEmail`, `outboxAgeAlarmMinutes`. */
  readonly monitoring: { readonly alarmEmail?: string; readonly outboxAgeAlarmMinutes: number };
  readonly auth: AuthConfig;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** EventBridge Scheduler schedule group (context `scheduleGroup`); default `liaison-<stage>`. */
  readonly scheduleGroupName?: string;
  /** Default GOVERNANCE retention of evidence objects in days (context `evidenceRetentionDays`, default 90). */
  readonly evidenceRetentionDays?: number;
  /** Defaults to THE route table; tests pass their own (e.g. a route that `uses` SNS). */
  readonly routes?: readonly Route[];
  /** Defaults to SCHEDULED_FUNCTIONS of infra/functions.ts; tests pass their own. */
  readonly scheduledFunctions?: readonly ScheduledFunction[];
  /**
   * Regulatory settings passed to every function (`LIAISON_JURISDICTIONS`, `LIAISON_SECTOR`,
   * `LIAISON_HOLIDAYS`; see docs/regulatory.md). Validated by shared/config.ts at cold start.
   */
  readonly regulatoryEnv?: Readonly<Record<string, string>>;
  /**
   * Schedule expressions replacing a job's own recurring one, by job name (context
   * `verificationSchedule` → `verification-sweep`, see infra/app.ts).
   */
  readonly recurringExpressions?: Readonly<Record<string, string>>;
  /**
   * Route-level throttling of the stage (route key → limits), for routes that are public and must
   * not be hammered: `POST /verify/{token}` by default (ROUTE_THROTTLES). Only routes of the table apply.
   */
  readonly routeThrottles?: Readonly<
    Record<string, { readonly rateLimit: number; readonly burstLimit: number }>
  >;
  /**
   * Inbound e-mail (context `inboundEmailDomain`, a domain verified for SES receiving): SES receipt
   * rule set → S3 → Lambda (constructs/inbound-email.ts), and every function's messages carry the
   * incident's reply address. Absent (default): none of it.
   */
  readonly inboundEmail?: { readonly domain: string };
}

/**
 * Default route-level throttling (requests per second / burst), below the stage's default: the public
 * verification route takes single-use tokens, so a guessing client meets this before the application's
 * own per-IP failure limit (docs/verification.md).
 */
export const ROUTE_THROTTLES: Readonly<
  Record<string, { readonly rateLimit: number; readonly burstLimit: number }>
> = {
  'POST /verify/{token}': { rateLimit: 5, burstLimit: 10 },
  'GET /verify/{token}': { rateLimit: 5, burstLimit: 10 },
  'POST /acknowledge/{token}': { rateLimit: 5, burstLimit: 10 },
  'GET /acknowledge/{token}': { rateLimit: 5, burstLimit: 10 },
};

export class LiaisonStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly userPool: cognito.UserPool | undefined;
  readonly userPoolClient: cognito.UserPoolClient | undefined;
  /** The console's app client (authorization code + PKCE), when the console is deployed with Cognito. */
  readonly consoleClient: cognito.UserPoolClient | undefined;
  readonly consoleHosting: ConsoleHosting | undefined;
  readonly areas = new Map<string, ApiAreaStack>();
  readonly messaging: Messaging;
  readonly evidence: EvidenceBucket;
  readonly monitoring: Monitoring;
  readonly inboundEmail: InboundEmail | undefined;

  constructor(scope: Construct, id: string, props: LiaisonStackProps) {
    super(scope, id, { ...props, stackName: props.names.stackName });
    const { names } = props;
    const assetDir = assetDirResolver(props.bundleDir);
    const routeTable = props.routes ?? (routes as readonly Route[]);
    const jobs = props.scheduledFunctions ?? SCHEDULED_FUNCTIONS;
    // Physical names, so a target's ARN is known without referencing the function (a job that
    // schedules its own next run would otherwise reference itself).
    const jobName = (job: ScheduledFunction) => jobFunctionName(names.stackName, job.name);
    for (const job of jobs) {
      if (!/^[a-z0-9-]{1,48}$/.test(job.name) || jobs.filter((j) => j.name === job.name).length > 1) {
        throw new Error(`Scheduled function name "${job.name}" must be unique, 1-48 characters of [a-z0-9-]`);
      }
    }

    // ---- table ----
    // TableV2 (AWS::DynamoDB::GlobalTable) rather than Table: it is the L2 AWS recommends for new
    // tables, and replicas in other regions can be added later in place. Changing from Table to
    // TableV2 afterwards would mean a data migration, so the choice is made now. Built from TABLE,
    // the same definition the repositories and the local stack use.
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      globalSecondaryIndexes: TABLE.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // ---- web console hosting (before the API: its CORS names the console origin) ----
    const domainPrefix = props.console?.domainPrefix ?? `${names.resourceName}-${this.account}`;
    const cognitoLogin = `https://${domainPrefix}.auth.${this.region}.amazoncognito.com`;
    const issuerOrigin =
      props.auth.kind === 'oidc'
        ? new URL(props.auth.issuer).origin
        : `https://cognito-idp.${this.region}.amazonaws.com`;
    const idpOrigins = props.auth.kind === 'cognito' ? [issuerOrigin, cognitoLogin] : [issuerOrigin];
    this.consoleHosting = props.console
      ? new ConsoleHosting(this, 'Console', {
          // The API's id is not known here without a cycle (its CORS names the distribution): the
          // region's execute-api domain, and the identity provider (discovery, JWKS, token endpoint).
          // The evidence bucket too: the console uploads and downloads files with presigned URLs.
          connectOrigins: [
            `https://*.execute-api.${this.region}.amazonaws.com`,
            EvidenceBucket.originFor(names.resourceName),
            ...idpOrigins,
          ],
          formOrigins: idpOrigins,
        })
      : undefined;

    // ---- auth ----
    let authorizer: IHttpRouteAuthorizer;
    // LIAISON_STAGE: the `Stage` dimension of Liaison's own metrics (shared/metrics.ts).
    const functionEnv: Record<string, string> = {
      ...props.regulatoryEnv,
      LIAISON_STAGE: names.stage,
      // Outbound messages carry the incident's reply address (docs/inbound-email.md).
      ...(props.inboundEmail ? { LIAISON_INBOUND_DOMAIN: props.inboundEmail.domain } : {}),
    };
    if (props.auth.kind === 'cognito') {
      const { userPool, client } = this.createUserPool(names.resourceName);
      this.userPool = userPool;
      this.userPoolClient = client;
      if (this.consoleHosting && props.console) {
        this.consoleClient = this.createConsoleClient(
          userPool,
          domainPrefix,
          this.consoleHosting,
          props.console,
        );
      }
      // The ID token carries cognito:groups and custom:organization; its `aud` is the client id.
      authorizer = new HttpJwtAuthorizer('Authorizer', userPool.userPoolProviderUrl, {
        authorizerName: 'cognito',
        identitySource: ['$request.header.Authorization'],
        jwtAudience: [
          client.userPoolClientId,
          ...(this.consoleClient ? [this.consoleClient.userPoolClientId] : []),
        ],
      });
    } else {
      authorizer = new HttpJwtAuthorizer('Authorizer', props.auth.issuer, {
        authorizerName: 'oidc',
        identitySource: ['$request.header.Authorization'],
        jwtAudience: [...props.auth.audience],
      });
      if (props.auth.rolesClaim) functionEnv.LIAISON_ROLES_CLAIM = props.auth.rolesClaim;
      if (props.auth.orgClaim) functionEnv.LIAISON_ORG_CLAIM = props.auth.orgClaim;
    }

    // ---- schedule group, Scheduler role, its DLQ, topic key (see constructs/messaging.ts) ----
    this.messaging = new Messaging(this, 'Messaging', {
      scheduleGroupName: props.scheduleGroupName ?? names.scheduleGroup,
      topicPrefix: names.topicPrefix,
      targets: Object.fromEntries(jobs.map((job) => [job.name, jobName(job)])),
    });
    // ---- the evidence bucket (Object Lock; see constructs/evidence-bucket.ts) ----
    this.evidence = new EvidenceBucket(this, 'Evidence', {
      resourceName: names.resourceName,
      retentionDays: props.evidenceRetentionDays ?? 90,
      ...(this.consoleHosting && props.console
        ? { corsOrigins: [this.consoleHosting.origin, ...props.console.extraOrigins] }
        : {}),
    });
    this.messaging.evidence = this.evidence;

    // ---- HTTP API ----
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: names.resourceName,
      description: 'Liaison: coordination of security incidents that involve third parties',
      createDefaultStage: false, // the stage below adds throttling and access logs
      // The console calls the API cross-origin: only its origin(s), the headers it sends.
      ...(this.consoleHosting && props.console
        ? {
            corsPreflight: {
              allowOrigins: [this.consoleHosting.origin, ...props.console.extraOrigins],
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PUT,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
              exposeHeaders: ['etag'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            httpMethod: '$context.httpMethod',
            // The route template, not `$context.path`: a concrete path would write the single-use
            // verification tokens of `POST /verify/{token}` into the logs (they are stored hashed).
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    // ---- route-level throttling (stage route settings; the routes must exist first) ----
    const throttled = Object.entries(props.routeThrottles ?? ROUTE_THROTTLES).filter(([key]) =>
      routeTable.some((r) => `${r.method} ${r.path}` === key),
    );
    if (throttled.length > 0) {
      // RouteSettings is a JSON map in the L1 (keys are not converted): CloudFormation's own names.
      (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
        throttled.map(([key, t]) => [
          key,
          { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
        ]),
      );
    }

    // ---- one nested stack per area ----
    const byArea = new Map<string, Route[]>();
    for (const route of routeTable) {
      byArea.set(route.tag, [...(byArea.get(route.tag) ?? []), route]);
    }
    for (const [area, areaRoutes] of byArea) {
      const id = `Api${area
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('')}`;
      this.areas.set(
        area,
        new ApiAreaStack(this, id, {
          area,
          routes: areaRoutes,
          httpApi: this.httpApi,
          authorizer,
          table: this.table,
          assetDir,
          // The API's URL: escalation levels run in API functions too (a chain's level 1, automatic
          // starts), and their acknowledgement links must be absolute.
          environment: { ...functionEnv, LIAISON_PUBLIC_BASE_URL: this.stage.url },
          messaging: this.messaging,
        }),
      );
    }
    // A stage route setting names a route key: deploy the stage after the nested stacks holding them.
    for (const [key] of throttled) {
      const route = routeTable.find((r) => `${r.method} ${r.path}` === key);
      const area = route ? this.areas.get(route.tag) : undefined;
      if (area) this.stage.node.addDependency(area);
    }

    // ---- non-HTTP functions (scheduler targets) ----
    const jobFunctions = new Map<string, ApiFunction['function']>();
    for (const job of jobs) {
      const id = job.handler.replace(/[^A-Za-z0-9]+/g, '-');
      const fn = new ApiFunction(this, `Job-${id}`, {
        assetDir: assetDir(job.handler),
        description: job.description,
        functionName: jobName(job),
        ...(job.timeoutSeconds ? { timeout: Duration.seconds(job.timeoutSeconds) } : {}),
        // The API's URL: the verification sweep's links point at POST /verify/{token}.
        environment: { ...functionEnv, LIAISON_PUBLIC_BASE_URL: this.stage.url },
      }).bindTable(this.table, job.table);
      jobFunctions.set(job.name, fn.function);
      const role = fn.function.role;
      if (!role) throw new Error(`${job.handler}: function without a role`);
      this.messaging.bind(fn.function, role, job.uses);
      acknowledgeFunctionFindings(role, job.table, this.table);
      if (job.recurring) {
        this.messaging.recurring(job, fn.function.functionArn, props.recurringExpressions?.[job.name]);
      }
    }

    // ---- inbound e-mail: SES receipt rule set → S3 → Lambda (off by default) ----
    this.inboundEmail = props.inboundEmail
      ? new InboundEmail(this, 'InboundEmail', {
          domain: props.inboundEmail.domain,
          table: this.table,
          assetDir: assetDir(INBOUND_FUNCTION.handler),
          namePrefix: names.stackName,
          environment: functionEnv,
          evidence: this.evidence,
        })
      : undefined;
    if (this.inboundEmail) {
      new CfnOutput(this, 'InboundRuleSetName', { value: this.inboundEmail.ruleSet.receiptRuleSetName });
      new CfnOutput(this, 'InboundBucketName', { value: this.inboundEmail.bucket.bucketName });
    }

    // ---- alarms, operator topic, dashboard ----
    this.monitoring = new Monitoring(this, 'Monitoring', {
      namePrefix: names.stackName,
      stage: names.stage,
      httpApi: this.httpApi,
      table: this.table,
      scheduleGroup: this.messaging.scheduleGroup,
      deadLetterQueue: this.messaging.deadLetterQueue,
      jobs: jobFunctions,
      outboxAgeAlarmMinutes: props.monitoring.outboxAgeAlarmMinutes,
      ...(props.monitoring.alarmEmail ? { alarmEmail: props.monitoring.alarmEmail } : {}),
    });

    // ---- the console's files and its runtime config (they name the API URL and the client) ----
    if (this.consoleHosting && props.console) {
      const site = `${this.consoleHosting.origin}/`;
      const config: ConsoleConfig = {
        apiBaseUrl: this.stage.url,
        signIn: {
          mode: 'oidc',
          authority:
            props.auth.kind === 'oidc' ? props.auth.issuer : (this.userPool?.userPoolProviderUrl ?? ''),
          clientId:
            props.auth.kind === 'oidc'
              ? (props.console.oidcClientId ?? props.auth.audience[0] ?? '')
              : (this.consoleClient?.userPoolClientId ?? ''),
          redirectUri: site,
          postLogoutRedirectUri: site,
          scope: 'openid email profile',
        },
      };
      this.consoleHosting.deploy(props.console.distDir, config);
      new CfnOutput(this, 'ConsoleUrl', { value: site });
      if (this.consoleClient) {
        new CfnOutput(this, 'ConsoleClientId', { value: this.consoleClient.userPoolClientId });
        new CfnOutput(this, 'SignInDomain', { value: cognitoLogin });
      }
    }

    // ---- outputs ----
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'Region', { value: this.region });
    new CfnOutput(this, 'Stage', { value: names.stage });
    new CfnOutput(this, 'OperatorTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: names.stackName });
    if (this.userPool && this.userPoolClient) {
      new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    }
  }

  /** Managed-login domain and the console's public client: authorization code + PKCE, no secret. */
  private createConsoleClient(
    userPool: cognito.UserPool,
    domainPrefix: string,
    hosting: ConsoleHosting,
    console: ConsoleProps,
  ): cognito.UserPoolClient {
    userPool.addDomain('SignInDomain', { cognitoDomain: { domainPrefix } });
    const site = `${hosting.origin}/`;
    return userPool.addClient('ConsoleClient', {
      generateSecret: false,
      // Only the managed login's authorization code flow (PKCE: public client, the console sends
      // code_challenge S256); refresh tokens for silent renew.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [site, ...console.callbackUrls],
        logoutUrls: [site, ...console.logoutUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('organization'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }

  private createUserPool(userPoolName: string): {
    userPool: cognito.UserPool;
    client: cognito.UserPoolClient;
  } {
    const userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName,
      selfSignUpEnabled: false, // accounts are created by an administrator
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      customAttributes: {
        // Set by administrators only: the app client below cannot write it.
        organization: new cognito.StringAttribute({ minLen: 1, maxLen: 128, mutable: true }),
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (TOTP only) by product decision: partner staff sign in rarely; enforce it per ' +
        'organization through the IdP (oidcIssuer context) or switch to Mfa.REQUIRED when all users enrolled.',
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per MAU; ESSENTIALS is the default. Accounts ' +
        'are admin-created (no self sign-up) with a 12-character policy, which limits the attack surface.',
    });
    const client = userPool.addClient('WebClient', {
      generateSecret: false,
      // No hosted UI. The SPA signs in with SRP (the password never leaves the browser); an operator's
      // CLI uses ADMIN_USER_PASSWORD_AUTH, which needs IAM credentials (cognito-idp:AdminInitiateAuth).
      // USER_PASSWORD_AUTH (password to a public client id) stays off: docs/decisions.md.
      disableOAuth: true,
      authFlows: { userSrp: true, adminUserPassword: true },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('organization'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    for (const group of USER_GROUPS) {
      new cognito.UserPoolGroup(this, `Group-${group}`, {
        userPool,
        groupName: group,
        description: `Liaison ${group}`,
      });
    }
    return { userPool, client };
  }
}

/** Where each function's code comes from: the bundles, or one shared placeholder. */
function assetDirResolver(bundleDir: string | undefined): (handler: string) => string {
  if (bundleDir === undefined) {
    const dir = join(tmpdir(), 'liaison-placeholder-asset');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'index.mjs'),
      "export const handler = async () => { throw new Error('placeholder asset: synthesized with liaison:skipBundling'); };\n",
    );
    return () => dir;
  }
  return (handler) => {
    const dir = join(bundleDir, handler);
    if (!existsSync(join(dir, 'index.mjs'))) {
      throw new Error(
        `No bundle for ${handler}: ${join(dir, 'index.mjs')} is missing (run bundleFunctions first)`,
      );
    }
    return dir;
  };
}
