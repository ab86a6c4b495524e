/**
 * The local HTTP API: the same route table and the same handler modules as the CDK stack, behind a
 * small stand-in for API Gateway (HTTP API, payload format 2.0, JWT authorizer).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  Context,
} from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { SchedulingConfig, TopicsConfig } from '../../shared/config.js';
import { routes as ROUTES, type Route, routeKey } from '../../shared/routes.js';
import { verifyToken } from './auth.js';
import type { LocalConsole } from './console.js';
import { LOCAL_INBOUND_PATH, type LocalInboundHandler } from './inbound.js';

export const LOCAL_REGION = 'us-east-1';
/** API Gateway's payload limit for HTTP APIs. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** API Gateway's maximum integration timeout for HTTP APIs. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

export interface LocalEnvironmentOptions {
  readonly tableName: string;
  readonly dynamodbEndpoint: string;
  readonly snsEndpoint?: string;
  readonly schedulerEndpoint?: string;
  /** Topic settings (LIAISON_TOPIC_PREFIX / _KMS_KEY_ID), with the local SNS. */
  readonly topics?: TopicsConfig;
  /** Scheduling settings (LIAISON_SCHEDULE_GROUP, …, LIAISON_TARGETS), with the local Scheduler. */
  readonly scheduling?: SchedulingConfig;
  /** The local S3 and its evidence bucket (LIAISON_S3_ENDPOINT, LIAISON_EVIDENCE_BUCKET). */
  readonly s3?: { readonly endpoint: string; readonly bucket: string };
  /** Powertools log level of the handlers (default WARN). */
  readonly logLevel?: string;
  /** Reply-address domain of inbound e-mail (LIAISON_INBOUND_DOMAIN); absent: inbound e-mail off. */
  readonly inboundDomain?: string;
}

/** The environment the handlers read (through `shared/config.ts`) when they run locally. */
export function localEnvironment(options: LocalEnvironmentOptions): Record<string, string> {
  return {
    LIAISON_TABLE_NAME: options.tableName,
    LIAISON_DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
    ...(options.snsEndpoint ? { LIAISON_SNS_ENDPOINT: options.snsEndpoint } : {}),
    ...(options.schedulerEndpoint ? { LIAISON_SCHEDULER_ENDPOINT: options.schedulerEndpoint } : {}),
    ...(options.s3
      ? { LIAISON_S3_ENDPOINT: options.s3.endpoint, LIAISON_EVIDENCE_BUCKET: options.s3.bucket }
      : {}),
    ...(options.topics
      ? { LIAISON_TOPIC_PREFIX: options.topics.prefix, LIAISON_TOPIC_KMS_KEY_ID: options.topics.kmsKeyId }
      : {}),
    ...(options.scheduling
      ? {
          LIAISON_SCHEDULE_GROUP: options.scheduling.group,
          LIAISON_SCHEDULER_ROLE_ARN: options.scheduling.roleArn,
          LIAISON_SCHEDULER_DLQ_ARN: options.scheduling.deadLetterArn,
          LIAISON_TARGETS: JSON.stringify(options.scheduling.targets),
        }
      : {}),
    ...(options.inboundDomain ? { LIAISON_INBOUND_DOMAIN: options.inboundDomain } : {}),
    LIAISON_LOCAL: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_SERVICE_NAME: 'liaison',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'WARN',
    // Node 20 is the supported runtime here; the SDK's "node 22 from 2027" notice is noise locally.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

// ---------------------------------------------------------------- route matching

export interface RouteMatch {
  readonly route: Route;
  readonly pathParameters: Record<string, string>;
}

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const greedy = /^\{([A-Za-z0-9_]+)\+\}$/.exec(w);
    if (greedy && i === want.length - 1) {
      const rest = got.slice(i).join('/');
      if (rest === '') return undefined;
      params[greedy[1] as string] = rest;
      return params;
    }
    const g = got[i];
    if (g === undefined) return undefined;
    const param = /^\{([A-Za-z0-9_]+)\}$/.exec(w);
    if (param) {
      if (g === '') return undefined;
      params[param[1] as string] = g;
    } else if (w !== g) {
      return undefined;
    }
  }
  return got.length === want.length ? params : undefined;
}

/**
 * Like API Gateway: the most specific route (fewest parameters) wins. TAXII 2.1 URLs end in `/`
 * (`/taxii2/`, `…/objects/`) while a route path may not (CDK, API Gateway): a request path with
 * one trailing slash matches a TAXII route (`media: taxii*`) without it (docs/sharing.md).
 */
