/**
 * The local stack for integration tests: the run's DynamoDB Local (from `global-setup.ts`), this
 * file's table (name from `setup-env.ts`), and the local API on a free 127.0.0.1 port running the
 * real handlers inside this test worker.
 *
 *   const stack = await startLocalStack();           // beforeAll
 *   const res = await stack.request('POST', '/incidents', { role: 'coordinator', body: {...} });
 *   await stack.stop();                              // afterAll
 *
 * With `{ sns: true }` and/or `{ scheduler: { clock } }` it also starts the local SNS / Scheduler for
 * this file (in process, free ports; off by default) and points the handlers — and the clients of
 * shared/aws/*.ts, which read their endpoint on first use — at them: `stack.sns`, `stack.scheduler`.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { ScheduledFunction } from '../../infra/functions.js';
import { randomSecret, signToken } from '../../infra/local/auth.js';
import { localConsole } from '../../infra/local/console.js';
import {
  type DynamoDbLocal,
  ensureTable,
  localDynamoDbClient,
  startDynamoDbLocal,
} from '../../infra/local/dynamodb.js';
import { LOCAL_INBOUND_DOMAIN, localInbound } from '../../infra/local/inbound.js';
import {
  ensureEvidenceBucket,
  LOCAL_EVIDENCE_BUCKET,
  type LocalS3,
  startLocalS3,
} from '../../infra/local/s3.js';
import {
  ensureScheduleGroup,
  LOCAL_TOPICS,
  type LoadScheduledHandler,
  localInvoke,
  localScheduling,
} from '../../infra/local/scheduled.js';
import { createLocalScheduler, type LocalScheduler } from '../../infra/local/scheduler/index.js';
import {
  closeServer,
  createLocalApi,
  type LocalApiOptions,
  listenLocal,
  localEnvironment,
} from '../../infra/local/server.js';
import { type LocalSns, startLocalSns } from '../../infra/local/sns/index.js';
import { RATE_LIMIT_PREFIX } from '../../shared/db/keys.js';
import { type WriteWatch, watchWrites } from './table-writes.js';

export interface TokenOptions {
  readonly sub?: string;
  /** Default `acme`; `null` omits the claim. */
  readonly organization?: string | null;
  readonly ttlSeconds?: number;
  /** Negative tests: sign for another audience / issuer, or with another secret. */
  readonly audience?: string;
  readonly issuer?: string;
  readonly secret?: Uint8Array;
  readonly claims?: Record<string, unknown>;
}

