/**
 * The SNS operations Liaison uses, with SNS's validation, quotas and fan-out. One method per Action;
 * each takes the request parameters and returns the `<ActionResult>` content (or throws SnsError).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type DeliveryOutcome, deliverHttp } from './delivery.js';
import {
  filterPolicyLimitExceeded,
  invalidParameter,
  invalidParameterValue,
  notFound,
  resourceNotFound,
  SnsError,
} from './errors.js';
import {
  type FilterPolicy,
  FilterPolicyError,
  type MessageAttribute,
  matchesFilterPolicy,
  parseFilterPolicy,
} from './filter-policy.js';
import { type Params, type XmlObject, xmlMap } from './query.js';
import { type SigningKey, signMessage } from './signing.js';
import type { MailboxEntry, Protocol, Store, SubscriptionRecord, TopicRecord } from './state.js';

/** SNS quota: filter policies per topic (adjustable in AWS; fixed here). */
export const MAX_FILTER_POLICIES_PER_TOPIC = 200;
/**
 * SNS quota: filter policies per AWS account (10,000, adjustable). Enforced too, over every topic of
 * the emulator (it is one "account").
 */
export const MAX_FILTER_POLICIES_PER_ACCOUNT = 10_000;
/** SNS: a message (body plus attribute names, types and values) is at most 256 KiB. */
export const MAX_MESSAGE_BYTES = 262_144;
export const MAX_MESSAGE_ATTRIBUTES = 10;
export const MAX_BATCH_ENTRIES = 10;
export const MAX_TAGS = 50;
const PAGE_SIZE = 100;
/** SNS FIFO topics deduplicate within five minutes. */
const FIFO_DEDUP_MS = 5 * 60 * 1000;

export interface ServiceOptions {
  readonly region: string;
  readonly accountId: string;
  readonly store: Store;
  readonly signingKey: SigningKey;
  /** Base of SubscribeURL, UnsubscribeURL and SigningCertURL (known once the server listens). */
  readonly baseUrl: () => string;
  readonly retryDelaysMs: readonly number[];
  readonly deliveryTimeoutMs: number;
}

export interface RequestContext {
  /** True when the request carried an Authorization header (SDK calls; not a bare SubscribeURL GET). */
  readonly authenticated: boolean;
}

/** One HTTP/S delivery (notification or subscription confirmation) and how it ended. */
export interface DeliveryRecord extends DeliveryOutcome {
  readonly type: 'Notification' | 'SubscriptionConfirmation';
  readonly subscriptionArn: string;
  readonly endpoint: string;
  readonly messageId: string;
  readonly at: string;
}

export const SIGNING_CERT_PATH = '/SimpleNotificationService-local.pem';

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
const PROTOCOLS: readonly Protocol[] = ['http', 'https', 'email', 'email-json', 'sms', 'sqs'];
const UNSUPPORTED_PROTOCOLS = ['lambda', 'application', 'firehose'];
const TOPIC_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'FifoTopic',
  'ContentBasedDeduplication',
  'FifoThroughputScope',
  'ArchivePolicy',
  'DataProtectionPolicy',
]);
const FEEDBACK_ATTRIBUTE =
  /^(Application|Firehose|HTTP|Lambda|SQS)(Success|Failure)Feedback(RoleArn|SampleRate)$/;
const SUBSCRIPTION_ATTRIBUTES = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;

const messageTooLong = () => invalidParameter('Message too long');

function paginate<T>(items: readonly T[], token: string | undefined): { page: T[]; next?: string } {
  const start =
    token === undefined || token === '' ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString(), 10);
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken');
  const page = items.slice(start, start + PAGE_SIZE);
  const end = start + page.length;
  return end < items.length ? { page, next: Buffer.from(String(end)).toString('base64url') } : { page };
}

/** A published message after validation, ready to fan out. */
interface Outgoing {
  readonly messageId: string;
  readonly subject: string | undefined;
  /** The message per protocol (MessageStructure=json) or the same text for every protocol. */
  readonly messageFor: (protocol: Protocol) => string;
  readonly attributes: Record<string, MessageAttribute>;
  readonly timestamp: string;
}

interface Prepared {
  readonly messageId: string;
  readonly sequenceNumber?: string;
  /** Absent for a FIFO duplicate. */
  readonly outgoing?: Outgoing;
}

export class SnsService {
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly fifoSeen = new Map<string, { messageId: string; until: number }>();
  private sequence = 0n;
  /** HTTP/S deliveries, oldest first (the last 1,000). */
  readonly deliveries: DeliveryRecord[] = [];

  constructor(private readonly options: ServiceOptions) {}

  private get store(): Store {
    return this.options.store;
  }