export function matchRoute(
  method: string,
  path: string,
  table: readonly Route[] = ROUTES,
): RouteMatch | undefined {
  const exact = matchExact(method, path, table);
  if (exact || path.length < 2 || !path.endsWith('/')) return exact;
  const taxii = matchExact(method, path.slice(0, -1), table);
  return taxii?.route.media?.startsWith('taxii') ? taxii : undefined;
}

function matchExact(method: string, path: string, table: readonly Route[]): RouteMatch | undefined {
  let best: RouteMatch | undefined;
  let bestParams = Number.POSITIVE_INFINITY;
  for (const route of table) {
    if (route.method !== method) continue;
    const pathParameters = matchTemplate(route.path, path);
    if (!pathParameters) continue;
    const count = Object.keys(pathParameters).length;
    if (count < bestParams) {
      best = { route, pathParameters };
      bestParams = count;
    }
  }
  return best;
}

// ---------------------------------------------------------------- the event

/**
 * Claims as API Gateway's JWT authorizer passes them: every value a string, arrays as `"[a b]"`.
 */
export function renderClaims(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') out[name] = JSON.stringify(value);
    else out[name] = String(value);
  }
  return out;
}

/** `a=1&a=2&b=x%20y` → `{ a: '1,2', b: 'x y' }` (repeated keys joined with commas, like API Gateway). */
export function parseQueryString(raw: string): Record<string, string> | undefined {
  if (raw === '') return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface EventInput {
  readonly route: Pick<Route, 'method' | 'path'>;
  readonly method: string;
  /** Request target as received: path plus optional `?query`. */
  readonly url: string;
  /** Header name → value(s); names are lower-cased here. */
  readonly headers: Record<string, string | readonly string[] | undefined>;
  readonly body?: string | undefined;
  readonly pathParameters?: Record<string, string>;
  /** Verified token payload; absent for public routes (no authorizer). */
  readonly claims?: JWTPayload | undefined;
  readonly sourceIp?: string;
  readonly requestId?: string;
  readonly now?: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `12/Mar/2020:19:03:58 +0000`, API Gateway's `requestContext.time`. */
function clfTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Builds an API Gateway HTTP API payload 2.0 event (the JWT-authorizer shape when claims are given). */
export function buildEvent(
  input: EventInput,
): APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = input.now ?? new Date();
  const q = input.url.indexOf('?');
  const rawPath = q === -1 ? input.url : input.url.slice(0, q);
  const rawQueryString = q === -1 ? '' : input.url.slice(q + 1);

  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const values = typeof value === 'string' ? [value] : [...value];
    if (key === 'cookie') {
      cookies = [...(cookies ?? []), ...values.flatMap((v) => v.split(/;\s*/)).filter((c) => c !== '')];
      continue;
    }
    headers[key] = key in headers ? `${headers[key]},${values.join(',')}` : values.join(',');
  }

  const requestId = input.requestId ?? randomBytes(8).toString('base64url');
  const requestContext: APIGatewayEventRequestContextV2 = {
    accountId: '000000000000',
    apiId: 'local',
    domainName: headers.host ?? '127.0.0.1',
    domainPrefix: (headers.host ?? '127.0.0.1').split('.')[0] ?? 'local',
    http: {
      method: input.method,
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: input.sourceIp ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    },
    requestId,
    routeKey: routeKey(input.route),
    stage: '$default',
    time: clfTime(now),
    timeEpoch: now.getTime(),
  };
  const pathParameters =
    input.pathParameters && Object.keys(input.pathParameters).length > 0 ? input.pathParameters : undefined;
  const queryStringParameters = parseQueryString(rawQueryString);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: routeKey(input.route),
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext,
    ...(pathParameters ? { pathParameters } : {}),
    ...(input.body !== undefined && input.body !== '' ? { body: input.body } : {}),
    isBase64Encoded: false,
  };
  if (!input.claims) return event;
  const scope = input.claims.scope;
  return {
    ...event,
    requestContext: {
      ...requestContext,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: {
          claims: renderClaims(input.claims),
          scopes: typeof scope === 'string' && scope !== '' ? scope.split(' ') : null,
        },
      },
    },
  };
}

