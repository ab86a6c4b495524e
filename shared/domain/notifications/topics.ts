/**
 * SNS topics and subscriptions. One standard topic per organization (its distribution list), named
 * `<LIAISON_TOPIC_PREFIX><orgId>` and created idempotently (CreateTopic returns the existing topic
 * for the same name and attributes); each deliverable channel of a contact (email, sms, https, sqs)
 * is one subscription on its organization's topic, filtered on the `recipients` message attribute,
 * so a message addressed to contact C reaches C's endpoints only. Phone channels are for people to
 * call: SNS has no voice protocol, so they are never subscribed.
 */

import { performance } from 'node:perf_hooks';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/keys.js';
import { type Deps, type NotifyDeps, notifyDeps } from '../../deps.js';
import { logger } from '../../http/observability.js';
import type { Channel } from '../../schemas/contacts.js';

/** A contact channel's SNS subscription, as stored on the contact. */
export interface ChannelSubscription {
  readonly type: Channel['type'];
  readonly address: string;
  readonly subscriptionArn: string;
  readonly status: 'pending_confirmation' | 'confirmed';
}

/** Organization ids may contain `.`, topic names may not: `.` becomes `_`. */
export const topicName = (prefix: string, organizationId: string): string =>
  `${prefix}${organizationId.replaceAll('.', '_')}`;

/**
 * The SNS dependencies when this process is configured for SNS (`LIAISON_TOPIC_PREFIX`), else
 * undefined: in AWS every function whose route `uses` 'sns' has it; a local stack started without
 * SNS keeps the directory working without topics and subscriptions.
 */
export function notifyDepsIfConfigured(env: NodeJS.ProcessEnv = process.env): NotifyDeps | undefined {
  return env.LIAISON_TOPIC_PREFIX ? notifyDeps() : undefined;
}

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

/**
 * How long a process reuses the topic ARN it ensured for an organization. Every publish used to
 * make CreateTopic + SetTopicAttributes first (two SNS round trips per organization and message,
 * idempotent but not free); now the first publish of a process does, the next ones within this
 * time go straight to Publish. A topic deleted out of band is re-created after at most this long
 * (its messages meanwhile fail into the outbox sweeper's retries).
 */
export const TOPIC_CACHE_MS = 5 * 60_000;
const topicArns = new WeakMap<object, Map<string, { at: number; arn: Promise<string> }>>();

/**
 * Creates (or finds) the organization's topic: KMS-encrypted, signature v2, TLS only, tagged;
 * remembered per SNS client for {@link TOPIC_CACHE_MS} (a failure is not remembered).
 */
export function ensureTopic(notify: NotifyDeps, organizationId: string): Promise<string> {
  let known = topicArns.get(notify.sns);
  if (!known) {
    known = new Map();
    topicArns.set(notify.sns, known);
  }
  const key = `${notify.topics.prefix}|${notify.topics.kmsKeyId}|${organizationId}`;
  const hit = known.get(key);
  const now = performance.now();
  if (hit && now - hit.at < TOPIC_CACHE_MS) return hit.arn;
  const arn = createTopic(notify, organizationId);
  const entry = { at: now, arn };
  known.set(key, entry);
  arn.catch(() => {
    if (known.get(key) === entry) known.delete(key);
  });
  return arn;
}

async function createTopic(notify: NotifyDeps, organizationId: string): Promise<string> {
  const res = await notify.sns.send(
    new CreateTopicCommand({
      Name: topicName(notify.topics.prefix, organizationId),
      Attributes: { KmsMasterKeyId: notify.topics.kmsKeyId, SignatureVersion: '2' },
      Tags: [
        { Key: 'liaison:organization', Value: organizationId },
        { Key: 'liaison:purpose', Value: 'distribution-list' },
      ],
    }),
  );
  const topicArn = res.TopicArn as string;
  await notify.sns.send(
    new SetTopicAttributesCommand({
      TopicArn: topicArn,
      AttributeName: 'Policy',
      AttributeValue: tlsOnlyPolicy(topicArn),
    }),
  );
  return topicArn;
}

