/**
 * Inbound e-mail on Amazon SES (docs/inbound-email.md), built only when context
 * `inboundEmailDomain` names a domain verified for SES receiving in this account and region:
 *
 *   MX <domain> → SES receipt rule set `<stack>-inbound` (one rule: recipients = the domain,
 *   TLS required, spam/virus scan) → S3 action (the raw message to the inbound bucket under
 *   `raw/ses/<messageId>`) → Lambda action (Event) → `receive-email` (functions/inbound/).
 *
 * The function reads the raw message, keeps attachments under `attachments/<incident>/<sha256>`
 * in the same bucket and writes the table. CloudFormation cannot activate a rule set: the operator
 * runs `aws ses set-active-receipt-rule-set --rule-set-name <stack>-inbound` once (README).
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { INBOUND_FUNCTION } from '../functions.js';
import { ApiFunction, acknowledgeFunctionFindings } from './api-function.js';
import type { EvidenceBucket } from './evidence-bucket.js';

/** Key prefix of the receipt rule's S3 action; the function reads `raw/ses/<SES messageId>`. */
export const RAW_SES_PREFIX = 'raw/ses/';

export interface InboundEmailProps {
  /** The verified receiving domain (reply addresses `inc-<id>+<token>@<domain>`). */
  readonly domain: string;
  readonly table: ITableV2;
  readonly assetDir: string;
  /** Physical name prefix (`<stack>`): the rule set is `<stack>-inbound`. */
  readonly namePrefix: string;
  readonly environment: Readonly<Record<string, string>>;
  /** The evidence bucket: attachments are copied there at receipt and registered as evidence. */
  readonly evidence: EvidenceBucket;
}

export class InboundEmail extends Construct {
  readonly bucket: s3.Bucket;
  readonly function: ApiFunction['function'];
  readonly ruleSet: ses.ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundEmailProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // SSE-S3: SES's S3 action writes with it without a key policy; evidence is kept (no expiry).
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Written only by SES (the receipt rule) and by the receive-email function, read by that function: ' +
        'every message is also recorded in the table (inbound item, timeline); S3 data events in ' +
        'CloudTrail are the access audit where one is required.',
    });

    const fn = new ApiFunction(this, 'ReceiveEmail', {
      assetDir: props.assetDir,
      description: INBOUND_FUNCTION.description,
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment: {
        ...props.environment,
        LIAISON_INBOUND_DOMAIN: props.domain,
        LIAISON_INBOUND_BUCKET: this.bucket.bucketName,
        ...props.evidence.environment(),
      },
    }).bindTable(props.table, 'RW');
    this.function = fn.function;
    this.bucket.grantRead(this.function, `${RAW_SES_PREFIX}*`);
    this.bucket.grantPut(this.function, 'attachments/*');
    const role = this.function.role;
    if (!role) throw new Error('receive-email: function without a role');
    // Attachments into the evidence bucket (incidents/<id>/inbound/<sha256>), legal holds on them.
    props.evidence.grant(role);
    acknowledgeFunctionFindings(role, 'RW', props.table);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
      reason: 'grantRead: the object actions of the raw/ses/* prefix of the inbound bucket only.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      reason: 'grantRead: bucket-level reads of the inbound bucket only.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
      reason: 'grantPut: aborting its own multipart uploads under attachments/* of the inbound bucket only.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::s3:List*]',
      reason: 'grantRead: listing the inbound bucket only (a missing key answers NoSuchKey).',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/raw/ses/*]`,
      reason: 'Raw messages SES wrote: keys are SES message ids, known only at run time.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/attachments/*]`,
      reason: 'Attachments by incident and content hash: keys are known only at run time.',
    });

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', {
      receiptRuleSetName: `${props.namePrefix}-inbound`,
    });
    this.ruleSet.addRule('Replies', {
      recipients: [props.domain],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [
        new actions.S3({ bucket: this.bucket, objectKeyPrefix: RAW_SES_PREFIX }),
        new actions.Lambda({ function: this.function, invocationType: actions.LambdaInvocationType.EVENT }),
      ],
    });
  }
}
