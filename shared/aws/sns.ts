import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  type MessageAttributeValue,
  PublishCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { awsConfig, type TopicsConfig } from '../config.js';
import type { Publisher } from './ports.js';

/** Builds an SNS client; `endpoint` is set by the local stack and the tests only (local SNS). */
export function createSnsClient(opts: { region: string; endpoint?: string | undefined }): SNSClient {
  const client = new SNSClient({
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  // No X-Ray SDK subsegment per call (cold start, docs/decisions.md): Lambda active tracing only.
  return client;
}

let client: SNSClient | undefined;

/**
 * The process-wide SNS client, created on first use and then kept (module scope in Lambda). Only
 * the functions that publish call it, so the others never load or construct it.
 */
export function snsClient(): SNSClient {
  client ??= createSnsClient({ region: awsConfig().region, endpoint: awsConfig().endpoints.sns });
  return client;
}

/** Organization ids may contain `.`, topic names may not: `.` becomes `_`. */
export const topicName = (prefix: string, organizationId: string): string =>
  `${prefix}${organizationId.replaceAll('.', '_')}`;

/** A topic policy that refuses every request not made over TLS. */
export function tlsOnlyPolicy(topicArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: ['sns:Publish', 'sns:Subscribe', 'sns:Receive'],
        Resource: topicArn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

const attribute = (value: string | readonly string[]): MessageAttributeValue =>
  typeof value === 'string'
    ? { DataType: 'String', StringValue: value }
    : { DataType: 'String.Array', StringValue: JSON.stringify(value) };

/**
 * The `Publisher` port over SNS. Topics are named `<LIAISON_TOPIC_PREFIX><orgId>`, KMS-encrypted
 * with `LIAISON_TOPIC_KMS_KEY_ID`, signature v2, TLS only, tagged with their organization.
 */
export function snsPublisher(sns: SNSClient, topics: TopicsConfig): Publisher {
  return {
    async publish(p) {
      try {
        await sns.send(
          new PublishCommand({
            TopicArn: p.topicArn,
            Subject: p.subject,
            Message: p.message,
            MessageAttributes: Object.fromEntries(
              Object.entries(p.attributes).map(([name, value]) => [name, attribute(value)]),
            ),
          }),
        );
        return 'published';
      } catch (error) {
        if (error instanceof Error && error.name === 'NotFoundException') return 'topic-not-found';
        throw error;
      }
    },
    async createTopic(organizationId) {
      const res = await sns.send(
        new CreateTopicCommand({
          Name: topicName(topics.prefix, organizationId),
          Attributes: { KmsMasterKeyId: topics.kmsKeyId, SignatureVersion: '2' },
          Tags: [
            { Key: 'liaison:organization', Value: organizationId },
            { Key: 'liaison:purpose', Value: 'distribution-list' },
          ],
        }),
      );
      const topicArn = res.TopicArn as string;
      await sns.send(
        new SetTopicAttributesCommand({
          TopicArn: topicArn,
          AttributeName: 'Policy',
          AttributeValue: tlsOnlyPolicy(topicArn),
        }),
      );
      return topicArn;
    },
    async subscribe(r) {
      const res = await sns.send(
        new SubscribeCommand({
          TopicArn: r.topicArn,
          Protocol: r.protocol,
          Endpoint: r.endpoint,
          Attributes: { FilterPolicy: r.filterPolicy, FilterPolicyScope: 'MessageAttributes' },
          ReturnSubscriptionArn: true,
        }),
      );
      return res.SubscriptionArn as string;
    },
    async unsubscribe(subscriptionArn) {
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    },
    async pendingConfirmation(subscriptionArn) {
      const res = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
      return res.Attributes?.PendingConfirmation !== 'false';
    },
  };
}
