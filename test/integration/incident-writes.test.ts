/**
 * DynamoDB requests of creating an incident's children (issue 12, item 7) on DynamoDB Local, counted
 * on the process-wide client the handlers use: the first change an operation makes to an incident
 * reads it (GetItem) before its ONE transaction; the next change of the same operation is the
 * transaction alone (shared/domain/incidents/last-seen.ts); when another writer moved the incident
 * on meanwhile, the refused transaction returns the incident (ALL_OLD) and the retry needs no read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDynamoDb, measure } from '../../bench/metrics.js';
import { documentClient } from '../../shared/db/client.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let coordinator: string;
let viewer: string;

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, viewer } = await personas(stack));
  countDynamoDb(documentClient()); // the process-wide client the handlers use
});
afterAll(async () => {
  await stack?.stop();
});

const { post, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);

const counted = async (path: string, body: unknown) => {
  const { result, counts } = await measure(() => post(path, body));
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return { body: result.body, commands: counts.commands };
};

describe('child creation: one TransactWriteItems when the operation knows the incident', () => {
  it('first action: read + transaction; the next ones: the transaction alone; after another writer: two transactions, no read', async () => {
    const created = await post('/incidents', {
      id: 'INC-WRITES',
      title: 't',
      description: 'd',
      severity: 'low',
      category: 'c',
    });
    expect(created.status).toBe(201);
    const first = await counted('/incidents/INC-WRITES/actions', { description: 'a1', assignedTo: 'ops' });
    expect(first.body.actionId).toBe('ACTION-1');
    expect(first.commands).toEqual(['GetItem', 'TransactWriteItems']);
    const second = await counted('/incidents/INC-WRITES/actions', { description: 'a2', assignedTo: 'ops' });
    expect(second.body.actionId).toBe('ACTION-2');
    expect(second.commands).toEqual(['TransactWriteItems']);
    // Another operation (another function in AWS) changes the incident: version 4.
    await counted('/incidents/INC-WRITES/lessons-learned', { lesson: 'l1' });
    const third = await counted('/incidents/INC-WRITES/actions', { description: 'a3', assignedTo: 'ops' });
    expect(third.body.actionId).toBe('ACTION-3');
    expect(third.commands).toEqual(['TransactWriteItems', 'TransactWriteItems']);

    const read = await get('/incidents/INC-WRITES');
    expect(read.headers.etag).toBe('"5"');
    expect(read.body.actions.map((a: { actionId: string }) => a.actionId)).toEqual([
      'ACTION-1',
      'ACTION-2',
      'ACTION-3',
    ]);
    const timeline = await get('/incidents/INC-WRITES/timeline');
    const seqs = timeline.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'incident.created',
      'action.created',
      'action.created',
      'lesson.recorded',
      'action.created',
    ]);
  });

  it('a stale If-Match is still 412 when the operation remembers a newer state, and nothing is written', async () => {
    await post('/incidents', {
      id: 'INC-WRITES-2',
      title: 't',
      description: 'd',
      severity: 'low',
      category: 'c',
    });
    await counted('/incidents/INC-WRITES-2/actions', { description: 'a1', assignedTo: 'ops' });
    const before = await stack.snapshot();
    const stale = await stack.request('POST', '/incidents/INC-WRITES-2/actions', {
      token: coordinator,
      headers: { 'if-match': '"1"' },
      body: { description: 'late', assignedTo: 'ops' },
    });
    expect(stale.status).toBe(412);
    expect(await stack.snapshot()).toBe(before);
    const unknown = await post('/incidents/INC-NONE/actions', { description: 'x', assignedTo: 'ops' });
    expect(unknown.status).toBe(404);
  });
});
