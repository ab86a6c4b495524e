/**
 * The only module that reads `process.env`. Values are read once, at cold start, and a missing
 * required value fails the cold start with a message naming it.
 */
import { REGIME_IDS, SECTORS } from './model/regimes.js';
import { parseTimeframe } from './model/timeframe.js';

export interface Config {
  /** DynamoDB table holding every Liaison item (single-table design). */
  readonly tableName: string;
  /** AWS region used by the SDK clients. */
  readonly region: string;
  /** Endpoint overrides used by the local stack (undefined in AWS). */
  readonly endpoints: {
    readonly dynamodb?: string;
    readonly sns?: string;
    readonly scheduler?: string;
    readonly s3?: string;
  };
  /** Largest accepted request body in bytes (413 above it). */
  readonly maxBodyBytes: number;
  /** True when running inside the local stack (allows plain http:// webhooks, etc.). */
  readonly local: boolean;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new Error(`Liaison configuration: environment variable ${name} is required`);
  }
  return value;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`Liaison configuration: ${name} must be a positive integer, got "${raw}"`);
  }
  return n;
}

/** What every SDK client needs; needs no table (a function with table access NONE may publish). */
export type AwsConfig = Pick<Config, 'region' | 'endpoints'>;

export function readAwsConfig(env: NodeJS.ProcessEnv = process.env): AwsConfig {
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoints: {
      dynamodb: env.LIAISON_DYNAMODB_ENDPOINT || undefined,
      sns: env.LIAISON_SNS_ENDPOINT || undefined,
      scheduler: env.LIAISON_SCHEDULER_ENDPOINT || undefined,
      s3: env.LIAISON_S3_ENDPOINT || undefined,
    },
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: required(env, 'LIAISON_TABLE_NAME'),
    ...readAwsConfig(env),
    maxBodyBytes: positiveInt(env, 'LIAISON_MAX_BODY_BYTES', 64 * 1024),
    local: env.LIAISON_LOCAL === 'true',
  };
}

let cached: Config | undefined;

/** The process-wide configuration, read on first use and then kept. */
export function config(): Config {
  cached ??= readConfig();
  return cached;
}

let cachedAws: AwsConfig | undefined;

/** Region and endpoint overrides, read on first use and then kept. */
export function awsConfig(): AwsConfig {
  cachedAws ??= readAwsConfig();
  return cachedAws;
}

// ---------------------------------------------------------------- scheduling and topics
// Read once, on first use, by the functions that schedule or publish only (the CDK sets these
// variables on exactly those functions, see infra/constructs/messaging.ts): a function that does
// neither never reads them and needs none of them.

/** EventBridge Scheduler settings of a function whose route (or job) `uses` 'scheduler'. */
export interface SchedulingConfig {
  /** Schedule group every Liaison schedule is created in (`LIAISON_SCHEDULE_GROUP`). */
  readonly group: string;
  /** Role Scheduler assumes to invoke the target (`LIAISON_SCHEDULER_ROLE_ARN`). */
  readonly roleArn: string;
  /** SQS queue receiving firings whose retries are exhausted (`LIAISON_SCHEDULER_DLQ_ARN`). */
  readonly deadLetterArn: string;
  /** Scheduled function name → Lambda ARN (`LIAISON_TARGETS`, a JSON object). */
  readonly targets: Readonly<Record<string, string>>;
}

const ARN = /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+$/;

function arn(env: NodeJS.ProcessEnv, name: string): string {
  const value = required(env, name);
  if (!ARN.test(value)) throw new Error(`Liaison configuration: ${name} must be an ARN, got "${value}"`);
  return value;
}

