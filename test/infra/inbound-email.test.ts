/**
 * Inbound e-mail on SES (infra/constructs/inbound-email.ts): nothing without context
 * `inboundEmailDomain`; with it a receipt rule set (S3 then Lambda action, TLS, scanning), an
 * encrypted TLS-only private bucket, the receive-email function with least privilege on it, the
 * reply domain on every function, and no unacknowledged cdk-nag finding.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { allOfType, synthesize } from './synth.js';

const off = synthesize();
const on = synthesize({ inboundEmailDomain: 'Reply.Example.com' });

describe('inbound e-mail (SES receiving)', () => {
  it('is off by default: no rule set, no bucket, no reply domain', () => {
    for (const type of ['AWS::SES::ReceiptRuleSet', 'AWS::SES::ReceiptRule']) {
      expect(allOfType(off.all, type), type).toHaveLength(0);
    }
    // The only buckets are the evidence bucket and its access logs (docs/evidence.md).
    const buckets = allOfType(off.all, 'AWS::S3::Bucket').map((b) => b.id);
    expect(buckets.filter((id) => !id.startsWith('Evidence'))).toEqual([]);
    const fns = allOfType(off.all, 'AWS::Lambda::Function');
    expect(fns.some((f) => JSON.stringify(f.Properties.Environment).includes('LIAISON_INBOUND_DOMAIN'))).toBe(
      false,
    );
  });

  it('with a domain: one rule, S3 action then Lambda action (Event), TLS required, spam scan', () => {
    on.parent.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    on.parent.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'Liaison-prod-inbound' });
    on.parent.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        Recipients: ['reply.example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          { S3Action: { BucketName: Match.anyValue(), ObjectKeyPrefix: 'raw/ses/' } },
          { LambdaAction: { FunctionArn: Match.anyValue(), InvocationType: 'Event' } },
        ],
      },
    });
  });

  it('keeps the messages in a private, encrypted, TLS-only bucket SES may write to for this account', () => {
    // The inbound bucket (the evidence bucket and its logs are the others).
    const [bucket] = allOfType([on.parent], 'AWS::S3::Bucket').filter((b) => !b.id.startsWith('Evidence'));
    expect(bucket?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    const [policy] = allOfType([on.parent], 'AWS::S3::BucketPolicy').filter(
      (p) => !p.id.startsWith('Evidence'),
    );
    expect(policy).toBeDefined();
    const statements = (
      policy?.Properties.PolicyDocument as { Statement: Record<string, unknown>[] } | undefined
    )?.Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:PutObject',
          Principal: { Service: 'ses.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.any(String), 'Arn'] }, '/raw/ses/*']] },
        }),
      ]),
    );
  });

  it('runs receive-email with the table, read on raw/ses/*, put on attachments/* and the evidence objects only', () => {
    const fn = allOfType([on.parent], 'AWS::Lambda::Function').find((f) =>
      String(f.Properties.Description).startsWith('Records a reply e-mail'),
    );
    expect(fn?.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 60,
      Environment: {
        Variables: expect.objectContaining({
          LIAISON_INBOUND_DOMAIN: 'reply.example.com',
          LIAISON_INBOUND_BUCKET: expect.anything(),
          LIAISON_EVIDENCE_BUCKET: expect.anything(),
          LIAISON_TABLE_NAME: expect.anything(),
        }),
      },
    });
    on.parent.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    const s3Resources = allOfType([on.parent], 'AWS::IAM::Policy')
      .flatMap(
        (p) =>
          (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
      )
      .filter((s) => JSON.stringify(s.Action).includes('s3:'))
      .map((s) => JSON.stringify(s.Resource));
    expect(s3Resources.some((r) => r.includes('/raw/ses/*'))).toBe(true);
    expect(s3Resources.some((r) => r.includes('/attachments/*'))).toBe(true);
    expect(
      s3Resources.every(
        (r) =>
          r.includes('/raw/ses/*') ||
          r.includes('/attachments/*') ||
          r.includes('/incidents/*') ||
          !r.includes('/*'),
      ),
    ).toBe(true);
    // Its own role: the evidence objects (attachments registered as evidence, legal holds on them).
    const role = fn?.Properties.Role as { 'Fn::GetAtt': [string, string] } | undefined;
    const roleId = role?.['Fn::GetAtt'][0] ?? 'no role';
    const own = allOfType([on.parent], 'AWS::IAM::Policy')
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
      .flatMap(
        (p) =>
          (p.Properties.PolicyDocument as { Statement: { Sid?: string; Resource: unknown }[] }).Statement,
      );
    const evidence = own.find((st) => st.Sid === 'EvidenceObjects');
    expect(JSON.stringify(evidence?.Resource)).toContain('/incidents/*');
  });

  it('gives every function the reply domain, so outbound messages carry the reply address', () => {
    const fns = allOfType(on.all, 'AWS::Lambda::Function').filter((f) =>
      JSON.stringify(f.Properties.Environment ?? {}).includes('LIAISON_TABLE_NAME'),
    );
    expect(fns.length).toBeGreaterThan(80);
    for (const f of fns) {
      expect(
        (f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.LIAISON_INBOUND_DOMAIN,
      ).toBe('reply.example.com');
    }
  });

  it('has no unacknowledged cdk-nag finding', () => {
    const report = new AwsSolutionsChecks().validateScope(on.app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('refuses a context value that is not a domain', () => {
    expect(() => synthesize({ inboundEmailDomain: 'not a domain' })).toThrow(/inboundEmailDomain/);
  });
});
