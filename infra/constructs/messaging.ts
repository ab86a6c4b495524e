/**
 * The plumbing of notifications and timed work: the EventBridge Scheduler schedule group, the role
 * Scheduler assumes to invoke the scheduled functions, the dead-letter queue of those invocations,
 * and (created on first use) the KMS key of the SNS topics Liaison creates at run time.
 *
 * `bind(fn, role, uses)` is the one place that turns a route's (or job's) `uses` into permissions
 * and environment, so a function gets SNS or Scheduler access only when its entry says so:
 *   scheduler  scheduler:Create/Delete/GetSchedule on this group's schedules, iam:PassRole on the
 *              Scheduler role (to scheduler.amazonaws.com only); LIAISON_SCHEDULE_GROUP,
 *              LIAISON_SCHEDULER_ROLE_ARN, LIAISON_SCHEDULER_DLQ_ARN, LIAISON_TARGETS
 *   sns        topic management and Publish on `<prefix>*` topics, kms:GenerateDataKey* and Decrypt on the
 *              topic key; LIAISON_TOPIC_PREFIX, LIAISON_TOPIC_KMS_KEY_ID
 *   s3         the evidence bucket's `incidents/*` objects (./evidence-bucket.ts); LIAISON_EVIDENCE_BUCKET
 */

import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ServiceUse } from '../../shared/routes.js';
import type { ScheduledFunction } from '../functions.js';
import type { EvidenceBucket } from './evidence-bucket.js';

export interface MessagingProps {
  /** Schedule group name (context `scheduleGroup`, default `liaison`). */
  readonly scheduleGroupName: string;
  /** Prefix of every topic Liaison creates; IAM allows topics with this prefix only. */
  readonly topicPrefix: string;
  /** Scheduled functions: target name → physical function name (known before the functions exist). */
  readonly targets: Readonly<Record<string, string>>;
}

export const SNS_ACTIONS = [
  'sns:CreateTopic',
  'sns:Publish',
  'sns:Subscribe',
  'sns:SetSubscriptionAttributes',
  'sns:GetSubscriptionAttributes',
  'sns:ListSubscriptionsByTopic',
  'sns:Unsubscribe',
  'sns:TagResource',
  'sns:SetTopicAttributes',
] as const;

export const SCHEDULER_ACTIONS = [
  'scheduler:CreateSchedule',
  'scheduler:DeleteSchedule',
  'scheduler:GetSchedule',
] as const;

/** `arn:<partition>:lambda:<region>:<account>:function:<name>`, without a reference to the function. */
export function functionArn(functionName: string): string {
  return `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:${functionName}`;
}