  /** Runs one Action; undefined when the Action has no result element. */
  handle(action: string, params: Params, context: RequestContext): XmlObject | undefined {
    switch (action) {
      case 'CreateTopic':
        return this.createTopic(params);
      case 'DeleteTopic':
        return this.deleteTopic(params);
      case 'GetTopicAttributes':
        return this.getTopicAttributes(params);
      case 'SetTopicAttributes':
        return this.setTopicAttributes(params);
      case 'ListTopics':
        return this.listTopics(params);
      case 'TagResource':
        return this.tagResource(params);
      case 'UntagResource':
        return this.untagResource(params);
      case 'ListTagsForResource':
        return this.listTagsForResource(params);
      case 'Subscribe':
        return this.subscribe(params);
      case 'ConfirmSubscription':
        return this.confirmSubscription(params, context);
      case 'Unsubscribe':
        return this.unsubscribe(params, context);
      case 'GetSubscriptionAttributes':
        return this.getSubscriptionAttributes(params);
      case 'SetSubscriptionAttributes':
        return this.setSubscriptionAttributes(params);
      case 'ListSubscriptionsByTopic':
        return this.listSubscriptionsByTopic(params);
      case 'ListSubscriptions':
        return this.listSubscriptions(params);
      case 'Publish':
        return this.publish(params);
      case 'PublishBatch':
        return this.publishBatch(params);
      default:
        throw new SnsError('InvalidAction', `Could not find operation ${action} for version 2010-03-31`, 400);
    }
  }