/** A minimal Lambda context for one invocation. */
export function lambdaContext(route: Pick<Route, 'id'>, timeoutMs = INTEGRATION_TIMEOUT_MS): Context {
  const functionName = `liaison-local-${route.id}`;
  const deadline = Date.now() + timeoutMs;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

// ---------------------------------------------------------------- the server

export type LambdaHandler = (event: unknown, context: Context, callback?: unknown) => unknown;

/** `functions/` at the repository root. */
export const FUNCTIONS_DIR = fileURLToPath(new URL('../../functions/', import.meta.url));

export interface LocalApiOptions {
  /** HS256 secret tokens are verified with. */
  readonly secret: Uint8Array;
  /** Applied to `process.env` now, i.e. before any handler module is imported (config is cached). */
  readonly environment?: Record<string, string>;
  /** Defaults to THE route table. */
  readonly routes?: readonly Route[];
  /** Defaults to importing `functions/<route.handler>.ts` and taking its `handler` export. */
  readonly loadHandler?: (route: Route) => Promise<LambdaHandler>;
  /** Per-invocation limit; API Gateway answers 503 when it is exceeded. */
  readonly timeoutMs?: number;
  /** Error log (default: stderr). */
  readonly log?: (message: string, error?: unknown) => void;
  /** Called once per answered request (e.g. `POST /incidents 201 12 ms`). */
  readonly onRequest?: (line: string) => void;
  /**
   * The web console's routes (`/`, `/assets/*`, `/config.json`, `/local/*`; infra/local/console.ts),
   * consulted before the route table. Absent: API only.
   */
  readonly console?: LocalConsole;
  /**
   * `POST /local/inbound-email`: a raw RFC 822 message into the same code as the SES Lambda
   * (infra/local/inbound.ts). Absent: no such endpoint.
   */
  readonly inboundEmail?: LocalInboundHandler;
}

class PayloadTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        fail(new PayloadTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => done(Buffer.concat(chunks)));
    req.once('error', fail);
  });
}

function defaultLoader(): (route: Route) => Promise<LambdaHandler> {
  return async (route) => {
    const file = join(FUNCTIONS_DIR, `${route.handler}.ts`);
    const mod = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    if (typeof mod.handler !== 'function') {
      throw new Error(`functions/${route.handler}.ts does not export a function named handler`);
    }
    return mod.handler as LambdaHandler;
  };
}

function invoke(
  handler: LambdaHandler,
  event: unknown,
  context: Context,
  timeoutMs: number,
): Promise<unknown> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new TimeoutError(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const settle =
      <T>(f: (v: T) => void) =>
      (v: T) => {
        clearTimeout(timer);
        f(v);
      };
    try {
      const callback = (error: unknown, result: unknown) =>
        error ? settle(fail)(error) : settle(done)(result);
      const returned = handler(event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(settle(done), settle(fail));
      }
    } catch (error) {
      settle(fail)(error);
    }
  });
}

class TimeoutError extends Error {}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

const gatewayAnswer = (status: number, message: string): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message })),
});

/** The Lambda result → HTTP, by API Gateway's payload 2.0 rules. */
export function toAnswer(result: unknown): Answer {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as {
      statusCode: unknown;
      headers?: Record<string, unknown>;
      cookies?: unknown;
      body?: unknown;
      isBase64Encoded?: unknown;
    };
    if (typeof r.statusCode !== 'number' || !Number.isInteger(r.statusCode)) {
      throw new Error(`Malformed Lambda proxy response: statusCode ${String(r.statusCode)}`);
    }
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.headers ?? {}))
      if (v !== undefined) headers[k.toLowerCase()] = String(v);
    if (Array.isArray(r.cookies) && r.cookies.length > 0) headers['set-cookie'] = r.cookies.map(String);
    const text = r.body === undefined || r.body === null ? '' : String(r.body);
    const body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
    return { status: r.statusCode, headers, body };
  }
  // Anything else is taken as a JSON body with status 200.
  const text = typeof result === 'string' ? result : (JSON.stringify(result) ?? '');
  return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) };
}

/**
 * An HTTP server answering like the deployed API: 404 for unknown routes, 401 from the "authorizer",
 * 413 over 10 MB, 500 when a handler throws, 503 on timeout; otherwise the handler's answer.
 * Listen on 127.0.0.1 only (see {@link listenLocal}).
 */
