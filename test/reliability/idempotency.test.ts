/**
 * Idempotency over HTTP, for every write route of the route table: a repeat with the same
 * `Idempotency-Key` and body returns the first answer and writes nothing; the same key with another
 * body is 422; a failed (4xx) request is not remembered; a request still running is 409.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys.js';
import { IDEMPOTENT_METHODS } from '../../shared/http/handler.js';
import { routes } from '../../shared/routes.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import {
  type Arrange,
  arrange,
  routesWithoutFixture,
  tableSnapshot,
  uniqueIds,
  validRequest,
} from './fixtures.js';
import { record } from './stats.js';

let stack: LocalStack;
let a: Arrange;
let requests = 0;

beforeAll(async () => {
  stack = await startLocalStack();
  a = { stack, admin: await stack.token('admin', { sub: 'ada' }), unique: uniqueIds('idem') };
});
afterAll(async () => {
  record('idempotency', { requests, failures: 0 });
  await stack?.stop();
});

const writeRoutes = routes.filter((r) => IDEMPOTENT_METHODS.has(r.method));

const send = (method: string, path: string, body: unknown, key: string | undefined, token = a.admin) => {
  requests++;
  return stack.request(method, path, {
    token,
    body,
    ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
  });
};

describe('idempotency', () => {
  it('has a fixture with another valid body for every write route', () => {
    expect(routesWithoutFixture()).toEqual([]);
    expect(writeRoutes.length).toBeGreaterThan(0);
  });

  it.each(writeRoutes.map((r) => [r.id, r] as const))(
    '%s: a repeat returns the first answer and writes nothing; another body is 422',
    async (_id, route) => {
      const req = await validRequest(route, a);
      expect(req.otherBody, `fixture ${route.id} needs otherBody`).toBeDefined();
      const key = `key-${route.id}-${Date.now()}`;

      const first = await send(route.method, req.path, req.body, key);
      expect(first.status, JSON.stringify(first.body)).toBeGreaterThanOrEqual(200);
      expect(first.status).toBeLessThan(300);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const after = await tableSnapshot(stack);

      const repeat = await send(route.method, req.path, req.body, key);
      expect(repeat.status).toBe(first.status);
      expect(repeat.body).toEqual(first.body);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(await tableSnapshot(stack)).toBe(after);

      const reused = await send(route.method, req.path, req.otherBody, key);
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(reused.body.error.details).toEqual([
        { field: 'header.idempotency-key', message: expect.any(String) },
      ]);
      expect(await tableSnapshot(stack)).toBe(after);
    },
  );

  it('scopes a key to the caller and the resource', async () => {
    const one = await arrange.incident(a);
    const two = await arrange.incident(a);
    const other = await stack.token('coordinator', { sub: 'someone-else' });
    const body = { lesson: 'same key, different scope' };
    const key = 'shared-key';
    const r1 = await send('POST', `/incidents/${one}/lessons-learned`, body, key);
    const r2 = await send('POST', `/incidents/${two}/lessons-learned`, body, key);
    const r3 = await send('POST', `/incidents/${one}/lessons-learned`, body, key, other);
    for (const r of [r1, r2, r3]) {
      expect(r.status).toBe(201);
      expect(r.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(r3.body.lessonId).toBe('LESSON-2');
  });

  it('does not remember a refused request: the client may fix it and retry with the same key', async () => {
    const id = a.unique('INC');
    const body = { id, title: 't', description: 'd', severity: 'low', category: 'c' };
    const before = await tableSnapshot(stack);
    const refused = await send(
      'POST',
      '/incidents',
      { ...body, affectedThirdParties: ['TP-NOPE'] },
      'fix-me',
    );
    expect(refused.status).toBe(400);
    expect(await tableSnapshot(stack)).toBe(before);
    const fixed = await send('POST', '/incidents', body, 'fix-me');
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('runs concurrent repeats once: the others get the same answer or 409 IDEMPOTENCY_IN_PROGRESS', async () => {
    const incidentId = await arrange.incident(a);
    const body = { description: 'only once', assignedTo: 'ops' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => send('POST', `/incidents/${incidentId}/actions`, body, 'race-key')),
    );
    const created = results.filter((r) => r.status === 201);
    const busy = results.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(results.length);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const r of created) expect(r.body).toEqual(created[0]?.body);
    for (const r of busy) expect(r.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    const detail = await send('GET', `/incidents/${incidentId}`, undefined, undefined);
    expect(detail.body.actions).toHaveLength(1);
  });

  it('validates the header: 1-255 printable ASCII characters, else 400 naming it', async () => {
    const incidentId = await arrange.incident(a);
    const before = await tableSnapshot(stack);
    for (const bad of ['', 'x'.repeat(256), 'caf\u00e9']) {
      const r = await send('POST', `/incidents/${incidentId}/lessons-learned`, { lesson: 'l' }, bad);
      expect(r.status).toBe(400);
      expect(r.body.error.details).toEqual([
        { field: 'header.idempotency-key', message: expect.any(String) },
      ]);
    }
    expect(await tableSnapshot(stack)).toBe(before);
    const ok = await send(
      'POST',
      `/incidents/${incidentId}/lessons-learned`,
      { lesson: 'l' },
      'x'.repeat(255),
    );
    expect(ok.status).toBe(201);
  });

  it('keeps its record on THE table under keys.idempotency, with the TTL attribute set', async () => {
    const incidentId = await arrange.incident(a);
    await send('POST', `/incidents/${incidentId}/escalations`, { reason: 'r', escalatedTo: 'x' }, 'ttl-key');
    const snapshot = JSON.parse(await tableSnapshot(stack)) as string[];
    const records = snapshot.map((s) => JSON.parse(s)).filter((i) => String(i.pk).startsWith('IDEM#'));
    expect(records.length).toBeGreaterThan(0);
    const mine = records.find((i) => String(i.pk).startsWith('IDEM#createEscalation#'));
    expect(mine).toBeDefined();
    const stored = await stack.documentClient.send(
      new GetCommand({ TableName: stack.tableName, Key: keys.idempotency(String(mine.pk).slice(5)) }),
    );
    expect(stored.Item?.status).toBe('COMPLETED');
    const ttl = Number(stored.Item?.expiresAt);
    expect(ttl).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
    expect(ttl).toBeLessThan(Date.now() / 1000 + 25 * 3600);
    expect(stored.Item?.gsi1pk).toBeUndefined();
  });

  it('ignores the header on reads', async () => {
    const r = await send('GET', '/incidents', undefined, '');
    expect(r.status).toBe(200);
  });
});
