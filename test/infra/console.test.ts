/** The web console in AWS (issue 13, infra/constructs/console.ts), synthesized with context console=true. */
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { consoleFromContext } from '../../infra/app.js';
import { contentSecurityPolicy } from '../../infra/constructs/console.js';
import { allOfType, type Synthesized, synthesize } from './synth.js';

const cognito: Synthesized = synthesize({
  console: 'true',
  cognitoDomainPrefix: 'acme-liaison',
  consoleCallbackUrls: 'https://console.acme.example/',
  consoleOrigins: 'https://console.acme.example',
});
const plain: Synthesized = synthesize();

const json = (v: unknown) => JSON.stringify(v);

describe('console hosting', () => {
  it('is absent without context console=true', () => {
    plain.parent.resourceCountIs('AWS::CloudFront::Distribution', 0);
    // The evidence bucket and its access-log bucket are always there (test/infra/evidence.test.ts).
    const buckets = plain.parent.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets).filter((id) => !id.startsWith('Evidence'))).toEqual([]);
  });

  it('keeps the bucket private and encrypted, no versioning', () => {
    cognito.parent.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: Match.absent(),
    });
  });

  it('denies non-TLS access in the bucket policy and lets only CloudFront (OAC) read', () => {
    const [policy] = allOfType([cognito.parent], 'AWS::S3::BucketPolicy');
    const statements = (policy!.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Principal: { AWS: '*' },
      }),
    );
    const allow = statements.filter((s) => s.Effect === 'Allow');
    expect(allow.length).toBeGreaterThan(0);
    for (const s of allow) expect(s.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    cognito.parent.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    cognito.parent.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CustomErrorResponses: [
          Match.objectLike({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
          Match.objectLike({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' }),
        ],
      }),
    });
  });

  it('sends CSP (API + Cognito, frame-ancestors none), HSTS, DENY, nosniff, referrer policy', () => {
    const [policy] = allOfType([cognito.parent], 'AWS::CloudFront::ResponseHeadersPolicy');
    const headers = (policy!.Properties.ResponseHeadersPolicyConfig as Record<string, unknown>)
      .SecurityHeadersConfig as Record<string, Record<string, unknown>>;
    const csp = json(headers.ContentSecurityPolicy?.ContentSecurityPolicy);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('.execute-api.');
    expect(csp).toContain('acme-liaison.auth.');
    expect(csp).toContain('https://cognito-idp.');
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 31_536_000,
      Override: true,
    });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
    expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer' });
  });

  it('deploys the build and a generated config.json, invalidating the distribution', () => {
    const [deployment] = allOfType([cognito.parent], 'Custom::CDKBucketDeployment');
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    // config.json names the API URL, the issuer, the console client and the CloudFront URL.
    const markers = json(deployment?.Properties.SourceMarkers);
    for (const ref of ['HttpApi', 'ProviderURL', 'UserPoolConsoleClient', 'ConsoleDistribution']) {
      expect(markers).toContain(ref);
    }
    expect(deployment?.Properties.DistributionPaths).toEqual(['/index.html', '/config.json']);
  });

  it('builds the CSP from its parts', () => {
    expect(contentSecurityPolicy(['https://api.example'], ['https://login.example'])).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' https://api.example; form-action 'self' https://login.example; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    );
  });
});

describe('API CORS and Cognito for the console', () => {
  it('restricts CORS to the console origins', () => {
    const [api] = allOfType([cognito.parent], 'AWS::ApiGatewayV2::Api');
    const cors = api?.Properties.CorsConfiguration as Record<string, unknown>;
    expect(json(cors.AllowOrigins)).toContain('ConsoleDistribution');
    expect(cors.AllowOrigins).toContain('https://console.acme.example');
    expect(cors.AllowOrigins).not.toContain('*');
    expect(cors.AllowHeaders).toEqual(['authorization', 'content-type', 'idempotency-key', 'if-match']);
    expect(cors.ExposeHeaders).toEqual(['etag']);
    const [plainApi] = allOfType([plain.parent], 'AWS::ApiGatewayV2::Api');
    expect(plainApi?.Properties.CorsConfiguration).toBeUndefined();
  });

  it('adds the managed-login domain and a public code-flow client with the callback URLs', () => {
    cognito.parent.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-liaison' });
    const clients = allOfType([cognito.parent], 'AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(2);
    const consoleClient = clients.find((c) => c.Properties.AllowedOAuthFlows !== undefined);
    expect(consoleClient?.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const callbacks = consoleClient?.Properties.CallbackURLs as unknown[];
    expect(json(callbacks[0])).toContain('ConsoleDistribution');
    expect(callbacks).toContain('https://console.acme.example/');
    expect(json(consoleClient?.Properties.LogoutURLs)).toContain('ConsoleDistribution');
    const [authorizer] = allOfType([cognito.parent], 'AWS::ApiGatewayV2::Authorizer');
    expect((authorizer!.Properties.JwtConfiguration as { Audience: unknown[] }).Audience).toHaveLength(2);
  });
});

describe('console context', () => {
  const app = (context: Record<string, string>) => new App({ context });
  it('is off unless console=true, and checks its URLs and domain prefix', () => {
    expect(consoleFromContext(app({}))).toBeUndefined();
    expect(
      consoleFromContext(app({ console: 'true', consoleOrigins: 'https://c.example/path' })),
    ).toMatchObject({
      extraOrigins: ['https://c.example'],
      callbackUrls: [],
    });
    expect(() =>
      consoleFromContext(app({ console: 'true', consoleCallbackUrls: 'http://evil.example/' })),
    ).toThrow(/https/);
    expect(() => consoleFromContext(app({ console: 'true', cognitoDomainPrefix: 'Bad_Prefix' }))).toThrow(
      /cognitoDomainPrefix/,
    );
  });
});