export function readSchedulingConfig(env: NodeJS.ProcessEnv = process.env): SchedulingConfig {
  const group = required(env, 'LIAISON_SCHEDULE_GROUP');
  if (!/^[0-9A-Za-z_.-]{1,64}$/.test(group)) {
    throw new Error(`Liaison configuration: LIAISON_SCHEDULE_GROUP is not a schedule group name: "${group}"`);
  }
  const rawTargets = required(env, 'LIAISON_TARGETS');
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawTargets);
  } catch {
    throw new Error('Liaison configuration: LIAISON_TARGETS must be a JSON object (name → Lambda ARN)');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('Liaison configuration: LIAISON_TARGETS must be a JSON object (name → Lambda ARN)');
  }
  const targets: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || !/^arn:[a-z-]+:lambda:/.test(value)) {
      throw new Error(`Liaison configuration: LIAISON_TARGETS.${name} must be a Lambda ARN`);
    }
    targets[name] = value;
  }
  return {
    group,
    roleArn: arn(env, 'LIAISON_SCHEDULER_ROLE_ARN'),
    deadLetterArn: arn(env, 'LIAISON_SCHEDULER_DLQ_ARN'),
    targets,
  };
}

let cachedScheduling: SchedulingConfig | undefined;

/** Is this process configured to schedule (`LIAISON_SCHEDULE_GROUP` set)? A local stack may run without. */
export function schedulingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.LIAISON_SCHEDULE_GROUP);
}

/** Scheduling settings, read and validated on first use (by a function that schedules). */
export function schedulingConfig(): SchedulingConfig {
  cachedScheduling ??= readSchedulingConfig();
  return cachedScheduling;
}

/** SNS settings of a function whose route (or job) `uses` 'sns'. */
export interface TopicsConfig {
  /** Every Liaison topic name starts with it (`LIAISON_TOPIC_PREFIX`); IAM allows these only. */
  readonly prefix: string;
  /** KMS key (id, ARN or alias) topics are encrypted with (`LIAISON_TOPIC_KMS_KEY_ID`). */
  readonly kmsKeyId: string;
}

export function readTopicsConfig(env: NodeJS.ProcessEnv = process.env): TopicsConfig {
  const prefix = required(env, 'LIAISON_TOPIC_PREFIX');
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(prefix)) {
    throw new Error(`Liaison configuration: LIAISON_TOPIC_PREFIX is not a topic name prefix: "${prefix}"`);
  }
  return { prefix, kmsKeyId: required(env, 'LIAISON_TOPIC_KMS_KEY_ID') };
}

let cachedTopics: TopicsConfig | undefined;

/** Topic settings, read and validated on first use (by a function that publishes). */
export function topicsConfig(): TopicsConfig {
  cachedTopics ??= readTopicsConfig();
  return cachedTopics;
}

/** Deployment stage (`LIAISON_STAGE`, set by the CDK on every function); `local` outside AWS. */
export function readStage(env: NodeJS.ProcessEnv = process.env): string {
  return env.LIAISON_STAGE || 'local';
}

let cachedStage: string | undefined;

/** The stage, read on first use and then kept: the `Stage` dimension of Liaison's own metrics. */
export function stage(): string {
  cachedStage ??= readStage();
  return cachedStage;
}

/** Claim names the caller's roles and organization are read from (Cognito defaults). */
export function claimNames(env: NodeJS.ProcessEnv = process.env): { roles: string; organization: string } {
  return {
    roles: env.LIAISON_ROLES_CLAIM || 'cognito:groups',
    organization: env.LIAISON_ORG_CLAIM || 'custom:organization',
  };
}

// ---------------------------------------------------------------- regulatory obligations

