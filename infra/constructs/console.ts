/**
 * The web console in AWS (issue 13): a private S3 bucket behind CloudFront (origin access control),
 * security headers on every response, the SPA fallback, and the built console (`web/dist`) deployed
 * with its runtime `config.json` (the same build runs locally and deployed; web/README).
 *
 * Split in two so the HTTP API's CORS can name the console origin without a cycle:
 * {@link ConsoleHosting} (bucket, distribution) is built before the API; {@link ConsoleHosting.deploy}
 * (files + config.json, which name the API URL and the app client) after it.
 *
 * Bucket not versioned: its content is a build output, redeployed from git by every `cdk deploy`
 * (BucketDeployment prunes old files); versions would only keep stale bundles. `web/dist` missing at
 * synth (tests, a fresh clone): a placeholder page is deployed instead, saying to run the web build.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface ConsoleHostingProps {
  /** Origins the console's scripts may connect to besides its own (API, Cognito), for the CSP. */
  readonly connectOrigins: readonly string[];
  /** Origins forms may post to / navigation may go to (the Cognito managed-login domain). */
  readonly formOrigins: readonly string[];
}

/** The console's runtime configuration (`/config.json`), read by the app at start. */
export type ConsoleConfig =
  | { readonly apiBaseUrl: string; readonly signIn: { readonly mode: 'local'; readonly url: string } }
  | {
      readonly apiBaseUrl: string;
      readonly signIn: {
        readonly mode: 'oidc';
        readonly authority: string;
        readonly clientId: string;
        readonly redirectUri: string;
        readonly postLogoutRedirectUri: string;
        readonly scope: string;
      };
    };

/** `web/dist` when it holds a build, else a one-page placeholder (synth without the web build). */
export function consoleAssetDir(distDir: string): string {
  if (existsSync(join(distDir, 'index.html'))) return distDir;
  const dir = join(tmpdir(), 'liaison-console-placeholder');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>Liaison</title><p>The console was not built: run <code>npm run web:build</code>, then <code>cdk deploy</code> again.</p>\n',
  );
  return dir;
}

/** Content-Security-Policy of the console: its own scripts, the API and Cognito, no framing. */
export function contentSecurityPolicy(connect: readonly string[], forms: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Cloudscape and the charts set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`,
    `form-action 'self' ${forms.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

export class ConsoleHosting extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  /** `https://<distribution domain>` (no trailing slash): the CORS origin. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: ConsoleHostingProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the console, read through CloudFront (OAC); requests are ' +
        'visible in the distribution metrics, and every change is a CloudFormation deployment (CloudTrail).',
    });
    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Liaison console: CSP, HSTS, no framing, nosniff, referrer policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.connectOrigins, props.formOrigins),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Liaison console (${Stack.of(this).stackName})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      // SPA fallback: an unknown path (a deep link) answers the app, which routes it.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Partner organizations sign in from any country; no geo restriction by design.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'Static files only; every API call goes to the HTTP API (JWT authorizer, throttling). A WAF web ACL ' +
          'can be attached per deployment; it is billed per ACL and rule.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Static public build files only; standard logs would record nothing sensitive and cost per request.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate, whose security policy CloudFront fixes (TLSv1); a custom ' +
          'domain with an ACM certificate and minimumProtocolVersion TLSv1.2_2021 is the way to raise it.',
      },
    );
    this.origin = `https://${this.distribution.distributionDomainName}`;
  }

  /** Deploys the build (`web/dist` or the placeholder) and `config.json`; invalidates the cache. */
  deploy(distDir: string, config: ConsoleConfig): deploy.BucketDeployment {
    const deployment = new deploy.BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      sources: [deploy.Source.asset(consoleAssetDir(distDir)), deploy.Source.jsonData('config.json', config)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      prune: true,
      memoryLimit: 256,
    });
    this.acknowledgeDeploymentFindings();
    return deployment;
  }

  /** The findings of CDK's own BucketDeployment handler (one per stack), acknowledged with reasons. */
  private acknowledgeDeploymentFindings(): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) return;
    const bucketId = stack.resolve((this.bucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
    const reason =
      "CDK's BucketDeployment handler (aws-cdk-lib, not Liaison code): it copies the console build from the " +
      'CDK assets bucket into the console bucket and invalidates the distribution; ';
    Validations.of(handler).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${reason}AWSLambdaBasicExecutionRole only lets it write its logs.`,
      },
      { id: 'AwsSolutions-L1', reason: `${reason}its runtime is chosen and updated by aws-cdk-lib.` },
      ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${reason}the grantRead/grantReadWrite action groups of those two buckets only.`,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
        reason: `${reason}it writes every object of the console bucket (prune deletes stale files).`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason: `${reason}it reads the uploaded asset zip from the bootstrap assets bucket.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: `${reason}cloudfront:CreateInvalidation / GetInvalidation are granted on "*" by aws-cdk-lib.`,
      },
    );
  }
}
