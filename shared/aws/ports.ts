/**
 * The two AWS services the domain talks to, as ports (pure types: no `@aws-sdk` import). The
 * SDK-backed implementations are `snsPublisher` (shared/aws/sns.ts) and `eventBridgeSchedules`
 * (shared/aws/scheduler.ts), built once per process by `shared/deps.ts`; unit tests pass the
 * in-memory ones of `test/helpers/memory/ports.ts`.
 */

// ---------------------------------------------------------------- SNS

/** One message to one topic. */
export interface Publication {
  /** The organization's topic, as stored on the organization (`topicArn`). */
  readonly topicArn: string;
  /** SNS Subject: ASCII, one line, under 100 characters (`snsSubject`). */
  readonly subject: string;
  /** The message body (JSON). */
  readonly message: string;
  /**
   * Message attributes; an array is sent as `String.Array` (the subscriptions' filter policies
   * match `recipients`), a string as `String`.
   */
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
}

/** A subscription of one endpoint to a topic, filtered on the `recipients` message attribute. */
export interface SubscriptionRequest {
  readonly topicArn: string;
  /** SNS protocol: email, sms, http, https, sqs. */
  readonly protocol: string;
  readonly endpoint: string;
  /** The FilterPolicy (MessageAttributes scope). */
  readonly filterPolicy: string;
}

export interface Publisher {
  /**
   * One Publish. `topic-not-found` when the topic no longer exists (deleted out of band): the caller
   * creates it again and retries; any other failure throws.
   */
  publish(publication: Publication): Promise<'published' | 'topic-not-found'>;
  /**
   * Creates (or finds, by name: CreateTopic is idempotent) the organization's topic: encrypted,
   * signature v2, TLS only, tagged. Two control-plane calls (CreateTopic + SetTopicAttributes, low
   * rate limits): made when an organization is set up, never before a Publish.
   */
  createTopic(organizationId: string): Promise<string>;
  /** Subscribes an endpoint; returns the subscription ARN (`pending confirmation` until confirmed). */
  subscribe(request: SubscriptionRequest): Promise<string>;
  unsubscribe(subscriptionArn: string): Promise<void>;
  /** Whether the endpoint has not confirmed the subscription yet. */
  pendingConfirmation(subscriptionArn: string): Promise<boolean>;
}

/** What a service that manages topics or publishes needs (`Deps & NotifyDeps` with the table). */
export interface NotifyDeps {
  readonly publisher: Publisher;
  /**
   * The domain of incident reply addresses (`inc-<id>+<token>@<domain>`, docs/inbound-email.md):
   * set when inbound e-mail is on; an incident's messages then carry `replyTo`.
   */
  readonly replyDomain?: string | undefined;
}

// ---------------------------------------------------------------- blobs (S3)

/**
 * Bytes kept outside the table: raw inbound messages and their attachments. S3 in AWS (the inbound
 * bucket, `shared/aws/s3.ts`), files under `.liaison/inbound/` locally (`infra/local/blobs.ts`).
 */
export interface BlobStore {
  /** Stores the bytes under `key` (an existing key is overwritten: keys are content hashes). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under `key`; undefined when there are none. */
  get(key: string): Promise<Uint8Array | undefined>;
}

/** What receiving e-mail needs besides the table. */
export interface InboundDeps {
  readonly blobs: BlobStore;
  /**
   * The evidence bucket: a recorded message's attachments are copied there and registered as
   * evidence items (docs/inbound-email.md). Absent (a store-less test): they stay blobs only.
   */
  readonly evidence?: ObjectStore | undefined;
  /** The domain of the reply addresses (context `inboundEmailDomain`). */
  readonly domain: string;
}

// ---------------------------------------------------------------- EventBridge Scheduler

/** How often Scheduler retries a failed invocation before it sends the event to the DLQ. */
export interface RetryPolicy {
  readonly MaximumRetryAttempts: number;
  readonly MaximumEventAgeInSeconds: number;
}

/**
 * A scheduled function: the `name` of an entry of SCHEDULED_FUNCTIONS (infra/functions.ts), which
 * the CDK maps to its Lambda ARN in LIAISON_TARGETS. Checked at run time against that map.
 */
export type TargetName = string;

export interface OneTimeSchedule {
  /** From `scheduleName` (shared/scheduling/schedules.ts): the identity of this firing. */
  readonly name: string;
  /**
   * When to fire (UTC). Scheduler's `at()` has whole seconds: an instant with milliseconds fires at
   * the NEXT whole second (`fireInstant`), never before. Announce `fireInstant(at)`.
   */
  readonly at: Date;
  readonly target: TargetName;
  /** The target function's event (JSON-serialisable). */
  readonly payload: unknown;
  readonly retryPolicy?: RetryPolicy;
  readonly description?: string;
}

export interface Schedules {
  /** Creates the one-time `at()` schedule; idempotent by name (`created: false` when it exists). */
  create(schedule: OneTimeSchedule): Promise<{ readonly created: boolean }>;
  /** Deletes it; idempotent (`deleted: false` when there is none of that name). */
  delete(name: string): Promise<{ readonly deleted: boolean }>;
}

/**
 * What a service that creates or deletes schedules needs. Separate from the domain's `Deps`: a
 * function that does not schedule never builds the client nor reads the scheduling configuration.
 */
export interface SchedulingDeps {
  readonly schedules: Schedules;
}

// ---------------------------------------------------------------- S3 (the evidence bucket)

/** What the bucket reports about the stored object (HeadObject). */
export interface StoredObject {
  /** The object version (S3 versioning is on for the evidence bucket). */
  readonly versionId: string | undefined;
  readonly size: number;
  /** ChecksumSHA256 S3 verified at upload, as hex; undefined when the uploader sent none. */
  readonly sha256: string | undefined;
}

/** A presigned request: the URL and the headers the client must send with it (they are signed). */
export interface PresignedRequest {
  readonly method: 'PUT' | 'GET';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

export interface ObjectStore {
  /** The bucket's name (recorded as the item's storage location). */
  readonly bucket: string;
  /** A presigned PutObject that S3 accepts only with this SHA-256 (hex) and length. */
  presignPut(
    key: string,
    upload: { sha256: string; size: number; contentType: string },
  ): Promise<PresignedRequest>;
  /** A presigned GetObject of one version, offered as a download named `filename`. */
  presignGet(key: string, versionId: string | undefined, filename: string): Promise<PresignedRequest>;
  /**
   * PutObject of bytes the service already holds (an inbound e-mail's attachment), refused by S3
   * unless they match `sha256` (hex); the version it wrote.
   */
  put(
    key: string,
    bytes: Uint8Array,
    upload: { sha256: string; contentType: string },
  ): Promise<{ versionId: string | undefined }>;
  /** HeadObject (latest version); undefined when there is none. */
  head(key: string): Promise<StoredObject | undefined>;
  /** Reads the version and hashes it (when S3 kept no checksum): hex SHA-256. */
  sha256Of(key: string, versionId: string | undefined): Promise<string>;
  /** PutObjectLegalHold ON/OFF on one version. */
  setLegalHold(key: string, versionId: string | undefined, on: boolean): Promise<void>;
  /**
   * Deletes one version (GOVERNANCE retention bypassed: the register decides); `locked` when Object
   * Lock refuses (a legal hold, or COMPLIANCE retention).
   */
  deleteVersion(key: string, versionId: string | undefined): Promise<'deleted' | 'locked'>;
}

/** What a service that stores or serves evidence files needs (routes with `uses: ['s3']`). */
export interface ObjectStoreDeps {
  readonly objects: ObjectStore;
}
