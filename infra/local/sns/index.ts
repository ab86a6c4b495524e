/**
 * A local SNS endpoint for the real `@aws-sdk/client-sns` (set `endpoint`, e.g. through
 * LIAISON_SNS_ENDPOINT): the awsQuery protocol, SNS's validation and filter policies, signed HTTP/S
 * deliveries, and a local mailbox for email, sms and sqs subscriptions. See README.md.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { internalError, SnsError, throttled, throttling } from './errors.js';
import { errorXml, Params, successXml } from './query.js';
import { type DeliveryRecord, SIGNING_CERT_PATH, SnsService } from './service.js';
import { loadOrCreateSigningKey } from './signing.js';
import { type MailboxEntry, Store, type SubscriptionRecord, type TopicRecord } from './state.js';

export { MAX_FILTER_POLICIES_PER_ACCOUNT, MAX_FILTER_POLICIES_PER_TOPIC } from './service.js';
export type { DeliveryRecord, MailboxEntry, SubscriptionRecord, TopicRecord };

export interface LocalSnsOptions {
  /** 0 (default) = a free port. */
  readonly port?: number;
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  readonly host?: string;
  /** Keep topics, subscriptions, the mailbox and the signing key here; in memory when omitted. */
  readonly dataDir?: string;
  /** Base of SubscribeURL, UnsubscribeURL and SigningCertURL (default: the endpoint). */
  readonly publicBaseUrl?: string;
  readonly region?: string;
  readonly accountId?: string;
  /** Waits before HTTP/S delivery retries; the length is the number of retries (default 3). */
  readonly retryDelaysMs?: readonly number[];
  /** Per-attempt HTTP/S delivery timeout (default 5 s). */
  readonly deliveryTimeoutMs?: number;
}

export type FailureCode = 'InternalError' | 'Throttling' | 'Throttled';

export interface FailNextOptions {
  /** InternalError (500, retried by the SDK), Throttling (400) or Throttled (429); default InternalError. */
  readonly code?: FailureCode;
  /** Only calls of this Action (e.g. 'Publish'); any Action when omitted. */
  readonly action?: string;
}

export interface LocalSns {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops listening, aborts deliveries under way, saves the state. Idempotent. */
  stop(): Promise<void>;
  /** Mailbox entries (email, email-json, sms, sqs), oldest first; `to` filters by endpoint. */
  mailbox(filter?: { readonly to?: string }): MailboxEntry[];
  clearMailbox(): void;
  /** Requests received for an Action (including failed and injected-failure ones). */
  calls(action: string): number;
  resetCalls(): void;
  /** The next `n` matching requests fail with the given error (then normal service resumes). */
  failNext(n: number, options?: FailNextOptions): void;
  topics(): TopicRecord[];
  subscriptions(): SubscriptionRecord[];
  /** HTTP/S deliveries (notifications and confirmations) and their outcome, oldest first. */
  deliveries(): DeliveryRecord[];
  /** Resolves once every HTTP/S delivery under way has been delivered or given up. */
  flush(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_REQUEST_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.once('end', () =>
      size > MAX_REQUEST_BYTES
        ? fail(new SnsError('RequestEntityTooLarge', 'Request body too large', 413))
        : done(Buffer.concat(chunks).toString('utf8')),
    );
    req.once('error', fail);
  });
}

const clone = <T>(value: T): T => structuredClone(value);

export async function startLocalSns(options: LocalSnsOptions = {}): Promise<LocalSns> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`Local SNS listens on loopback only, not ${host}`);
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  const store = new Store(dataDir);
  const signingKey = loadOrCreateSigningKey(dataDir);

  let endpoint = '';
  const service = new SnsService({
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
    store,
    signingKey,
    baseUrl: () => (options.publicBaseUrl ?? endpoint).replace(/\/+$/, ''),
    retryDelaysMs: options.retryDelaysMs ?? [50, 150, 400],
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 5_000,
  });

  const counts = new Map<string, number>();
  const failures: Array<{ remaining: number; code: FailureCode; action?: string | undefined }> = [];

  const injectedFailure = (action: string): SnsError | undefined => {
    const rule = failures.find((f) => f.action === undefined || f.action === action);
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) failures.splice(failures.indexOf(rule), 1);
    if (rule.code === 'Throttling') return throttling();
    if (rule.code === 'Throttled') return throttled();
    return internalError();
  };

  const send = (res: ServerResponse, status: number, type: string, body: string, requestId?: string) => {
    res.writeHead(status, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      ...(requestId ? { 'x-amzn-requestid': requestId } : {}),
    });
    res.end(body);
  };

  const local = (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname === SIGNING_CERT_PATH && req.method === 'GET') {
      send(res, 200, 'application/x-x509-ca-cert', signingKey.certificatePem);
      return true;
    }
    if (url.pathname !== '/local/mailbox') return false;
    if (req.method === 'GET') {
      const to = url.searchParams.get('to') ?? undefined;
      send(res, 200, 'application/json', JSON.stringify(api.mailbox(to === undefined ? {} : { to })));
    } else if (req.method === 'DELETE') {
      api.clearMailbox();
      res.writeHead(204).end();
    } else {
      send(res, 405, 'application/json', JSON.stringify({ message: 'GET or DELETE' }));
    }
    return true;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (local(req, res, url)) return;
    const requestId = randomUUID();
    const answer = (error: SnsError) =>
      send(res, error.status, 'text/xml', errorXml(error, requestId), requestId);
    if (url.pathname !== '/' || (req.method !== 'POST' && req.method !== 'GET')) {
      answer(new SnsError('NotFound', `No such resource: ${req.method} ${url.pathname}`, 404));
      return;
    }
    // Query API: POST form (what the SDK sends) or GET with the parameters in the query string
    // (SubscribeURL and UnsubscribeURL are such GETs).
    const body = req.method === 'POST' ? readBody(req) : Promise.resolve(url.search.slice(1));
    body
      .then((form) => {
        const params = Params.parse(form);
        const action = params.get('Action') ?? '';
        counts.set(action, (counts.get(action) ?? 0) + 1);
        const injected = injectedFailure(action);
        if (injected) throw injected;
        const result = service.handle(action, params, {
          authenticated: req.headers.authorization !== undefined,
        });
        send(res, 200, 'text/xml', successXml(action, result, requestId), requestId);
      })
      .catch((error: unknown) => {
        if (error instanceof SnsError) return answer(error);
        console.error('[local-sns] unexpected error', error);
        answer(internalError());
      });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.removeListener('error', fail);
      done();
    });
  });
  const { port } = server.address() as AddressInfo;
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let stopped: Promise<void> | undefined;
  const api: LocalSns = {
    endpoint,
    port,
    stop: () => {
      stopped ??= (async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await service.stop();
        store.saveNow();
      })();
      return stopped;
    },
    mailbox: (filter = {}) =>
      clone(store.mailbox.filter((entry) => filter.to === undefined || entry.to === filter.to)),
    clearMailbox: () => {
      store.mailbox = [];
      store.save();
    },
    calls: (action) => counts.get(action) ?? 0,
    resetCalls: () => counts.clear(),
    failNext: (n, failNextOptions = {}) => {
      if (!Number.isInteger(n) || n < 1) throw new Error(`failNext: n must be a positive integer, got ${n}`);
      failures.push({
        remaining: n,
        code: failNextOptions.code ?? 'InternalError',
        action: failNextOptions.action,
      });
    },
    topics: () => clone([...store.topics.values()]),
    subscriptions: () => clone([...store.subscriptions.values()]),
    deliveries: () => clone(service.deliveries),
    flush: () => service.flush(),
  };
  return api;
}
