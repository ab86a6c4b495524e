/**
 * What the emulator remembers: topics, subscriptions and the local mailbox. In memory, and written to
 * `<dataDir>/sns-state.json` after every change when a data directory is given (a restart keeps it).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TopicRecord {
  readonly arn: string;
  readonly name: string;
  /** Attributes as set (DisplayName, KmsMasterKeyId, Policy, SignatureVersion, FifoTopic, …). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptionsDeleted: number;
  readonly createdAt: string;
}

export type Protocol = 'http' | 'https' | 'email' | 'email-json' | 'sms' | 'sqs';

export interface SubscriptionRecord {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: Protocol;
  readonly endpoint: string;
  readonly owner: string;
  pendingConfirmation: boolean;
  /** Confirmation token while pending (SNS accepts it in ConfirmSubscription or at SubscribeURL). */
  token?: string | undefined;
  confirmationWasAuthenticated: boolean;
  /** FilterPolicy, FilterPolicyScope, RawMessageDelivery, DeliveryPolicy, … as set. */
  attributes: Record<string, string>;
  readonly createdAt: string;
}

/** One message as it reached an email, email-json, sms or sqs endpoint. */
export interface MailboxEntry {
  /** The subscription endpoint: an address, a phone number or a queue ARN. */
  readonly to: string;
  readonly protocol: Protocol;
  readonly type: 'Notification' | 'SubscriptionConfirmation';
  readonly subject: string | null;
  /** The message text (for a confirmation: the text SNS sends, which includes the SubscribeURL). */
  readonly message: string;
  /** Message attributes in the notification format: `{ name: { Type, Value } }`. */
  readonly attributes: Record<string, { Type: string; Value: string }>;
  /** What the endpoint receives: the JSON envelope for email-json and sqs (unless raw), else the text. */
  readonly body: string;
  readonly topicArn: string;
  readonly subscriptionArn: string | null;
  readonly messageId: string;
  /** Confirmations only. */
  readonly token?: string;
  readonly subscribeUrl?: string;
  /**
   * email: the Reply-To the message asks for (its `replyTo` message attribute, the incident's reply
   * address; docs/inbound-email.md). SNS's own e-mail protocol cannot set the header in AWS.
   */
  readonly replyTo?: string;
  /** ISO timestamp. */
  readonly at: string;
}

interface PersistedState {
  readonly version: 1;
  readonly topics: TopicRecord[];
  readonly subscriptions: SubscriptionRecord[];
  readonly mailbox: MailboxEntry[];
}

const STATE_FILE = 'sns-state.json';
/** How long changes wait to be written together (see `Store.save`). */
export const SAVE_DELAY_MS = 50;

export class Store {
  readonly topics = new Map<string, TopicRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  mailbox: MailboxEntry[] = [];

  constructor(private readonly dataDir?: string) {
    if (!dataDir) return;
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, STATE_FILE);
    if (!existsSync(file)) return;
    const state = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
    if (state.version !== 1) throw new Error(`${file}: unsupported state version ${String(state.version)}`);
    for (const topic of state.topics) this.topics.set(topic.arn, topic);
    for (const subscription of state.subscriptions) this.subscriptions.set(subscription.arn, subscription);
    this.mailbox = state.mailbox;
  }

  private saveTimer: NodeJS.Timeout | undefined;

  /**
   * The state changed: written once, {@link SAVE_DELAY_MS} later. This store lives in the API's
   * process: a synchronous write of the whole (growing) mailbox on every delivery blocked every
   * request for as long; a burst of changes is now one write. `saveNow` on stop.
   */
  save(): void {
    if (!this.dataDir || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /** Writes the whole state now (write to a temporary file, then rename: never half a file). */
  saveNow(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.dataDir) return;
    const state: PersistedState = {
      version: 1,
      topics: [...this.topics.values()],
      subscriptions: [...this.subscriptions.values()],
      mailbox: this.mailbox,
    };
    const file = join(this.dataDir, STATE_FILE);
    writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  subscriptionsOf(topicArn: string): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((s) => s.topicArn === topicArn);
  }
}