export class Messaging extends Construct {
  readonly scheduleGroup: scheduler.ScheduleGroup;
  /** Assumed by EventBridge Scheduler; may invoke the scheduled functions and write to the DLQ. */
  readonly schedulerRole: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
  /** Target name → function ARN (what LIAISON_TARGETS holds). */
  readonly targetArns: Readonly<Record<string, string>>;
  private key: kms.Key | undefined;
  /** The evidence bucket, set by the stack before any route is bound. */
  evidence: EvidenceBucket | undefined;
  private readonly granted = new Set<string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MessagingProps,
  ) {
    super(scope, id);
    if (!/^[0-9A-Za-z_.-]{1,64}$/.test(props.scheduleGroupName)) {
      throw new Error(
        `scheduleGroup must be 1-64 characters of [0-9A-Za-z-_.], got "${props.scheduleGroupName}"`,
      );
    }
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', {
      scheduleGroupName: props.scheduleGroupName,
      // Deleting the group deletes its schedules: pending escalations and reminders must survive a
      // stack mistake.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'SchedulerDlq', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue IS a dead-letter queue: EventBridge Scheduler sends the firings whose retries are ' +
        'exhausted here (DeadLetterConfig of every schedule); a DLQ of a DLQ would add nothing.',
    });

    const account = Stack.of(this).account;
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the Liaison scheduled functions',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': account,
            'aws:SourceArn': this.scheduleGroup.scheduleGroupArn,
          },
        },
      }),
    });
    this.schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DeadLetters',
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );
    this.targetArns = Object.fromEntries(
      Object.entries(props.targets).map(([name, functionName]) => [name, functionArn(functionName)]),
    );
    const arns = Object.values(this.targetArns);
    if (arns.length > 0) {
      this.schedulerRole.addToPolicy(
        new iam.PolicyStatement({
          sid: 'InvokeTargets',
          actions: ['lambda:InvokeFunction'],
          resources: arns,
        }),
      );
    }
  }

  /**
   * A recurring schedule (e.g. the notification sweeper's `rate(5 minutes)`) invoking `functionArn`.
   * `expression` replaces the job's own (context `verificationSchedule`, see infra/app.ts).
   */
  recurring(
    job: ScheduledFunction,
    functionArn: string,
    expression?: string,
  ): scheduler.CfnSchedule | undefined {
    if (!job.recurring) return undefined;
    return new scheduler.CfnSchedule(this, `Recurring-${job.name}`, {
      name: job.name,
      groupName: this.scheduleGroup.scheduleGroupName,
      description: job.description,
      scheduleExpression: expression ?? job.recurring.expression,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: functionArn,
        roleArn: this.schedulerRole.roleArn,
        input: job.recurring.input,
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 300 },
      },
    });
  }

  /** The customer-managed key of Liaison's topics; created with the first function that uses SNS. */
  get topicKey(): kms.Key {
    this.key ??= new kms.Key(this, 'TopicKey', {
      description: `Liaison SNS topics (${this.props.topicPrefix}*)`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    return this.key;
  }

  /** `arn:<partition>:scheduler:<region>:<account>:schedule/<group>/*` */
  get schedulesArn(): string {
    return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${this.props.scheduleGroupName}/*`;
  }

  /** `arn:<partition>:sns:<region>:<account>:<prefix>*` */
  get topicsArn(): string {
    return `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:${this.props.topicPrefix}*`;
  }

  /**
   * Grants `role` what `uses` needs (once per role: area roles are shared) and sets the matching
   * environment on `fn`. No `uses`: nothing at all.
   */
  bind(fn: lambda.Function, role: iam.IRole, uses: readonly ServiceUse[] = []): void {
    for (const use of new Set(uses)) {
      const key = `${role.node.path}:${use}`;
      if (!this.granted.has(key)) {
        this.granted.add(key);
        if (use === 'scheduler') this.grantScheduler(role);
        else if (use === 's3') this.evidenceBucket().grant(role);
        else this.grantSns(role);
      }
      for (const [name, value] of Object.entries(this.environment(use))) fn.addEnvironment(name, value);
    }
  }

  private evidenceBucket(): EvidenceBucket {
    if (!this.evidence) throw new Error('A route uses s3 but the stack has no evidence bucket');
    return this.evidence;
  }

  private environment(use: ServiceUse): Record<string, string> {
    if (use === 's3') return this.evidenceBucket().environment();
    if (use === 'sns') {
      return { LIAISON_TOPIC_PREFIX: this.props.topicPrefix, LIAISON_TOPIC_KMS_KEY_ID: this.topicKey.keyArn };
    }
    return {
      LIAISON_SCHEDULE_GROUP: this.props.scheduleGroupName,
      LIAISON_SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
      LIAISON_SCHEDULER_DLQ_ARN: this.deadLetterQueue.queueArn,
      LIAISON_TARGETS: Stack.of(this).toJsonString(this.targetArns),
    };
  }

  private grantScheduler(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'Schedules',
        actions: [...SCHEDULER_ACTIONS],
        resources: [this.schedulesArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${this.props.scheduleGroupName}/*]`,
      reason:
        'Schedules are created at run time with deterministic names (shared/scheduling/schedules.ts), so ' +
        `the grant names the "${this.props.scheduleGroupName}" schedule group (Create/Delete/GetSchedule only), not each schedule.`,
    });
  }

  private grantSns(role: iam.IRole): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'Topics', actions: [...SNS_ACTIONS], resources: [this.topicsArn] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TopicKey',
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: [this.topicKey.keyArn],
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${this.props.topicPrefix}*]`,
      reason:
        'Topics (one per organization) are created at run time, so the grant covers the topic-name ' +
        `prefix "${this.props.topicPrefix}" only; no other topic of the account is reachable.`,
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'Publishing to an SSE-KMS topic needs kms:GenerateDataKey* (as the SNS documentation states) and ' +
        'kms:Decrypt, on the Liaison topic key only.',
    });
  }
}
