/**
 * The only module that reads `process.env`. Values are read once, at cold start, and a missing
 * required value fails the cold start with a message naming it.
 */
export interface Config {
  /** DynamoDB table holding every Liaison item (single-table design). */
  readonly tableName: string;
  /** AWS region used by the SDK clients. */
  readonly region: string;
  /** Endpoint overrides used by the local stack (undefined in AWS). */
  readonly endpoints: { readonly dynamodb?: string; readonly sns?: string; readonly scheduler?: string };
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    tableName: required(env, 'LIAISON_TABLE_NAME'),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoints: {
      dynamodb: env.LIAISON_DYNAMODB_ENDPOINT || undefined,
      sns: env.LIAISON_SNS_ENDPOINT || undefined,
      scheduler: env.LIAISON_SCHEDULER_ENDPOINT || undefined,
    },
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

/** Claim names the caller's roles and organization are read from (Cognito defaults). */
export function claimNames(env: NodeJS.ProcessEnv = process.env): { roles: string; organization: string } {
  return {
    roles: env.LIAISON_ROLES_CLAIM || 'cognito:groups',
    organization: env.LIAISON_ORG_CLAIM || 'custom:organization',
  };
}