/** Where and in which sector the deploying organization operates, and its public holidays. */
export interface RegulatoryConfig {
  /** Jurisdiction codes (`LIAISON_JURISDICTIONS=EU,US-NY`); `US-NY` also matches `US` regimes. */
  readonly jurisdictions: readonly string[];
  /** Sectors (`LIAISON_SECTOR=financial,listed`), from `SECTORS` in the regime catalogue. */
  readonly sectors: readonly string[];
  /** Public holidays per regime id (`LIAISON_HOLIDAYS`, JSON: {"sec-8k": ["2025-12-25"]}). */
  readonly holidays: Readonly<Record<string, readonly string[]>>;
}

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function readRegulatoryConfig(env: NodeJS.ProcessEnv = process.env): RegulatoryConfig {
  const jurisdictions = list(env.LIAISON_JURISDICTIONS).map((j) => j.toUpperCase());
  for (const j of jurisdictions) {
    if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(j)) {
      throw new Error(
        `Liaison configuration: LIAISON_JURISDICTIONS has an invalid code "${j}" (e.g. EU, US-NY)`,
      );
    }
  }
  const sectors = list(env.LIAISON_SECTOR).map((s) => s.toLowerCase());
  for (const s of sectors) {
    if (!(SECTORS as readonly string[]).includes(s)) {
      throw new Error(`Liaison configuration: LIAISON_SECTOR "${s}" is not one of ${SECTORS.join(', ')}`);
    }
  }
  const holidays: Record<string, string[]> = {};
  if (env.LIAISON_HOLIDAYS) {
    const bad = 'LIAISON_HOLIDAYS must be a JSON object: regime id → list of YYYY-MM-DD dates';
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.LIAISON_HOLIDAYS);
    } catch {
      throw new Error(`Liaison configuration: ${bad}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error(`Liaison configuration: ${bad}`);
    }
    for (const [regime, dates] of Object.entries(parsed)) {
      if (!(REGIME_IDS as readonly string[]).includes(regime)) {
        throw new Error(`Liaison configuration: LIAISON_HOLIDAYS names an unknown regime "${regime}"`);
      }
      if (
        !Array.isArray(dates) ||
        !dates.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))
      ) {
        throw new Error(`Liaison configuration: LIAISON_HOLIDAYS.${regime}: ${bad}`);
      }
      holidays[regime] = dates as string[];
    }
  }
  return { jurisdictions, sectors, holidays };
}

let cachedRegulatory: RegulatoryConfig | undefined;

/** Regulatory settings, read and validated on first use (by the obligation and incident reads). */
export function regulatoryConfig(): RegulatoryConfig {
  cachedRegulatory ??= readRegulatoryConfig();
  return cachedRegulatory;
}

// ---------------------------------------------------------------- contact-directory verification

/** Settings of the verification sweep and of `POST /verify/{token}` (docs/verification.md). */
export interface VerificationConfig {
  /** Days a verification token stays usable (`LIAISON_VERIFICATION_TOKEN_DAYS`, default 14). */
  readonly tokenDays: number;
  /** Days after sending before an unconfirmed contact becomes stale (`…_GRACE_DAYS`, default = token days). */
  readonly graceDays: number;
  /** Base of the link in the message (`LIAISON_PUBLIC_BASE_URL`: the API URL; local default http://127.0.0.1:3000). */
  readonly publicBaseUrl: string;
  /** Failed `/verify` attempts allowed per IP hash and window (`LIAISON_VERIFY_MAX_FAILURES`, default 10). */
  readonly maxFailures: number;
  /** Length of that window in seconds (`LIAISON_VERIFY_WINDOW_SECONDS`, default 900). */
  readonly windowSeconds: number;
}

export function readVerificationConfig(env: NodeJS.ProcessEnv = process.env): VerificationConfig {
  const tokenDays = positiveInt(env, 'LIAISON_VERIFICATION_TOKEN_DAYS', 14);
  const rawBase = env.LIAISON_PUBLIC_BASE_URL || 'http://127.0.0.1:3000';
  let base: URL;
  try {
    base = new URL(rawBase);
  } catch {
    throw new Error(`Liaison configuration: LIAISON_PUBLIC_BASE_URL must be a URL, got "${rawBase}"`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new Error(`Liaison configuration: LIAISON_PUBLIC_BASE_URL must be http(s), got "${rawBase}"`);
  }
  return {
    tokenDays,
    graceDays: positiveInt(env, 'LIAISON_VERIFICATION_GRACE_DAYS', tokenDays),
    publicBaseUrl: rawBase.replace(/\/+$/, ''),
    maxFailures: positiveInt(env, 'LIAISON_VERIFY_MAX_FAILURES', 10),
    windowSeconds: positiveInt(env, 'LIAISON_VERIFY_WINDOW_SECONDS', 900),
  };
}

let cachedVerification: VerificationConfig | undefined;

/** Verification settings, read and validated on first use (by the sweep and the verify route). */
export function verificationConfig(): VerificationConfig {
  cachedVerification ??= readVerificationConfig();
  return cachedVerification;
}

// ---------------------------------------------------------------- escalation acknowledgement links

/** Settings of the per-recipient acknowledgement links of escalation notices (docs/escalation.md). */
export interface AcknowledgementLinkConfig {
  /** Days an acknowledgement link stays usable (`LIAISON_ACK_TOKEN_DAYS`, default 7). */
  readonly tokenDays: number;
  /** Base of the link: the API's public URL, the same setting as the verification link's. */
  readonly publicBaseUrl: string;
}

let cachedAckLinks: AcknowledgementLinkConfig | undefined;

/** Acknowledgement-link settings, read on first use (by the escalation levels and the public route). */
export function acknowledgementLinkConfig(): AcknowledgementLinkConfig {
  cachedAckLinks ??= {
    tokenDays: positiveInt(process.env, 'LIAISON_ACK_TOKEN_DAYS', 7),
    publicBaseUrl: verificationConfig().publicBaseUrl,
  };
  return cachedAckLinks;
}

// ---------------------------------------------------------------- reminders (action due dates, obligations)

/** When Liaison reminds (shared/domain/reminders, docs/reminders.md). Context: actionReminderOffset, obligationReminderFractions. */
export interface RemindersConfig {
  /** How long before an action's due date its reminder goes out (`LIAISON_ACTION_REMINDER_OFFSET`, default PT24H). */
  readonly actionReminderOffsetSeconds: number;
  /**
   * Fractions of each obligation clock at which a reminder goes out (`LIAISON_OBLIGATION_REMINDER_FRACTIONS`,
   * default `0.5,0.8,1`), ascending, in (0, 1]; 1 (the deadline: overdue escalation) is always included.
   */
  readonly obligationReminderFractions: readonly number[];
}

export function readRemindersConfig(env: NodeJS.ProcessEnv = process.env): RemindersConfig {
  const rawOffset = env.LIAISON_ACTION_REMINDER_OFFSET || 'PT24H';
  const offset = parseTimeframe(rawOffset);
  if (offset === undefined || offset <= 0) {
    throw new Error(
      `Liaison configuration: LIAISON_ACTION_REMINDER_OFFSET must be a timeframe (PT24H, "2 hours"), got "${rawOffset}"`,
    );
  }
  const rawFractions = list(env.LIAISON_OBLIGATION_REMINDER_FRACTIONS ?? '0.5,0.8,1');
  const fractions = rawFractions.map(Number);
  if (fractions.length === 0 || fractions.some((f) => !Number.isFinite(f) || f <= 0 || f > 1)) {
    throw new Error(
      `Liaison configuration: LIAISON_OBLIGATION_REMINDER_FRACTIONS must be fractions in (0, 1] such as 0.5,0.8,1, got "${env.LIAISON_OBLIGATION_REMINDER_FRACTIONS}"`,
    );
  }
  return {
    actionReminderOffsetSeconds: offset,
    obligationReminderFractions: [...new Set([...fractions, 1])].sort((a, b) => a - b),
  };
}

let cachedReminders: RemindersConfig | undefined;

/** Reminder settings, read and validated on first use (by the routes that schedule and the reminder job). */
export function remindersConfig(): RemindersConfig {
  cachedReminders ??= readRemindersConfig();
  return cachedReminders;
}

// ---------------------------------------------------------------- escalation (shared/domain/escalation)

export interface EscalationConfig {
  /**
   * How long a function keeps the list of escalation triggers and auto-start policies in memory
   * (`LIAISON_ESCALATION_CACHE_SECONDS`, default 30; 0 = read on every incident change).
   */
  readonly cacheSeconds: number;
}

export function readEscalationConfig(env: NodeJS.ProcessEnv = process.env): EscalationConfig {
  const raw = env.LIAISON_ESCALATION_CACHE_SECONDS;
  const cacheSeconds = raw === undefined || raw === '' ? 30 : Number(raw);
  if (!Number.isInteger(cacheSeconds) || cacheSeconds < 0 || cacheSeconds > 3600) {
    throw new Error(
      `Liaison configuration: LIAISON_ESCALATION_CACHE_SECONDS must be an integer 0-3600, got "${raw}"`,
    );
  }
  return { cacheSeconds };
}

let cachedEscalation: EscalationConfig | undefined;

/** Escalation settings, read once on first use. */
export function escalationConfig(): EscalationConfig {
  cachedEscalation ??= readEscalationConfig();
  return cachedEscalation;
}

// ---------------------------------------------------------------- evidence (shared/domain/evidence, docs/evidence.md)

/** Settings of a function whose route `uses` 's3' (the evidence bucket). */
export interface EvidenceConfig {
  /** The evidence bucket (`LIAISON_EVIDENCE_BUCKET`; versioned, Object Lock on). */
  readonly bucket: string;
  /** Lifetime of presigned upload and download URLs (`LIAISON_EVIDENCE_URL_SECONDS`, default 900). */
  readonly urlSeconds: number;
}

export function readEvidenceConfig(env: NodeJS.ProcessEnv = process.env): EvidenceConfig {
  const bucket = required(env, 'LIAISON_EVIDENCE_BUCKET');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`Liaison configuration: LIAISON_EVIDENCE_BUCKET is not a bucket name: "${bucket}"`);
  }
  const urlSeconds = positiveInt(env, 'LIAISON_EVIDENCE_URL_SECONDS', 900);
  if (urlSeconds > 604_800) {
    throw new Error('Liaison configuration: LIAISON_EVIDENCE_URL_SECONDS must be at most 604800 (7 days)');
  }
  return { bucket, urlSeconds };
}

let cachedEvidence: EvidenceConfig | undefined;

/** Evidence-bucket settings, read and validated on first use (by a function that uses S3). */
export function evidenceConfig(): EvidenceConfig {
  cachedEvidence ??= readEvidenceConfig();
  return cachedEvidence;
}

// ---------------------------------------------------------------- inbound e-mail

/** Inbound e-mail settings (docs/inbound-email.md); absent domain: inbound e-mail is off. */
export interface InboundConfig {
  /** Domain of the incident reply addresses (`LIAISON_INBOUND_DOMAIN`); undefined: off. */
  readonly domain: string | undefined;
  /** Bucket SES writes raw messages to and attachments are kept in (`LIAISON_INBOUND_BUCKET`; AWS only). */
  readonly bucket: string | undefined;
}

export function readInboundConfig(env: NodeJS.ProcessEnv = process.env): InboundConfig {
  const domain = env.LIAISON_INBOUND_DOMAIN?.trim().toLowerCase() || undefined;
  if (
    domain !== undefined &&
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)
  ) {
    throw new Error(`Liaison configuration: LIAISON_INBOUND_DOMAIN is not a domain name: "${domain}"`);
  }
  return { domain, bucket: env.LIAISON_INBOUND_BUCKET || undefined };
}

let cachedInbound: InboundConfig | undefined;

/** Inbound e-mail settings, read on first use and then kept. */
export function inboundConfig(): InboundConfig {
  cachedInbound ??= readInboundConfig();
  return cachedInbound;
}

/** Information sharing (docs/sharing.md). */
export interface SharingConfig {
  /** The name of the operator's STIX `identity` (every exported object's `created_by_ref`). */
  readonly operatorName: string;
}

export function readSharingConfig(env: NodeJS.ProcessEnv = process.env): SharingConfig {
  return { operatorName: env.LIAISON_OPERATOR_NAME?.trim() || 'Liaison operator' };
}

let cachedSharing: SharingConfig | undefined;

export function sharingConfig(): SharingConfig {
  cachedSharing ??= readSharingConfig();
  return cachedSharing;
}