export function createLocalApi(options: LocalApiOptions): Server {
  if (options.environment) Object.assign(process.env, options.environment);
  const table = options.routes ?? ROUTES;
  const load = options.loadHandler ?? defaultLoader();
  const timeoutMs = options.timeoutMs ?? INTEGRATION_TIMEOUT_MS;
  const report =
    options.log ?? ((message, error) => console.error(`[liaison-local] ${message}`, error ?? ''));
  const log = (message: string, error?: unknown): void => {
    try {
      report(message, error);
    } catch {
      // A broken logger must not leave the request unanswered.
    }
  };
  const handlers = new Map<string, Promise<LambdaHandler>>();

  const handlerFor = (route: Route): Promise<LambdaHandler> => {
    let pending = handlers.get(route.id);
    if (!pending) {
      pending = load(route);
      handlers.set(route.id, pending);
      // Not cached when it fails, so a handler written while the server runs is picked up.
      pending.catch(() => handlers.delete(route.id));
    }
    return pending;
  };

  const answer = async (req: IncomingMessage, requestId: string): Promise<Answer> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_PAYLOAD_BYTES) return gatewayAnswer(413, 'Request Entity Too Large');
    let body: Buffer;
    try {
      body = await readBody(req, MAX_PAYLOAD_BYTES);
    } catch (error) {
      if (error instanceof PayloadTooLarge) return gatewayAnswer(413, 'Request Entity Too Large');
      throw error;
    }

    const page = await options.console?.(method, url, req.headers, body);
    if (page) return page;

    const rawPath = url.split('?')[0] ?? '/';
    if (options.inboundEmail && rawPath === LOCAL_INBOUND_PATH) {
      if (method !== 'POST') return gatewayAnswer(405, 'Method Not Allowed');
      const res = await options.inboundEmail(body, new URLSearchParams(url.split('?')[1] ?? ''));
      return {
        status: res.status,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(res.body)),
      };
    }
    const match = matchRoute(method, rawPath, table);
    if (!match) return gatewayAnswer(404, 'Not Found');
    const { route, pathParameters } = match;

    let claims: JWTPayload | undefined;
    if (route.roles !== 'public') {
      const authorization = req.headers.authorization ?? '';
      const token = authorization.replace(/^Bearer\s+/i, '').trim();
      if (token === '') return gatewayAnswer(401, 'Unauthorized');
      try {
        claims = await verifyToken(token, options.secret);
      } catch {
        return gatewayAnswer(401, 'Unauthorized');
      }
    }

    const event = buildEvent({
      route,
      method,
      url,
      headers: req.headersDistinct as Record<string, string[]>,
      body: body.length > 0 ? body.toString('utf8') : undefined,
      pathParameters,
      claims,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      requestId,
    });
    try {
      const handler = await handlerFor(route);
      return toAnswer(await invoke(handler, event, lambdaContext(route, timeoutMs), timeoutMs));
    } catch (error) {
      if (error instanceof TimeoutError) {
        log(`${routeKey(route)} (functions/${route.handler}) ${error.message}`);
        return gatewayAnswer(503, 'Service Unavailable');
      }
      log(`${routeKey(route)} (functions/${route.handler}) failed:`, error);
      return gatewayAnswer(500, 'Internal Server Error');
    }
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    const requestId = randomBytes(8).toString('base64url');
    answer(req, requestId)
      .catch((error: unknown) => {
        log(`${req.method} ${req.url} failed in the local runner:`, error);
        return gatewayAnswer(500, 'Internal Server Error');
      })
      .then((a) => {
        if (res.headersSent) return;
        res.writeHead(a.status, {
          ...a.headers,
          'content-length': String(a.body.length),
          'apigw-requestid': requestId,
          ...(a.status === 413 ? { connection: 'close' } : {}),
        });
        res.end(a.body);
        options.onRequest?.(`${req.method} ${req.url} ${a.status} ${Date.now() - started} ms`);
      })
      .catch((error: unknown) => {
        log(`${req.method} ${req.url}: could not answer`, error);
        res.destroy();
      });
  };
  return createServer(onRequest);
}

/** Listens on 127.0.0.1 (port 0 = any free port); rejects on EADDRINUSE. Resolves to the base URL. */
export function listenLocal(server: Server, port = 0): Promise<string> {
  return new Promise((done, fail) => {
    const onError = (error: Error) => fail(error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', onError);
      done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

/** Stops accepting, drops idle keep-alive connections and resolves once closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    if (!server.listening) return done();
    server.close(() => done());
    server.closeIdleConnections();
  });
}
