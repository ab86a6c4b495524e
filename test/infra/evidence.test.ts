/**
 * The evidence bucket (infra/constructs/evidence-bucket.ts, docs/evidence.md): Object Lock with the
 * default GOVERNANCE retention of context `evidenceRetentionDays`, versioned, encrypted, TLS only,
 * public access blocked, access logs; and the grants reach exactly the routes whose entry uses s3.
 */
import { describe, expect, it } from 'vitest';
import { EVIDENCE_ACTIONS } from '../../infra/constructs/evidence-bucket.js';
import { type Route, routes } from '../../shared/routes.js';
import { allOfType, type Synthesized, synthesize } from './synth.js';

const real = synthesize();

const evidenceBucketOf = (s: Synthesized) => {
  const buckets = allOfType(s.all, 'AWS::S3::Bucket').filter((b) => b.Properties.ObjectLockEnabled === true);
  expect(buckets).toHaveLength(1);
  return buckets[0] as (typeof buckets)[number];
};

describe('evidence bucket', () => {
  it('has Object Lock on with a default GOVERNANCE retention of 90 days, versioning, encryption, no public access, access logs', () => {
    const {
      id,
      Properties: p,
      DeletionPolicy,
    } = evidenceBucketOf(real) as ReturnType<typeof evidenceBucketOf> & {
      DeletionPolicy?: string;
    };
    expect(p.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 90 } },
    });
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'evidence/' });
    expect(DeletionPolicy).toBe('Retain');
    // TLS only: the bucket policy denies every request without aws:SecureTransport.
    const policy = allOfType(real.all, 'AWS::S3::BucketPolicy').find(
      (b) => JSON.stringify(b.Properties.Bucket) === JSON.stringify({ Ref: id }),
    );
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('takes its default retention from context evidenceRetentionDays', () => {
    const custom = synthesize({ evidenceRetentionDays: '30' });
    expect(evidenceBucketOf(custom).Properties.ObjectLockConfiguration).toMatchObject({
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } },
    });
  });

  it('grants the evidence actions (incidents/* only) and sets LIAISON_EVIDENCE_BUCKET on exactly the routes that use s3', () => {
    const s3Routes = (routes as readonly Route[]).filter((r) => r.uses?.includes('s3'));
    expect(s3Routes.map((r) => r.id).sort()).toEqual(
      [
        // Its attachments become evidence items (docs/inbound-email.md).
        'acceptQuarantinedEmail',
        'confirmEvidenceUpload',
        'deleteEvidence',
        'downloadEvidence',
        'placeHold',
        'registerEvidence',
        'releaseHold',
      ].sort(),
    );
    const functions = allOfType(real.all, 'AWS::Lambda::Function');
    const withBucket = functions.filter(
      (f) =>
        (f.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
          ?.LIAISON_EVIDENCE_BUCKET,
    );
    expect(withBucket).toHaveLength(s3Routes.length);
    // Every role holding the statement belongs to those functions only.
    const roleRef = (f: (typeof functions)[number]) => JSON.stringify(f.Properties.Role);
    const allowedRoles = new Set(withBucket.map(roleRef));
    const policies = allOfType(real.all, 'AWS::IAM::Policy').filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('EvidenceObjects'),
    );
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      const roles = (p.Properties.Roles as unknown[]).map((r) =>
        JSON.stringify({ 'Fn::GetAtt': [(r as { Ref: string }).Ref, 'Arn'] }),
      );
      for (const r of roles) expect(allowedRoles.has(r), `${p.id} reaches a function without s3`).toBe(true);
      const statement = (
        p.Properties.PolicyDocument as { Statement: { Sid?: string; Action: string[]; Resource: unknown }[] }
      ).Statement.find((s) => s.Sid === 'EvidenceObjects');
      expect([...(statement?.Action ?? [])].sort()).toEqual([...EVIDENCE_ACTIONS].sort());
      expect(JSON.stringify(statement?.Resource)).toContain('/incidents/*');
    }
    const others = functions.filter((f) => !withBucket.includes(f));
    for (const f of others) expect(allowedRoles.has(roleRef(f)), `${f.id} shares an s3 role`).toBe(false);
  });
});
