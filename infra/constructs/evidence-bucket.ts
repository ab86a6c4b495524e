/**
 * The evidence bucket (docs/evidence.md): versioned, S3-managed encryption, TLS only, public access
 * blocked, Object Lock on with a default GOVERNANCE retention (context `evidenceRetentionDays`,
 * default 90), server access logs to a second bucket. Only functions whose route `uses` 's3' get
 * access (`grant`), to the `incidents/*` objects only, and LIAISON_EVIDENCE_BUCKET.
 */
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** What a function that stores or serves evidence files may do, on `incidents/*` only. */
export const EVIDENCE_ACTIONS = [
  's3:PutObject',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObjectLegalHold',
  's3:GetObjectLegalHold',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  // GOVERNANCE retention: the register decides deletions (a legal hold still refuses them).
  's3:BypassGovernanceRetention',
] as const;

export interface EvidenceBucketProps {
  /** e.g. `liaison-prod`; the bucket is `<resourceName>-evidence-<account>-<region>`. */
  readonly resourceName: string;
  readonly retentionDays: number;
  /**
   * Origins whose pages PUT and GET evidence files with presigned URLs (the web console's): the
   * bucket's CORS rule allows exactly these. Absent: no CORS rule (no browser reaches the bucket).
   */
  readonly corsOrigins?: readonly string[];
}

export class EvidenceBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly bucketName: string;
  private readonly granted = new Set<string>();

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1 || props.retentionDays > 36_500) {
      throw new Error(`evidenceRetentionDays must be an integer 1-36500, got ${props.retentionDays}`);
    }
    // A known name, so the grant's ARN is a literal prefix (the nag acknowledgement names it).
    this.bucketName = EvidenceBucket.nameFor(props.resourceName);
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the evidence bucket’s server access logs; logging it would log the logs.',
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(props.retentionDays)),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.corsOrigins?.length
        ? {
            cors: [
              {
                // The console uploads (PUT with the signed checksum header) and downloads (GET).
                allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
                allowedOrigins: [...props.corsOrigins],
                allowedHeaders: ['content-type', 'x-amz-checksum-sha256', 'x-amz-sdk-checksum-algorithm'],
                exposedHeaders: ['ETag', 'x-amz-version-id'],
                maxAge: 3600,
              },
            ],
          }
        : {}),
    });
  }

  /** The bucket's name, known before the construct exists (the console's CSP names it). */
  static nameFor(resourceName: string): string {
    return `${resourceName}-evidence-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
  }

  /** The origin a browser reaches the bucket at (virtual-hosted style, as the SDK presigns). */
  static originFor(resourceName: string): string {
    return `https://${EvidenceBucket.nameFor(resourceName)}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }

  /** `arn:<partition>:s3:::<bucket>/incidents/*` */
  get objectsArn(): string {
    return `arn:${Aws.PARTITION}:s3:::${this.bucketName}/incidents/*`;
  }

  /** Grants `role` the evidence actions once (area roles are shared); the env var for `fn`. */
  grant(role: iam.IRole): void {
    const key = role.node.path;
    if (this.granted.has(key)) return;
    this.granted.add(key);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EvidenceObjects',
        actions: [...EVIDENCE_ACTIONS],
        resources: [this.objectsArn],
      }),
    );
    Validations.of(role).acknowledge({
      id:
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::' +
        `${this.bucketName.replace(Aws.ACCOUNT_ID, '<AWS::AccountId>').replace(Aws.REGION, '<AWS::Region>')}/incidents/*]`,
      reason:
        'Evidence objects are created at run time, one per item (incidents/<incident>/evidence/<item>): the ' +
        'grant covers the incidents/ prefix of the evidence bucket only, for the routes whose entry uses s3.',
    });
  }

  environment(): Record<string, string> {
    return { LIAISON_EVIDENCE_BUCKET: this.bucketName };
  }
}
