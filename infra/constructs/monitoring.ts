/**
 * What an operator watches: an SNS topic for operators (KMS-encrypted, TLS only, optional e-mail
 * subscription), the alarms that publish to it, and one CloudWatch dashboard. Thresholds and the
 * reasons for them: README "Alarms" and docs/decisions.md.
 *
 *   scheduler-dlq          Scheduler DLQ: ApproximateNumberOfMessagesVisible (Maximum) > 0, 5 min
 *   scheduler-dropped      AWS/Scheduler InvocationDroppedCount + InvocationsFailedToBeSentToDeadLetterCount > 0
 *   scheduler-target-errors AWS/Scheduler TargetErrorCount (Sum) ≥ 5 in 15 min (retries absorb a few)
 *   <job>-errors / -throttles  each scheduled function: Errors > 0, Throttles > 0 (5 min)
 *   api-5xx                5xx / Count of the HTTP API > 5 % in 2 of 3 periods of 5 min (≥ 10 requests)
 *   outbox-age             Liaison OutboxOldestPendingAgeSeconds (Maximum, 10 min) > N minutes; missing
 *                          data is breaching: the sweeper reports every 5 minutes, silence means it stopped
 *   dynamodb-throttles     ThrottledRequests of the table's operations (Sum) > 0, 5 min
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, OUTBOX_AGE_METRIC } from '../../shared/metrics.js';

/** The DynamoDB operations Liaison's code sends (shared/db, shared/domain): ≤ 10 metrics per alarm. */
export const TABLE_OPERATIONS = [
  'GetItem',
  'BatchGetItem',
  'Query',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'TransactWriteItems',
] as const;

export interface MonitoringProps {
  /** Prefix of alarm and dashboard names: the stack name (`Liaison-prod`). */
  readonly namePrefix: string;
  /** Dimension `Stage` of Liaison's own metrics (the sweeper's EMF line). */
  readonly stage: string;
  readonly httpApi: IHttpApi;
  readonly table: ITableV2;
  readonly scheduleGroup: scheduler.IScheduleGroup;
  readonly deadLetterQueue: sqs.IQueue;
  /** Scheduled functions by job name (no API in front of them: their errors are alarmed one by one). */
  readonly jobs: ReadonlyMap<string, lambda.IFunction>;
  /** Optional e-mail subscription of the operator topic (context `alarmEmail`). */
  readonly alarmEmail?: string;
  /** Outbox age alarm threshold in minutes (context `outboxAgeAlarmMinutes`, default 15). */
  readonly outboxAgeAlarmMinutes: number;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  readonly dashboard: cloudwatch.Dashboard;
  /** Short name (`outbox-age`) → alarm. */
  readonly alarms = new Map<string, cloudwatch.Alarm>();

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // ---- operator topic: encrypted with its own key, which CloudWatch may use to publish ----
    this.key = new kms.Key(this, 'OperatorTopicKey', {
      description: `${props.namePrefix} operator alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'], // in a key policy, "*" is this key
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'OperatorTopic', {
      displayName: `${props.namePrefix} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    const action = new actions.SnsAction(this.topic);

    const alarm = (
      name: string,
      description: string,
      metric: cloudwatch.IMetric,
      options: Partial<cloudwatch.CreateAlarmOptions> & { threshold: number },
    ): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, `Alarm-${name}`, {
        alarmName: `${props.namePrefix}-${name}`,
        alarmDescription: description,
        metric,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.set(name, created);
      return created;
    };
    const fiveMinutes = Duration.minutes(5);

    // ---- EventBridge Scheduler: its DLQ, lost firings, target errors ----
    alarm(
      'scheduler-dlq',
      'A scheduled firing (escalation step, reminder, sweep) exhausted its retries and sits in the Scheduler DLQ',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: 'Maximum',
      }),
      { threshold: 0 },
    );
    alarm(
      'scheduler-dropped',
      'EventBridge Scheduler dropped a firing, or could not write it to the DLQ: the work is lost',
      new cloudwatch.MathExpression({
        expression: 'FILL(dropped, 0) + FILL(dlqFailed, 0)',
        usingMetrics: {
          dropped: props.scheduleGroup.metricDropped({ period: fiveMinutes }),
          dlqFailed: props.scheduleGroup.metricFailedToBeSentToDLQ(undefined, { period: fiveMinutes }),
        },
        period: fiveMinutes,
        label: 'dropped firings',
      }),
      { threshold: 0 },
    );
    alarm(
      'scheduler-target-errors',
      'Invocations of the scheduled functions by EventBridge Scheduler fail (5 or more in 15 minutes)',
      props.scheduleGroup.metricTargetErrors({ period: Duration.minutes(15) }),
      { threshold: 5, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD },
    );