  /** Resolves once every delivery under way (and any it started) has ended. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Aborts deliveries under way (they are recorded as failed) and waits for them. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.flush();
  }

  // ------------------------------------------------------------ topics

  private topicArn(name: string): string {
    return `arn:aws:sns:${this.options.region}:${this.options.accountId}:${name}`;
  }

  private topic(arn: string | undefined, parameter = 'TopicArn'): TopicRecord {
    if (arn === undefined || arn === '') throw invalidParameter(parameter);
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(arn)) {
      throw invalidParameter(
        `${parameter} Reason: An ARN must have format "arn:<partition>:<service>:<region>:<account-id>:<resource>"`,
      );
    }
    const topic = this.store.topics.get(arn);
    if (!topic) throw notFound('Topic does not exist');
    return topic;
  }

  private checkTopicAttribute(name: string, value: string, creating: boolean): void {
    if (!TOPIC_ATTRIBUTES.has(name) && !FEEDBACK_ATTRIBUTE.test(name)) {
      throw invalidParameter(`Attributes Reason: Unknown attribute ${name}`);
    }
    if (name === 'FifoTopic' && !creating)
      throw invalidParameter('AttributeName Reason: FifoTopic can only be set at creation');
    if (name === 'SignatureVersion' && value !== '1' && value !== '2') {
      throw invalidParameter('Attributes Reason: SignatureVersion must be 1 or 2');
    }
    if (name === 'TracingConfig' && value !== 'PassThrough' && value !== 'Active') {
      throw invalidParameter('Attributes Reason: TracingConfig must be PassThrough or Active');
    }
    if (
      (name === 'FifoTopic' || name === 'ContentBasedDeduplication') &&
      value !== 'true' &&
      value !== 'false'
    ) {
      throw invalidParameter(`Attributes Reason: ${name} must be true or false`);
    }
    if (
      ['Policy', 'DeliveryPolicy', 'ArchivePolicy', 'DataProtectionPolicy'].includes(name) &&
      value !== ''
    ) {
      try {
        JSON.parse(value);
      } catch {
        throw invalidParameter(`Attributes Reason: ${name}: not valid JSON`);
      }
    }
  }

  private checkTags(tags: Record<string, string>): void {
    for (const [key, value] of Object.entries(tags)) {
      if (key.length < 1 || key.length > 128 || key.startsWith('aws:'))
        throw invalidParameter(`Tags Reason: invalid tag key ${key}`);
      if (value.length > 256)
        throw invalidParameter(`Tags Reason: tag value of ${key} is longer than 256 characters`);
    }
    if (Object.keys(tags).length > MAX_TAGS) {
      throw new SnsError(
        'TagLimitExceeded',
        `Could not complete request: tag quota of per resource exceeded (${MAX_TAGS})`,
        400,
      );
    }
  }

  private createTopic(params: Params): XmlObject {
    const name = params.required('Name');
    const attributes = params.map('Attributes');
    const tags = Object.fromEntries(
      params.list('Tags').map((t) => [t.required('Key'), t.get('Value') ?? '']),
    );
    const fifo = attributes.FifoTopic === 'true';
    if (!(fifo ? FIFO_TOPIC_NAME : TOPIC_NAME).test(name)) {
      throw invalidParameter(
        fifo || name.endsWith('.fifo')
          ? 'Topic Name Reason: Fifo Topic names must end with .fifo and Standard Topic cannot end with .fifo'
          : 'Topic Name',
      );
    }
    for (const [key, value] of Object.entries(attributes)) this.checkTopicAttribute(key, value, true);
    this.checkTags(tags);

    const arn = this.topicArn(name);
    const existing = this.store.topics.get(arn);
    if (existing) {
      // Idempotent by name, like SNS, as long as the request does not ask for something different.
      if (Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? '') !== v)) {
        throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      }
      if (Object.entries(tags).some(([k, v]) => existing.tags[k] !== v)) {
        throw invalidParameter('Tags Reason: Topic already exists with different tags');
      }
      return { TopicArn: arn };
    }
    this.store.topics.set(arn, {
      arn,
      name,
      attributes,
      tags,
      subscriptionsDeleted: 0,
      createdAt: new Date().toISOString(),
    });
    this.store.save();
    return { TopicArn: arn };
  }

  private deleteTopic(params: Params): undefined {
    const arn = params.required('TopicArn');
    // SNS: deleting a topic that does not exist is not an error.
    if (this.store.topics.delete(arn)) {
      for (const subscription of this.store.subscriptionsOf(arn))
        this.store.subscriptions.delete(subscription.arn);
      this.store.save();
    }
    return undefined;
  }

  private defaultPolicy(arn: string): string {
    const account = this.options.accountId;
    return JSON.stringify({
      Version: '2008-10-17',
      Id: '__default_policy_ID',
      Statement: [
        {
          Sid: '__default_statement_ID',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: [
            'SNS:GetTopicAttributes',
            'SNS:SetTopicAttributes',
            'SNS:AddPermission',
            'SNS:RemovePermission',
            'SNS:DeleteTopic',
            'SNS:Subscribe',
            'SNS:ListSubscriptionsByTopic',
            'SNS:Publish',
          ],
          Resource: arn,
          Condition: { StringEquals: { 'AWS:SourceOwner': account } },
        },
      ],
    });
  }

  private getTopicAttributes(params: Params): XmlObject {
    const topic = this.topic(params.get('TopicArn'));
    const subscriptions = this.store.subscriptionsOf(topic.arn);
    const attributes: Record<string, string> = {
      TopicArn: topic.arn,
      Owner: this.options.accountId,
      Policy: this.defaultPolicy(topic.arn),
      DisplayName: '',
      SubscriptionsPending: String(subscriptions.filter((s) => s.pendingConfirmation).length),
      SubscriptionsConfirmed: String(subscriptions.filter((s) => !s.pendingConfirmation).length),
      SubscriptionsDeleted: String(topic.subscriptionsDeleted),
      EffectiveDeliveryPolicy: JSON.stringify({
        http: {
          defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3 },
          disableSubscriptionOverrides: false,
          defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
        },
      }),
      ...topic.attributes,
    };
    return { Attributes: xmlMap(attributes) };
  }

  private setTopicAttributes(params: Params): undefined {
    const topic = this.topic(params.get('TopicArn'));
    const name = params.required('AttributeName');
    const value = params.get('AttributeValue') ?? '';
    this.checkTopicAttribute(name, value, false);
    if (value === '') delete topic.attributes[name];
    else topic.attributes[name] = value;
    this.store.save();
    return undefined;
  }

  private listTopics(params: Params): XmlObject {
    const { page, next } = paginate([...this.store.topics.keys()].sort(), params.get('NextToken'));
    return { Topics: page.map((arn) => ({ TopicArn: arn })), NextToken: next };
  }

  private taggedTopic(params: Params): TopicRecord {
    const arn = params.required('ResourceArn');
    const topic = this.store.topics.get(arn);
    if (!topic) throw resourceNotFound('Resource does not exist');
    return topic;
  }

  private tagResource(params: Params): XmlObject {
    const topic = this.taggedTopic(params);
    const tags = { ...topic.tags };
    for (const tag of params.list('Tags')) tags[tag.required('Key')] = tag.get('Value') ?? '';
    this.checkTags(tags);
    topic.tags = tags;
    this.store.save();
    return {};
  }

  private untagResource(params: Params): XmlObject {
    const topic = this.taggedTopic(params);
    for (const key of params.list('TagKeys')) delete topic.tags[key.value() ?? ''];
    this.store.save();
    return {};
  }

  private listTagsForResource(params: Params): XmlObject {
    const topic = this.taggedTopic(params);
    return { Tags: Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value })) };
  }

  // ------------------------------------------------------------ subscriptions

  private subscription(arn: string | undefined): SubscriptionRecord {
    if (arn === undefined || arn === '' || !arn.startsWith('arn:')) throw invalidParameter('SubscriptionArn');
    const subscription = this.store.subscriptions.get(arn);
    if (!subscription) throw notFound('Subscription does not exist');
    return subscription;
  }

  private checkEndpoint(protocol: Protocol, endpoint: string): void {
    const bad = (): never => {
      throw invalidParameter(`Invalid ${protocol} endpoint: ${endpoint}`);
    };
    switch (protocol) {
      case 'http':
      case 'https':
        try {
          if (new URL(endpoint).protocol !== `${protocol}:`) bad();
        } catch {
          bad();
        }
        return;
      case 'email':
      case 'email-json':
        if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) bad();
        return;
      case 'sms':
        if (!/^\+?[0-9]{5,15}$/.test(endpoint.replace(/[\s()-]/g, ''))) bad();
        return;
      case 'sqs':
        if (!/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+(\.fifo)?$/.test(endpoint)) {
          throw invalidParameter('SQS endpoint ARN');
        }
        return;
    }
  }

  /** Validates subscription attributes (names, values, and the filter policy's syntax and limits). */
  private checkSubscriptionAttributes(protocol: Protocol, attributes: Record<string, string>): void {
    for (const [name, value] of Object.entries(attributes)) {
      if (!SUBSCRIPTION_ATTRIBUTES.has(name))
        throw invalidParameter(`Attributes Reason: Unknown attribute ${name}`);
      if (name === 'RawMessageDelivery') {
        if (value !== 'true' && value !== 'false')
          throw invalidParameter('Attributes Reason: RawMessageDelivery: Invalid value');
        if (!['http', 'https', 'sqs'].includes(protocol) && value === 'true') {
          throw invalidParameter(
            `Attributes Reason: Delivery protocol [${protocol}] does not support raw message delivery.`,
          );
        }
      }
      if (name === 'FilterPolicyScope' && value !== 'MessageAttributes') {
        throw invalidParameter(
          value === 'MessageBody'
            ? 'Attributes Reason: FilterPolicyScope MessageBody is not supported by the local SNS emulator'
            : 'Attributes Reason: FilterPolicyScope: Invalid value',
        );
      }
      if (name === 'FilterPolicy') {
        try {
          parseFilterPolicy(value);
        } catch (error) {
          if (error instanceof FilterPolicyError) throw invalidParameter(`FilterPolicy: ${error.message}`);
          throw error;
        }
      }
    }
  }

