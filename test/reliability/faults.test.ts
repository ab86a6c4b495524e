/**
 * Faults injected at the SDK level: a middleware on the process-wide DynamoDB client (the one the
 * handlers use; the local stack runs them in this process) throws throttling errors for chosen
 * commands, inside the SDK's retry loop, as DynamoDB would answer them.
 *
 * Proves: throttled requests are retried by the SDK where that is safe (reads; transactional writes,
 * whose ClientRequestToken the SDK fills once and re-sends on every attempt, so DynamoDB runs them
 * at most once); when throttling outlasts the retries, the client gets 503 with Retry-After and the
 * table is unchanged (no partial write); a transaction cancelled for throttling is a 503, not a 500.
 *
 * SNS and EventBridge Scheduler faults: `messaging-faults.test.ts` (same injector, `inject.ts`).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/db/client.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { type Arrange, arrange, tableSnapshot, uniqueIds } from './fixtures.js';
import { awsError, createInjector, expect503, throttling } from './inject.js';
import { record } from './stats.js';

const injector = createInjector();
const attempts = injector.attempts;

const throughputExceeded = awsError(
  'ProvisionedThroughputExceededException',
  'The level of configured provisioned throughput for the table was exceeded.',
);
const cancelledForThrottling = () =>
  new TransactionCanceledException({
    message:
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ThrottlingError]',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: [
      { Code: 'None' },
      { Code: 'ThrottlingError', Message: 'Throughput exceeds the limit' },
    ],
  });

let stack: LocalStack;
let a: Arrange;
let requests = 0;

beforeAll(async () => {
  stack = await startLocalStack();
  a = { stack, admin: await stack.token('admin', { sub: 'ada' }), unique: uniqueIds('fault') };
  injector.attach(documentClient());
});
afterEach(() => {
  injector.clear();
});
afterAll(async () => {
  injector.detach();
  record('faults', { requests, failures: 0, injected: injector.injected });
  await stack?.stop();
});

const inject = injector.inject;

async function call(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  requests++;
  const before = attempts.length;
  const res = await stack.request(method, path, {
    token: a.admin,
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });
  const mine = attempts.slice(before);
  return { res, attempts: mine };
}

const count = (xs: { command: string }[], re: RegExp) => xs.filter((x) => re.test(x.command)).length;

describe('DynamoDB throttling', () => {
  it('retries a throttled read (SDK retries) and answers 200', async () => {
    const id = await arrange.incident(a);
    inject(/^Query/, 2, throttling);
    // The timeline is ONE Query (GET /incidents/{id} reads its child kinds in parallel pages).
    const { res, attempts: seen } = await call('GET', `/incidents/${id}/timeline`);
    expect(res.status).toBe(200);
    expect(count(seen, /^Query/)).toBe(3);
  });

  it('answers 503 + Retry-After when a read stays throttled, without a stack trace', async () => {
    const id = await arrange.incident(a);
    inject(/^Query/, Number.POSITIVE_INFINITY, throughputExceeded);
    const { res, attempts: seen } = await call('GET', `/incidents/${id}/timeline`);
    expect503(res);
    expect(count(seen, /^Query/)).toBe(3); // maxAttempts of shared/db/client.ts
  });

  it('retries a throttled transactional write with the same ClientRequestToken: written once', async () => {
    const id = await arrange.incident(a);
    inject(/^TransactWrite/, 2, throttling);
    const { res, attempts: seen } = await call('POST', `/incidents/${id}/communications`, {
      type: 'email',
      direction: 'outbound',
      subject: 'retried',
      content: 'c',
      sentTo: ['x@y.example'],
    });
    expect(res.status).toBe(201);
    const writes = seen.filter((s) => /^TransactWrite/.test(s.command));
    expect(writes).toHaveLength(3);
    expect(new Set(writes.map((w) => w.token)).size).toBe(1);
    expect(writes[0]?.token).toEqual(expect.any(String));
    const detail = (await call('GET', `/incidents/${id}`)).res.body;
    expect(detail.communications).toHaveLength(1);
  });

  it.each([
    ['throttling after the SDK retries', throttling],
    ['a transaction cancelled with ThrottlingError', cancelledForThrottling],
  ])('answers 503 + Retry-After and writes nothing for %s', async (_name, error) => {
    const id = await arrange.incident(a);
    const before = await tableSnapshot(stack);
    inject(/^TransactWrite/, Number.POSITIVE_INFINITY, error);
    const { res } = await call('POST', `/incidents/${id}/escalations`, { reason: 'r', escalatedTo: 'x' });
    expect503(res);
    expect(await tableSnapshot(stack)).toBe(before);
  });

  it('answers 503 for a throttled BatchGetItem (action update) and writes nothing', async () => {
    const id = await arrange.incident(a);
    const actionId = await arrange.action(a, id);
    const before = await tableSnapshot(stack);
    inject(/^BatchGet/, Number.POSITIVE_INFINITY, throughputExceeded);
    const { res } = await call('PATCH', `/incidents/${id}/actions/${actionId}`, { status: 'completed' });
    expect503(res);
    expect(await tableSnapshot(stack)).toBe(before);
  });
});

describe('DynamoDB throttling with an Idempotency-Key', () => {
  it('a throttled idempotency record is a 503 that writes nothing; the retry with the same key runs', async () => {
    const id = await arrange.incident(a);
    const before = await tableSnapshot(stack);
    inject(/^PutItem/, Number.POSITIVE_INFINITY, throttling);
    const lesson = { lesson: 'throttled first' };
    const first = await call('POST', `/incidents/${id}/lessons-learned`, lesson, { 'idempotency-key': 'k1' });
    expect503(first.res);
    expect(await tableSnapshot(stack)).toBe(before);
    injector.clear();
    const retry = await call('POST', `/incidents/${id}/lessons-learned`, lesson, { 'idempotency-key': 'k1' });
    expect(retry.res.status).toBe(201);
    expect(retry.res.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a committed write whose answer cannot be recorded still answers 2xx and is never duplicated', async () => {
    const id = await arrange.incident(a);
    inject(/^UpdateItem/, Number.POSITIVE_INFINITY, throttling);
    const body = { reason: 'recorded once', escalatedTo: 'x' };
    const first = await call('POST', `/incidents/${id}/escalations`, body, { 'idempotency-key': 'k2' });
    expect(first.res.status).toBe(201);
    injector.clear();
    // The record stays IN_PROGRESS until the invocation's deadline: a repeat is refused, not re-run.
    const repeat = await call('POST', `/incidents/${id}/escalations`, body, { 'idempotency-key': 'k2' });
    expect(repeat.res.status).toBe(409);
    expect(repeat.res.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    const detail = (await call('GET', `/incidents/${id}`)).res.body;
    expect(detail.escalations).toHaveLength(1);
  });
});