    // ---- scheduled functions: errors and throttles (HTTP functions: see api-5xx) ----
    for (const [job, fn] of props.jobs) {
      alarm(
        `${job}-errors`,
        `The ${job} function failed (unhandled error or timeout)`,
        fn.metricErrors({ period: fiveMinutes }),
        { threshold: 0 },
      );
      alarm(
        `${job}-throttles`,
        `The ${job} function was throttled (account concurrency exhausted)`,
        fn.metricThrottles({ period: fiveMinutes }),
        { threshold: 0 },
      );
    }

    // ---- HTTP API: 5xx rate (a function error, timeout or throttle answers 5xx) ----
    alarm(
      'api-5xx',
      'More than 5 % of API requests answered 5xx in 2 of the last 3 periods of 5 minutes (at least 10 requests)',
      new cloudwatch.MathExpression({
        expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)',
        usingMetrics: {
          errors: props.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
          requests: props.httpApi.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
        },
        period: fiveMinutes,
        label: '5xx %',
      }),
      { threshold: 5, evaluationPeriods: 3, datapointsToAlarm: 2 },
    );

    // ---- outbox age (functions/scheduled/notification-sweeper.ts publishes it every run) ----
    const outboxAge = new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: OUTBOX_AGE_METRIC,
      dimensionsMap: { Stage: props.stage },
      statistic: 'Maximum',
      period: Duration.minutes(10),
      unit: cloudwatch.Unit.SECONDS,
    });
    alarm(
      'outbox-age',
      `A notice has been undelivered for more than ${props.outboxAgeAlarmMinutes} minutes, or the ` +
        'notification sweeper stopped reporting (it runs every 5 minutes)',
      outboxAge,
      {
        threshold: props.outboxAgeAlarmMinutes * 60,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      },
    );

    // ---- DynamoDB throttling (on demand: above twice the previous peak, or a hot partition) ----
    const throttled = Object.fromEntries(
      TABLE_OPERATIONS.map((operation) => [
        operation.charAt(0).toLowerCase() + operation.slice(1),
        props.table.metric('ThrottledRequests', {
          dimensionsMap: { TableName: props.table.tableName, Operation: operation },
          period: fiveMinutes,
          statistic: 'Sum',
        }),
      ]),
    );
    const throttledRequests = new cloudwatch.MathExpression({
      expression: Object.keys(throttled)
        .map((k) => `FILL(${k}, 0)`)
        .join(' + '),
      usingMetrics: throttled,
      period: fiveMinutes,
      label: 'throttled requests',
    });
    alarm('dynamodb-throttles', 'Requests to the Liaison table were throttled', throttledRequests, {
      threshold: 0,
    });

    // ---- dashboard ----
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.namePrefix,
      defaultInterval: Duration.hours(3),
    });
    const lambdaSearch = (metric: string) =>
      new cloudwatch.MathExpression({
        // Every function of the stage: their names all start with the stack name.
        expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metric}" "${props.namePrefix}-"', 'Sum', 300)`,
        label: metric,
        period: fiveMinutes,
      });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...this.alarms.values()],
        width: 24,
        height: 4,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [
          props.httpApi.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
          props.httpApi.metricClientError({ period: fiveMinutes, statistic: 'Sum' }),
          props.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (p50, p99)',
        left: [
          props.httpApi.metricLatency({ period: fiveMinutes, statistic: 'p50' }),
          props.httpApi.metricLatency({ period: fiveMinutes, statistic: 'p99' }),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda errors and throttles (all functions of the stage)',
        left: [lambdaSearch('Errors'), lambdaSearch('Throttles')],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Outbox: oldest undelivered notice (s)',
        left: [outboxAge],
        leftAnnotations: [{ value: props.outboxAgeAlarmMinutes * 60, label: 'alarm' }],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Scheduler: attempts, target errors, dropped, DLQ',
        left: [
          props.scheduleGroup.metricAttempts({ period: fiveMinutes }),
          props.scheduleGroup.metricTargetErrors({ period: fiveMinutes }),
          props.scheduleGroup.metricDropped({ period: fiveMinutes }),
          props.scheduleGroup.metricSentToDLQ({ period: fiveMinutes }),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'DynamoDB: consumed capacity and throttled requests',
        left: [
          props.table.metricConsumedReadCapacityUnits({ period: fiveMinutes }),
          props.table.metricConsumedWriteCapacityUnits({ period: fiveMinutes }),
        ],
        right: [throttledRequests],
        width: 8,
      }),
    );
  }
}