  private static hasFilterPolicy(subscription: Pick<SubscriptionRecord, 'attributes'>): boolean {
    const policy = subscription.attributes.FilterPolicy;
    return policy !== undefined && parseFilterPolicy(policy) !== undefined;
  }

  /** SNS's filter policy quotas, checked when `subscription` (new or updated) gets a policy. */
  private checkFilterPolicyQuota(topicArn: string, excluding?: string): void {
    const withPolicy = [...this.store.subscriptions.values()].filter(
      (s) => s.arn !== excluding && SnsService.hasFilterPolicy(s),
    );
    if (withPolicy.filter((s) => s.topicArn === topicArn).length >= MAX_FILTER_POLICIES_PER_TOPIC) {
      throw filterPolicyLimitExceeded(
        `Filter policy limit exceeded: a topic can have at most ${MAX_FILTER_POLICIES_PER_TOPIC} filter policies`,
      );
    }
    if (withPolicy.length >= MAX_FILTER_POLICIES_PER_ACCOUNT) {
      throw filterPolicyLimitExceeded(
        `Filter policy limit exceeded: an account can have at most ${MAX_FILTER_POLICIES_PER_ACCOUNT} filter policies`,
      );
    }
  }

  private subscribe(params: Params): XmlObject {
    const topic = this.topic(params.get('TopicArn'));
    const rawProtocol = params.required('Protocol').toLowerCase();
    if (!PROTOCOLS.includes(rawProtocol as Protocol)) {
      throw invalidParameter(
        UNSUPPORTED_PROTOCOLS.includes(rawProtocol)
          ? `Protocol ${rawProtocol} is not supported by the local SNS emulator`
          : `Amazon SNS does not support this protocol string: ${rawProtocol}`,
      );
    }
    const protocol = rawProtocol as Protocol;
    const endpoint = params.required('Endpoint');
    this.checkEndpoint(protocol, endpoint);
    const attributes = params.map('Attributes');
    this.checkSubscriptionAttributes(protocol, attributes);
    const returnArn = params.bool('ReturnSubscriptionArn');

    const existing = this.store
      .subscriptionsOf(topic.arn)
      .find((s) => s.protocol === protocol && s.endpoint === endpoint);
    if (existing) {
      if (Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? '') !== v)) {
        throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
      }
      if (existing.pendingConfirmation) this.sendConfirmation(topic, existing);
      return {
        SubscriptionArn: existing.pendingConfirmation && !returnArn ? 'pending confirmation' : existing.arn,
      };
    }
    if (SnsService.hasFilterPolicy({ attributes })) this.checkFilterPolicyQuota(topic.arn);

    const needsConfirmation = protocol === 'http' || protocol === 'https' || protocol.startsWith('email');
    const subscription: SubscriptionRecord = {
      arn: `${topic.arn}:${randomUUID()}`,
      topicArn: topic.arn,
      protocol,
      endpoint,
      owner: this.options.accountId,
      pendingConfirmation: needsConfirmation,
      token: needsConfirmation ? randomBytes(64).toString('hex') : undefined,
      confirmationWasAuthenticated: !needsConfirmation,
      attributes,
      createdAt: new Date().toISOString(),
    };
    this.store.subscriptions.set(subscription.arn, subscription);
    this.store.save();
    if (needsConfirmation) this.sendConfirmation(topic, subscription);
    return { SubscriptionArn: needsConfirmation && !returnArn ? 'pending confirmation' : subscription.arn };
  }

  private confirmSubscription(params: Params, context: RequestContext): XmlObject {
    const topic = this.topic(params.get('TopicArn'));
    const token = params.required('Token');
    const subscription = this.store
      .subscriptionsOf(topic.arn)
      .find((s) => s.token !== undefined && s.token === token);
    if (!subscription) throw invalidParameter('Invalid token');
    if (subscription.pendingConfirmation) {
      subscription.pendingConfirmation = false;
      subscription.confirmationWasAuthenticated = context.authenticated;
      if (params.bool('AuthenticateOnUnsubscribe'))
        subscription.attributes.AuthenticateOnUnsubscribe = 'true';
      this.store.save();
    }
    return { SubscriptionArn: subscription.arn };
  }

  private unsubscribe(params: Params, context: RequestContext): undefined {
    const subscription = this.subscription(params.get('SubscriptionArn'));
    if (subscription.attributes.AuthenticateOnUnsubscribe === 'true' && !context.authenticated) {
      throw new SnsError(
        'AuthorizationError',
        'Unsubscribe requires authentication for this subscription',
        403,
      );
    }
    this.store.subscriptions.delete(subscription.arn);
    const topic = this.store.topics.get(subscription.topicArn);
    if (topic) topic.subscriptionsDeleted++;
    this.store.save();
    return undefined;
  }

  private getSubscriptionAttributes(params: Params): XmlObject {
    const s = this.subscription(params.get('SubscriptionArn'));
    const { AuthenticateOnUnsubscribe: _internal, ...settable } = s.attributes;
    const attributes: Record<string, string> = {
      SubscriptionArn: s.arn,
      TopicArn: s.topicArn,
      Owner: s.owner,
      Protocol: s.protocol,
      Endpoint: s.endpoint,
      PendingConfirmation: String(s.pendingConfirmation),
      ConfirmationWasAuthenticated: String(s.confirmationWasAuthenticated),
      RawMessageDelivery: 'false',
      ...settable,
    };
    if (attributes.FilterPolicy !== undefined) attributes.FilterPolicyScope ??= 'MessageAttributes';
    return { Attributes: xmlMap(attributes) };
  }

  private setSubscriptionAttributes(params: Params): undefined {
    const subscription = this.subscription(params.get('SubscriptionArn'));
    const name = params.required('AttributeName');
    const value = params.get('AttributeValue') ?? '';
    this.checkSubscriptionAttributes(subscription.protocol, { [name]: value });
    if (name === 'FilterPolicy' && parseFilterPolicy(value) !== undefined) {
      this.checkFilterPolicyQuota(subscription.topicArn, subscription.arn);
    }
    if (value === '') delete subscription.attributes[name];
    else subscription.attributes[name] = value;
    this.store.save();
    return undefined;
  }

  private static listed(s: SubscriptionRecord): XmlObject {
    return {
      SubscriptionArn: s.pendingConfirmation ? 'PendingConfirmation' : s.arn,
      Owner: s.owner,
      Protocol: s.protocol,
      Endpoint: s.endpoint,
      TopicArn: s.topicArn,
    };
  }

  private listSubscriptionsByTopic(params: Params): XmlObject {
    const topic = this.topic(params.get('TopicArn'));
    const { page, next } = paginate(this.store.subscriptionsOf(topic.arn), params.get('NextToken'));
    return { Subscriptions: page.map(SnsService.listed), NextToken: next };
  }

  private listSubscriptions(params: Params): XmlObject {
    const { page, next } = paginate([...this.store.subscriptions.values()], params.get('NextToken'));
    return { Subscriptions: page.map(SnsService.listed), NextToken: next };
  }

  // ------------------------------------------------------------ publishing

  private readAttributes(params: Params): Record<string, MessageAttribute> {
    const entries = params.entries('MessageAttributes', 'Name');
    if (entries.length > MAX_MESSAGE_ATTRIBUTES) {
      throw invalidParameterValue(
        `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
      );
    }
    const out: Record<string, MessageAttribute> = {};
    for (const { key: name, value } of entries) {
      if (
        !ATTRIBUTE_NAME.test(name) ||
        /^(AWS\.|Amazon\.)/i.test(name) ||
        name.includes('..') ||
        name.startsWith('.') ||
        name.endsWith('.')
      ) {
        throw invalidParameterValue(`The message attribute name '${name}' is invalid.`);
      }
      const DataType = value.get('Value.DataType') ?? '';
      const base = DataType === 'String.Array' ? 'String.Array' : DataType.split('.')[0];
      if (base !== 'String' && base !== 'Number' && base !== 'Binary' && base !== 'String.Array') {
        throw invalidParameterValue(
          `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
        );
      }
      const StringValue = value.get('Value.StringValue');
      const binary = value.get('Value.BinaryValue');
      const missing = () =>
        invalidParameterValue(
          `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${DataType}'.`,
        );
      if (base === 'Binary') {
        if (binary === undefined || binary === '') throw missing();
        out[name] = { DataType, BinaryValue: Buffer.from(binary, 'base64') };
        continue;
      }
      if (StringValue === undefined || StringValue === '') throw missing();
      if (base === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(StringValue.trim())) {
        throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
      }
      if (base === 'String.Array') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(StringValue);
        } catch {
          parsed = undefined;
        }
        const ok =
          Array.isArray(parsed) &&
          parsed.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
        if (!ok) {
          throw invalidParameterValue(
            `The message attribute '${name}' with type 'String.Array' must be a JSON array of strings, numbers, booleans or null.`,
          );
        }
      }
      out[name] = { DataType, StringValue };
    }
    return out;
  }

  /** Validates one message (Publish or a PublishBatch entry) for `topic`; throws SnsError. */
  private prepare(topic: TopicRecord, params: Params): Prepared {
    const message = params.get('Message');
    if (message === undefined || message === '') throw invalidParameter('Empty message');
    const subject = params.get('Subject');
    if (subject !== undefined) {
      // SNS: ASCII, no line breaks or control characters, at most 100 characters.
      if (subject === '' || subject.length > 100 || /[^\x20-\x7e]/.test(subject))
        throw invalidParameter('Subject');
    }
    const attributes = this.readAttributes(params);
    let size = Buffer.byteLength(message);
    for (const [name, a] of Object.entries(attributes)) {
      size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
      size += a.BinaryValue ? a.BinaryValue.length : Buffer.byteLength(a.StringValue ?? '');
    }
    if (size > MAX_MESSAGE_BYTES) throw messageTooLong();

    let messageFor: (protocol: Protocol) => string = () => message;
    const structure = params.get('MessageStructure');
    if (structure !== undefined && structure !== '') {
      if (structure !== 'json') throw invalidParameter('MessageStructure');
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        throw invalidParameter('Message Structure - JSON message body failed to parse');
      }
      if (
        parsed === null ||
        typeof parsed !== 'object' ||
        typeof (parsed as { default?: unknown }).default !== 'string'
      ) {
        throw invalidParameter('Message Structure - No default entry in JSON message body');
      }
      const perProtocol = parsed as Record<string, unknown>;
      messageFor = (protocol) => {
        const specific = perProtocol[protocol];
        return typeof specific === 'string' ? specific : String(perProtocol.default);
      };
    }

    const fifo = topic.attributes.FifoTopic === 'true';
    const groupId = params.get('MessageGroupId');
    let dedupId = params.get('MessageDeduplicationId');
    if (fifo) {
      if (!groupId) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
      if (!dedupId) {
        if (topic.attributes.ContentBasedDeduplication !== 'true') {
          throw invalidParameter(
            'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
          );
        }
        dedupId = createHash('sha256').update(message).digest('hex'); // as SNS: SHA-256 of the body
      }
    }
    // Standard topics: MessageDeduplicationId is ignored.

    const now = Date.now();
    if (fifo && dedupId) {
      const key = `${topic.arn}\n${dedupId}`;
      const seen = this.fifoSeen.get(key);
      // A duplicate within five minutes: accepted with the first MessageId, delivered to nobody.
      if (seen && seen.until > now) return { messageId: seen.messageId };
      const messageId = randomUUID();
      this.fifoSeen.set(key, { messageId, until: now + FIFO_DEDUP_MS });
      this.sequence++;
      const sequenceNumber = (10n ** 19n + this.sequence).toString(); // increasing, 20 digits
      return {
        messageId,
        sequenceNumber,
        outgoing: { messageId, subject, messageFor, attributes, timestamp: new Date(now).toISOString() },
      };
    }
    const messageId = randomUUID();
    return {
      messageId,
      outgoing: { messageId, subject, messageFor, attributes, timestamp: new Date(now).toISOString() },
    };
  }

  private publish(params: Params): XmlObject {
    if (params.get('PhoneNumber'))
      throw invalidParameter('PhoneNumber: direct SMS is not supported by the local SNS emulator');
    const arn = params.get('TopicArn') ?? params.get('TargetArn');
    const topic = this.topic(arn, params.get('TopicArn') === undefined ? 'TargetArn' : 'TopicArn');
    const prepared = this.prepare(topic, params);
    if (prepared.outgoing) this.fanOut(topic, prepared.outgoing);
    return { MessageId: prepared.messageId, SequenceNumber: prepared.sequenceNumber };
  }

  private publishBatch(params: Params): XmlObject {
    const topic = this.topic(params.get('TopicArn'));
    const entries = params.list('PublishBatchRequestEntries');
    if (entries.length === 0)
      throw new SnsError('EmptyBatchRequest', "The batch request doesn't contain any entries", 400);
    if (entries.length > MAX_BATCH_ENTRIES) {
      throw new SnsError(
        'TooManyEntriesInBatchRequest',
        `The batch request contains more entries than permissible (${MAX_BATCH_ENTRIES}).`,
        400,
      );
    }
    const ids = entries.map((e) => e.get('Id') ?? '');
    for (const id of ids) {
      if (!BATCH_ENTRY_ID.test(id)) {
        throw new SnsError(
          'InvalidBatchEntryId',
          `The Id of a batch entry in a batch request doesn't abide by the specification: ${id}`,
          400,
        );
      }
    }
    if (new Set(ids).size !== ids.length) {
      throw new SnsError(
        'BatchEntryIdsNotDistinct',
        'Two or more batch entries in the request have the same Id.',
        400,
      );
    }
    const total = entries.reduce((sum, e) => sum + Buffer.byteLength(e.get('Message') ?? ''), 0);
    if (total > MAX_MESSAGE_BYTES) {
      throw new SnsError(
        'BatchRequestTooLong',
        'The length of all the messages put together is more than the limit.',
        400,
      );
    }
    const Successful: XmlObject[] = [];
    const Failed: XmlObject[] = [];
    entries.forEach((entry, i) => {
      const Id = ids[i] ?? '';
      try {
        const prepared = this.prepare(topic, entry);
        if (prepared.outgoing) this.fanOut(topic, prepared.outgoing);
        Successful.push({ Id, MessageId: prepared.messageId, SequenceNumber: prepared.sequenceNumber });
      } catch (error) {
        if (!(error instanceof SnsError)) throw error;
        Failed.push({ Id, Code: error.code, Message: error.message, SenderFault: error.type === 'Sender' });
      }
    });
    return { Successful, Failed };
  }

  // ------------------------------------------------------------ delivery

  private urls(topicArn: string) {
    const base = this.options.baseUrl();
    return {
      signingCert: `${base}${SIGNING_CERT_PATH}`,
      subscribe: (token: string) =>
        `${base}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
      unsubscribe: (subscriptionArn: string) =>
        `${base}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
    };
  }

  private signatureVersion(topic: TopicRecord): '1' | '2' {
    // AWS defaults to "1" (SHA1withRSA); Liaison's topics use "2", so the emulator defaults to "2".
    return topic.attributes.SignatureVersion === '1' ? '1' : '2';
  }

  private signed<T extends Record<string, unknown>>(topic: TopicRecord, unsigned: T, certUrl: string) {
    const SignatureVersion = this.signatureVersion(topic);
    return {
      ...unsigned,
      SignatureVersion,
      Signature: signMessage(unsigned, SignatureVersion, this.options.signingKey),
      SigningCertURL: certUrl,
    };
  }

  private sendConfirmation(topic: TopicRecord, subscription: SubscriptionRecord): void {
    const urls = this.urls(topic.arn);
    const token = subscription.token ?? '';
    const subscribeUrl = urls.subscribe(token);
    const messageId = randomUUID();
    const text = subscription.protocol.startsWith('email')
      ? `You have chosen to subscribe to the topic:\n${topic.arn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n${subscribeUrl}`
      : `You have chosen to subscribe to the topic ${topic.arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;
    const unsigned = {
      Type: 'SubscriptionConfirmation',
      MessageId: messageId,
      Token: token,
      TopicArn: topic.arn,
      Message: text,
      SubscribeURL: subscribeUrl,
      Timestamp: new Date().toISOString(),
    };
    const envelope = this.signed(topic, unsigned, urls.signingCert);
    if (subscription.protocol === 'http' || subscription.protocol === 'https') {
      this.post(subscription, 'SubscriptionConfirmation', messageId, JSON.stringify(envelope, null, 2), {
        'x-amz-sns-message-type': 'SubscriptionConfirmation',
        'x-amz-sns-message-id': messageId,
        'x-amz-sns-topic-arn': topic.arn,
      });
      return;
    }
    this.toMailbox({
      to: subscription.endpoint,
      protocol: subscription.protocol,
      type: 'SubscriptionConfirmation',
      subject: 'AWS Notification - Subscription Confirmation',
      message: text,
      attributes: {},
      body: subscription.protocol === 'email-json' ? JSON.stringify(envelope, null, 2) : text,
      topicArn: topic.arn,
      subscriptionArn: null,
      messageId,
      token,
      subscribeUrl,
      at: unsigned.Timestamp,
    });
  }

  private fanOut(topic: TopicRecord, outgoing: Outgoing): void {
    const policies = new Map<string, FilterPolicy | undefined>();
    const notificationAttributes = Object.fromEntries(
      Object.entries(outgoing.attributes).map(([name, a]) => [
        name,
        {
          Type: a.DataType,
          Value: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : (a.StringValue ?? ''),
        },
      ]),
    );
    const urls = this.urls(topic.arn);
    for (const subscription of this.store.subscriptionsOf(topic.arn)) {
      if (subscription.pendingConfirmation) continue;
      const raw = subscription.attributes.FilterPolicy;
      if (raw !== undefined) {
        if (!policies.has(raw)) policies.set(raw, parseFilterPolicy(raw));
        const policy = policies.get(raw);
        if (policy && !matchesFilterPolicy(policy, outgoing.attributes)) continue;
      }
      const message = outgoing.messageFor(subscription.protocol);
      const unsigned = {
        Type: 'Notification',
        MessageId: outgoing.messageId,
        TopicArn: topic.arn,
        ...(outgoing.subject !== undefined ? { Subject: outgoing.subject } : {}),
        Message: message,
        Timestamp: outgoing.timestamp,
      };
      const envelope = {
        ...this.signed(topic, unsigned, urls.signingCert),
        UnsubscribeURL: urls.unsubscribe(subscription.arn),
        ...(Object.keys(notificationAttributes).length > 0
          ? { MessageAttributes: notificationAttributes }
          : {}),
      };
      const rawDelivery = subscription.attributes.RawMessageDelivery === 'true';
      const body = rawDelivery ? message : JSON.stringify(envelope, null, 2);
      if (subscription.protocol === 'http' || subscription.protocol === 'https') {
        this.post(subscription, 'Notification', outgoing.messageId, body, {
          'x-amz-sns-message-type': 'Notification',
          'x-amz-sns-message-id': outgoing.messageId,
          'x-amz-sns-topic-arn': topic.arn,
          'x-amz-sns-subscription-arn': subscription.arn,
          ...(rawDelivery ? { 'x-amz-sns-rawdelivery': 'true' } : {}),
        });
        continue;
      }
      const email = subscription.protocol === 'email';
      this.toMailbox({
        to: subscription.endpoint,
        protocol: subscription.protocol,
        type: 'Notification',
        subject:
          subscription.protocol === 'sms'
            ? null
            : (outgoing.subject ?? (email ? 'AWS Notification Message' : null)),
        message,
        attributes: notificationAttributes,
        body: email || subscription.protocol === 'sms' ? message : body,
        topicArn: topic.arn,
        subscriptionArn: subscription.arn,
        messageId: outgoing.messageId,
        ...(email && notificationAttributes.replyTo ? { replyTo: notificationAttributes.replyTo.Value } : {}),
        at: outgoing.timestamp,
      });
    }
  }

  private toMailbox(entry: MailboxEntry): void {
    this.store.mailbox.push(entry);
    this.store.save();
  }

  private post(
    subscription: SubscriptionRecord,
    type: DeliveryRecord['type'],
    messageId: string,
    body: string,
    snsHeaders: Record<string, string>,
  ): void {
    const headers = {
      'content-type': 'text/plain; charset=UTF-8',
      'user-agent': 'Amazon Simple Notification Service Agent',
      ...snsHeaders,
    };
    const delivery = deliverHttp(subscription.endpoint, headers, body, {
      retryDelaysMs: this.options.retryDelaysMs,
      timeoutMs: this.options.deliveryTimeoutMs,
      signal: this.abort.signal,
    }).then((outcome) => {
      this.deliveries.push({
        ...outcome,
        type,
        subscriptionArn: subscription.arn,
        endpoint: subscription.endpoint,
        messageId,
        at: new Date().toISOString(),
      });
      if (this.deliveries.length > 1000) this.deliveries.splice(0, this.deliveries.length - 1000);
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }
}