export interface RequestOptions {
  /** JSON-encoded (a string is sent as is); sets `content-type: application/json` unless given. */
  readonly body?: unknown;
  /** Sent verbatim, no content-type added (malformed JSON, other media types). */
  readonly rawBody?: string;
  /** Bearer token sent as-is. */
  readonly token?: string;
  /** Shortcut: sign a token for this role (or roles) with default claims. */
  readonly role?: string | readonly string[];
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string | number | boolean | undefined>;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked with matchers, not types.
type Json = any;

export interface Response<T = Json> {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Parsed JSON, the raw text when not JSON, undefined when empty. */
  readonly body: T;
}

export interface LocalStack {
  readonly baseUrl: string;
  readonly endpoint: string;
  readonly tableName: string;
  /** Same marshalling options as `shared/db/client.ts`, for arranging and asserting stored items. */
  readonly documentClient: DynamoDBDocumentClient;
  token(role: string | readonly string[], options?: TokenOptions): Promise<string>;
  request<T = Json>(method: string, path: string, options?: RequestOptions): Promise<Response<T>>;
  /** The local SNS of this stack; throws unless started with `{ sns: true }`. */
  readonly sns: LocalSns;
  /** The local S3 of this stack (always started, in memory) and its evidence bucket. */
  readonly s3: LocalS3;
  readonly evidenceBucket: string;
  /** The local Scheduler (fire due schedules with `tick()`); throws unless started with `{ scheduler }`. */
  readonly scheduler: LocalScheduler;
  /** Every item of the table, canonical and sorted: equal snapshots mean nothing was written. */
  snapshot(): Promise<string>;
  /** Watch the table's writes from now on (its DynamoDB stream; ./table-writes.ts). */
  watchWrites(): Promise<WriteWatch>;
  stop(): Promise<void>;
}

export interface LocalSchedulerStackOptions {
  /** What the emulator compares schedules with (default: the system clock); call `tick()` to fire. */
  readonly clock?: () => Date;
  /** Scheduled functions LIAISON_TARGETS names (default SCHEDULED_FUNCTIONS); tests add their own. */
  readonly functions?: readonly ScheduledFunction[];
  /** Default: import `functions/<handler>.ts`; a test registers handlers of its own here. */
  readonly loadHandler?: LoadScheduledHandler;
}

export interface LocalStackOptions {
  /** Replace handler loading (e.g. a fake handler to observe the event). */
  readonly loadHandler?: LocalApiOptions['loadHandler'];
  readonly routes?: LocalApiOptions['routes'];
  readonly timeoutMs?: number;
  /** Where the runner reports handler failures (default: stderr). */
  readonly log?: LocalApiOptions['log'];
  /** Start the local SNS for this file (default off). */
  readonly sns?: boolean;
  /**
   * Serve the web console on the same baseUrl (`/`, `/assets/*`, `/config.json`, `/local/sign-in`,
   * `POST /local/token`; infra/local/console.ts), tokens valid for this stack. Default on;
   * `distDir` replaces `web/dist`.
   */
  readonly console?: boolean | { readonly distDir?: string };
  /** Start the local Scheduler for this file (default off). */
  readonly scheduler?: LocalSchedulerStackOptions;
  /**
   * Inbound e-mail (default off): reply addresses `@liaison.test` on outbound messages and
   * `POST /local/inbound-email`, bytes kept in this directory (docs/inbound-email.md).
   */
  readonly inbound?: { readonly dir: string };
}

function providedEndpoint(): string | undefined {
  try {
    return inject('dynamodbEndpoint');
  } catch {
    return undefined;
  }
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  // The run's DynamoDB Local, or (helper used outside the vitest config) one of our own.
  let ownDb: DynamoDbLocal | undefined;
  let endpoint = providedEndpoint();
  if (!endpoint) {
    ownDb = await startDynamoDbLocal();
    endpoint = ownDb.endpoint;
  }
  // setup-env.ts chose this file's table before any import; keep it (handlers cache their config).
  const tableName =
    process.env.LIAISON_DYNAMODB_ENDPOINT === endpoint && process.env.LIAISON_TABLE_NAME
      ? process.env.LIAISON_TABLE_NAME
      : `liaison-test-${process.pid}-${randomBytes(3).toString('hex')}`;

  const low = localDynamoDbClient(endpoint);
  await ensureTable(low, tableName);
  const documentClient = DynamoDBDocumentClient.from(low, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

  // The evidence bucket: in process, in memory, cheap; always on (routes with `uses: ['s3']`).
  const s3 = await startLocalS3();
  await ensureEvidenceBucket(s3.endpoint);
  const sns = options.sns ? await startLocalSns({ port: 0, retryDelaysMs: [20, 50, 100] }) : undefined;
  let scheduler: LocalScheduler | undefined;
  if (options.scheduler) {
    const o = options.scheduler;
    scheduler = createLocalScheduler({
      invoke: localInvoke(o.functions, o.loadHandler),
      retryDelayMs: 0,
      ...(o.clock ? { clock: o.clock } : {}),
      log: options.log ?? ((message, error) => console.error(`[local-scheduler] ${message}`, error ?? '')),
    });
    await ensureScheduleGroup(await scheduler.listen(0));
  }

  const secret = randomSecret();
  const server: Server = createLocalApi({
    secret,
    environment: localEnvironment({
      tableName,
      dynamodbEndpoint: endpoint,
      ...(sns ? { snsEndpoint: sns.endpoint, topics: LOCAL_TOPICS } : {}),
      ...(scheduler
        ? { schedulerEndpoint: scheduler.endpoint, scheduling: localScheduling(options.scheduler?.functions) }
        : {}),
      s3: { endpoint: s3.endpoint, bucket: LOCAL_EVIDENCE_BUCKET },
      logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
      ...(options.inbound ? { inboundDomain: LOCAL_INBOUND_DOMAIN } : {}),
    }),
    ...(options.inbound ? { inboundEmail: localInbound({ dir: options.inbound.dir }) } : {}),
    log: options.log ?? ((message, error) => console.error(`[local-api] ${message}`, error ?? '')),
    ...(options.console === false
      ? {}
      : {
          console: localConsole({
            secret,
            ...(typeof options.console === 'object' && options.console.distDir
              ? { distDir: options.console.distDir }
              : {}),
          }),
        }),
    ...(options.loadHandler ? { loadHandler: options.loadHandler } : {}),
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const baseUrl = await listenLocal(server, 0);

  const token = (role: string | readonly string[], o: TokenOptions = {}): Promise<string> =>
    signToken({
      sub: o.sub ?? `test-${typeof role === 'string' ? role : role.join('-')}`,
      roles: typeof role === 'string' ? [role] : role,
      organization: o.organization === null ? undefined : (o.organization ?? 'acme'),
      secret: o.secret ?? secret,
      ...(o.ttlSeconds === undefined ? {} : { ttlSeconds: o.ttlSeconds }),
      ...(o.audience === undefined ? {} : { audience: o.audience }),
      ...(o.issuer === undefined ? {} : { issuer: o.issuer }),
      ...(o.claims === undefined ? {} : { claims: o.claims }),
    });

  const request = async <T = Json>(
    method: string,
    path: string,
    o: RequestOptions = {},
  ): Promise<Response<T>> => {
    const headers: Record<string, string> = { ...o.headers };
    const bearer = o.token ?? (o.role === undefined ? undefined : await token(o.role));
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = new URL(path, baseUrl);
    for (const [k, v] of Object.entries(o.query ?? {}))
      if (v !== undefined) url.searchParams.append(k, String(v));
    const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: unknown;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    const responseHeaders = Object.fromEntries(res.headers);
    const cookies = res.headers.getSetCookie();
    if (cookies.length > 0) responseHeaders['set-cookie'] = cookies.join(', ');
    return { status: res.status, headers: responseHeaders, body: parsed as T };
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await closeServer(server);
    server.closeAllConnections();
    documentClient.destroy();
    await scheduler?.stop();
    await sns?.stop();
    await s3.stop();
    await ownDb?.stop();
  };

  const started = <T>(service: T | undefined, option: string): T => {
    if (service === undefined) throw new Error(`Start the local stack with { ${option} } to use it`);
    return service;
  };
  return {
    baseUrl,
    endpoint,
    tableName,
    documentClient,
    token,
    request,
    snapshot: () => tableSnapshot(documentClient, tableName),
    watchWrites: () => watchWrites(low, endpoint, tableName),
    s3,
    evidenceBucket: LOCAL_EVIDENCE_BUCKET,
    get sns() {
      return started(sns, 'sns: true');
    },
    get scheduler() {
      return started(scheduler, 'scheduler: {}');
    },
    stop,
  };
}

/** Every item of a table (a test table: Scan is fine here), each canonical JSON, sorted. */
export async function tableSnapshot(client: DynamoDBDocumentClient, tableName: string): Promise<string> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await client.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    // Failed-attempt counters of POST /verify/{token} are written BY refusals (rate limiting,
    // docs/verification.md): not state a refused request may not touch.
    items.push(...(res.Items ?? []).filter((i) => !String(i.pk).startsWith(RATE_LIMIT_PREFIX)));
    start = res.LastEvaluatedKey;
  } while (start);
  return JSON.stringify(items.map((i) => JSON.stringify(sortKeys(i))).sort());
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Set) return [...value].map(sortKeys).sort();
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
