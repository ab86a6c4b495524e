/**
 * 50 concurrent writes on ONE incident over HTTP: action updates (PATCH of existing actions), new
 * communications and escalations. Nothing is lost: every accepted write is visible afterwards,
 * counters and sequence numbers are exact and gap-free, and every refusal is a clean
 * `409 CONCURRENT_UPDATE` that succeeds when retried (with the same Idempotency-Key: a refused
 * request is not remembered, so the retry runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, type Response, startLocalStack } from '../helpers/local-stack.js';
import { type Arrange, arrange, uniqueIds } from './fixtures.js';
import { record } from './stats.js';

const CONCURRENT = 50;
const ACTIONS = 17;
const MAX_ATTEMPTS = 20;

let stack: LocalStack;
let a: Arrange;
let responder: string;
let coordinator: string;
let requests = 0;
let refusals = 0;
let failures = 0;

beforeAll(async () => {
  stack = await startLocalStack();
  a = { stack, admin: await stack.token('admin', { sub: 'ada' }), unique: uniqueIds('race') };
  responder = await stack.token('responder', { sub: 'rita' });
  coordinator = await stack.token('coordinator', { sub: 'carol' });
});
afterAll(async () => {
  record('concurrency', { requests, failures, concurrent: CONCURRENT, refusals409: refusals });
  await stack?.stop();
});

interface Call {
  readonly kind: 'update' | 'communication' | 'escalation';
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly token: string;
  readonly key: string;
}

/** Sends, retrying 409 CONCURRENT_UPDATE with jittered backoff; any other refusal is a failure. */
async function sendWithRetry(call: Call): Promise<{ final: Response; attempts: number; bad: string[] }> {
  const bad: string[] = [];
  for (let attempt = 1; ; attempt++) {
    requests++;
    const res = await stack.request(call.method, call.path, {
      token: call.token,
      body: call.body,
      headers: { 'idempotency-key': call.key },
    });
    if (res.status >= 200 && res.status < 300) return { final: res, attempts: attempt, bad };
    if (res.status === 409 && res.body?.error?.code === 'CONCURRENT_UPDATE' && attempt < MAX_ATTEMPTS) {
      refusals++;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      continue;
    }
    bad.push(`${call.kind} ${call.path}: ${res.status} ${JSON.stringify(res.body)}`);
    return { final: res, attempts: attempt, bad };
  }
}

describe('concurrency on one incident', () => {
  it(`loses nothing when ${CONCURRENT} action updates, communications and escalations race`, async () => {
    const incidentId = await arrange.incident(a);
    const actionIds: string[] = [];
    for (let i = 0; i < ACTIONS; i++) actionIds.push(await arrange.action(a, incidentId));

    const calls: Call[] = Array.from({ length: CONCURRENT }, (_, i) => {
      const key = `race-${i}`;
      if (i < ACTIONS) {
        return {
          kind: 'update',
          method: 'PATCH',
          path: `/incidents/${incidentId}/actions/${actionIds[i]}`,
          body: { status: 'in_progress', notes: `n${i}` },
          token: responder,
          key,
        };
      }
      if (i % 2 === 0) {
        return {
          kind: 'communication',
          method: 'POST',
          path: `/incidents/${incidentId}/communications`,
          body: {
            type: 'email',
            direction: 'inbound',
            subject: `c${i}`,
            content: 'c',
            sentTo: ['x@y.example'],
          },
          token: responder,
          key,
        };
      }
      return {
        kind: 'escalation',
        method: 'POST',
        path: `/incidents/${incidentId}/escalations`,
        body: { reason: `e${i}`, escalatedTo: 'CISO' },
        token: coordinator,
        key,
      };
    });

    const results = await Promise.all(calls.map(sendWithRetry));
    const bad = results.flatMap((r) => r.bad);
    failures += bad.length;
    expect(bad).toEqual([]);

    const detail = (await stack.request('GET', `/incidents/${incidentId}`, { token: responder })).body;
    const comms = calls.filter((c) => c.kind === 'communication').length;
    const escs = calls.filter((c) => c.kind === 'escalation').length;

    // Every accepted write is visible, with the id its answer named.
    for (const [i, r] of results.entries()) {
      const call = calls[i] as Call;
      if (call.kind === 'update') {
        const stored = detail.actions.find((x: { actionId: string }) => x.actionId === r.final.body.actionId);
        expect(stored).toMatchObject({ status: 'in_progress', notes: `n${i}`, version: 2 });
      } else if (call.kind === 'communication') {
        const stored = detail.communications.find(
          (x: { communicationId: string }) => x.communicationId === r.final.body.communicationId,
        );
        expect(stored?.subject).toBe(`c${i}`);
      } else {
        const stored = detail.escalations.find(
          (x: { escalationId: string }) => x.escalationId === r.final.body.escalationId,
        );
        expect(stored?.reason).toBe(`e${i}`);
      }
    }
    // Counters exact, numbers gap-free.
    const ids = (xs: { [k: string]: string }[], attr: string) =>
      xs.map((x) => Number(String(x[attr]).split('-')[1])).sort((p, q) => p - q);
    expect(ids(detail.communications, 'communicationId')).toEqual(
      Array.from({ length: comms }, (_, i) => i + 1),
    );
    expect(ids(detail.escalations, 'escalationId')).toEqual(Array.from({ length: escs }, (_, i) => i + 1));
    expect(detail.actions).toHaveLength(ACTIONS);
    const expectedEntries = 1 + ACTIONS + CONCURRENT;
    expect(detail.timeline.map((t: { seq: number }) => t.seq)).toEqual(
      Array.from({ length: expectedEntries }, (_, i) => i + 1),
    );
    expect(detail.version).toBe(expectedEntries);
  });
});