const SUBSCRIBABLE = new Set<Channel['type']>(['email', 'sms', 'https', 'sqs']);

function protocolOf(channel: Pick<Channel, 'type' | 'address'>): string {
  if (channel.type === 'https') return channel.address.startsWith('http://') ? 'http' : 'https';
  return channel.type;
}

/** The filter policy of every subscription of `contactId`. */
export const recipientFilter = (contactId: string): string => JSON.stringify({ recipients: [contactId] });

const sameChannel = (a: { type: string; address: string }, b: { type: string; address: string }) =>
  a.type === b.type && a.address === b.address;

/**
 * Brings a contact's subscriptions in line with its channels: subscribes new deliverable channels
 * (filter policy on `recipients`), unsubscribes removed ones (all of them when `channels` is empty:
 * a deleted contact). Returns the subscriptions now held.
 */
export async function syncSubscriptions(
  notify: NotifyDeps,
  contact: { id: string; organizationId: string },
  channels: readonly Channel[],
  current: readonly ChannelSubscription[],
): Promise<ChannelSubscription[]> {
  const wanted = channels.filter((c) => SUBSCRIBABLE.has(c.type));
  const keep = current.filter((s) => wanted.some((c) => sameChannel(c, s)));
  for (const gone of current.filter((s) => !keep.includes(s))) {
    if (gone.subscriptionArn.startsWith('arn:')) {
      await notify.sns.send(new UnsubscribeCommand({ SubscriptionArn: gone.subscriptionArn }));
    }
  }
  const added = wanted.filter((c) => !keep.some((s) => sameChannel(c, s)));
  if (added.length === 0) return keep;
  const topicArn = await ensureTopic(notify, contact.organizationId);
  const out = [...keep];
  for (const channel of added) {
    // One channel failing (FilterPolicyLimitExceeded at 200 per topic / 10,000 per account, an
    // endpoint already subscribed for another contact …) does not undo the others: the contact keeps
    // exactly the subscriptions SNS holds, and the failure is logged.
    try {
      const res = await notify.sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: protocolOf(channel),
          Endpoint: channel.address,
          Attributes: { FilterPolicy: recipientFilter(contact.id), FilterPolicyScope: 'MessageAttributes' },
          ReturnSubscriptionArn: true,
        }),
      );
      const arn = res.SubscriptionArn as string;
      out.push({
        type: channel.type,
        address: channel.address,
        subscriptionArn: arn,
        status: await subscriptionStatus(notify, arn),
      });
    } catch (error) {
      logger.warn('channel not subscribed', { contactId: contact.id, type: channel.type, error });
    }
  }
  return out;
}

/** Pending confirmation (the endpoint has not confirmed yet) or confirmed. */
export async function subscriptionStatus(
  notify: NotifyDeps,
  subscriptionArn: string,
): Promise<ChannelSubscription['status']> {
  const res = await notify.sns.send(
    new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
  );
  return res.Attributes?.PendingConfirmation === 'false' ? 'confirmed' : 'pending_confirmation';
}

/** Re-reads the state of each subscription (a partner may have confirmed since). */
export async function refreshSubscriptions(
  notify: NotifyDeps,
  current: readonly ChannelSubscription[],
): Promise<ChannelSubscription[]> {
  return Promise.all(
    current.map(async (s) =>
      s.status === 'confirmed' ? s : { ...s, status: await subscriptionStatus(notify, s.subscriptionArn) },
    ),
  );
}

/**
 * At registration, after the organization is written: its topic, and `topicArn` stored on it. SNS
 * failing leaves the organization without `topicArn` (logged): the topic is ensured again, by name,
 * by the first subscription or publish that needs it.
 */
export async function provisionTopic(
  deps: Deps,
  notify: NotifyDeps | undefined,
  organizationId: string,
): Promise<string | undefined> {
  if (!notify) return undefined;
  try {
    const topicArn = await ensureTopic(notify, organizationId);
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.organization(organizationId),
        UpdateExpression: 'SET topicArn = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': topicArn },
      }),
    );
    return topicArn;
  } catch (error) {
    logger.warn('organization topic not created', { organizationId, error });
    return undefined;
  }
}
