import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let coordinator: string;
let viewer: string;

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const { post, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);

const incident = async (id: string) => {
  const res = await post('/incidents', { id, title: 't', description: 'd', severity: 'low', category: 'c' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
};

describe('conditional incident writes (If-Match / ETag)', () => {
  it('GET answers the version as ETag; a write at that version passes, at a stale one 412 with the current version', async () => {
    await incident('INC-COND');
    const read = await get('/incidents/INC-COND');
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    const first = await stack.request('POST', '/incidents/INC-COND/actions', {
      token: coordinator,
      headers: { 'if-match': read.headers.etag as string },
      body: { description: 'patch', assignedTo: 'ops' },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await stack.snapshot();
    const stale = await stack.request('POST', '/incidents/INC-COND/lessons-learned', {
      token: coordinator,
      headers: { 'if-match': '"1"' },
      body: { lesson: 'late' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      error: {
        code: 'PRECONDITION_FAILED',
        details: [{ field: 'header.if-match', message: 'current version is 2' }],
      },
    });
    expect(await stack.snapshot()).toBe(before); // nothing written
    expect((await get('/incidents/INC-COND')).headers.etag).toBe('"2"');
    const bad = await stack.request('POST', '/incidents/INC-COND/lessons-learned', {
      token: coordinator,
      headers: { 'if-match': 'yesterday' },
      body: { lesson: 'x' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('paged children', () => {
  it('GET /incidents/{id}/actions pages the actions oldest first; unknown incident 404', async () => {
    await incident('INC-PAGES');
    for (let i = 0; i < 3; i++) {
      expect(
        (await post('/incidents/INC-PAGES/actions', { description: `a${i}`, assignedTo: 'x' })).status,
      ).toBe(201);
    }
    const page1 = await get('/incidents/INC-PAGES/actions?limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((a: { actionId: string }) => a.actionId)).toEqual(['ACTION-1', 'ACTION-2']);
    const page2 = await get(`/incidents/INC-PAGES/actions?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((a: { actionId: string }) => a.actionId)).toEqual(['ACTION-3']);
    expect(page2.body.nextCursor).toBeNull();
    expect((await get('/incidents/INC-PAGES/communications')).body).toEqual({ items: [], nextCursor: null });
    expect((await get('/incidents/INC-NOPE/lessons-learned')).status).toBe(404);
    // The incident itself holds the first page of each kind; no cursor while all fit.
    const detail = await get('/incidents/INC-PAGES');
    expect(detail.body.actions).toHaveLength(3);
    expect(detail.body.nextCursors).toBeUndefined();
  });
});
