/**
 * Reads past DynamoDB's 1 MB Query page (issue 11), over the real handlers on DynamoDB Local.
 *
 * Each test arranges a collection larger than one page by writing items directly (BatchWriteItem,
 * keys from shared/db/keys.ts, each item a copy of one the API wrote), first shows that one Query
 * page does NOT hold everything (so the test fails if the data fit one page), then asks the API:
 * a rule that saw only the first page would count too few, or let a 200 through instead of a 409.
 */
import { BatchWriteCommand, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIndexKeys, keys } from '../../shared/db/keys.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let coordinator: string;
let admin: string;
let viewer: string;

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, admin, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const { post, patch, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);

const KB = 1024;
const filler = (bytes: number, tag: string) => `${tag} ${'x'.repeat(bytes)}`;

async function item(key: { pk: string; sk: string }): Promise<Record<string, unknown>> {
  const res = await stack.documentClient.send(
    new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }),
  );
  if (!res.Item) throw new Error(`no item ${key.pk} / ${key.sk}`);
  return res.Item;
}

/** BatchWriteItem in chunks of 25, retrying unprocessed items. */
async function seed(items: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const res = await stack.documentClient.send(
        new BatchWriteCommand({ RequestItems: { [stack.tableName]: requests } }),
      );
      requests = (res.UnprocessedItems?.[stack.tableName] ?? []) as typeof requests;
    }
  }
}

/** The pages a Query takes and the sort keys of its first page (the fixture must exceed one page). */
async function pages(input: Omit<QueryCommandInput, 'TableName'>) {
  let count = 0;
  let firstPage: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await stack.documentClient.send(
      new QueryCommand({ ...input, TableName: stack.tableName, ExclusiveStartKey: start }),
    );
    if (count === 0) firstPage = (res.Items ?? []).map((i) => String(i.sk));
    count++;
    start = res.LastEvaluatedKey;
  } while (start);
  return { count, firstPage };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('an activation with 160 coordinated actions of 8 KB (more than one 1 MB page)', () => {
  const INC = 'INC-BIG-ACT';
  let activationId: string;
  const OPEN = range(151, 160); // the open ones sort last: past the first page

  beforeAll(async () => {
    expect(
      (await post('/organizations', { id: 'ORG-BIG', name: 'Big', kind: 'internal' }, admin)).status,
    ).toBe(201);
    expect(
      (
        await post('/playbooks', {
          id: 'PB-BIG',
          name: 'Big playbook',
          incidentType: 'data_breach',
          participatingOrganizations: ['ORG-BIG'],
          rolesResponsibilities: { 'ORG-BIG': ['incident_commander'] },
          communicationProtocols: { primary: 'secure_email' },
          escalationProcedures: ['Escalate per the channel rules'],
          responseActions: [{ action: 'Contain', responsible: 'ORG-BIG', timeframe: 'PT4H' }],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/incidents', {
          id: INC,
          title: 'Large activation',
          description: 'An activation with many coordinated actions',
          severity: 'high',
          category: 'data_breach',
        })
      ).status,
    ).toBe(201);
    const activated = await post('/playbooks/PB-BIG/activations', { incidentId: INC });
    expect(activated.status).toBe(201);
    activationId = activated.body.activationId;

    // COORD-1 as the API wrote it, copied to COORD-1 … COORD-160 (8 KB each); 151-160 stay open.
    const first = await item(keys.coordinatedAction(INC, activationId, 1));
    await seed(
      range(1, 160).map((n) => ({
        ...first,
        ...keys.coordinatedAction(INC, activationId, n),
        actionId: `COORD-${n}`,
        description: filler(8 * KB, `COORD-${n}`),
        status: OPEN.includes(n) ? 'pending' : 'completed',
      })),
    );
    const record = item(keys.activation(INC, activationId));
    await seed([{ ...(await record), coordSeq: 160 }]);
  });

  it('the fixture exceeds one Query page: COORD-151 … 160 are not on the first page', async () => {
    const p = await pages({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: {
        ':pk': keys.activation(INC, activationId).pk,
        ':sk': keys.activation(INC, activationId).sk,
      },
      ConsistentRead: true,
    });
    expect(p.count).toBeGreaterThanOrEqual(2);
    expect(p.firstPage).not.toContain(keys.coordinatedAction(INC, activationId, 151).sk);
  });

  it('the activation report counts all 160 actions', async () => {
    const report = await get(`/activations/${activationId}/report`);
    expect(report.status).toBe(200);
    expect(report.body.actions).toHaveLength(160);
    expect(report.body.coordinationMetrics).toMatchObject({
      totalActions: 160,
      completedActions: 150,
      pendingActions: 10,
    });
  });

  it('completing answers 409 OPEN_COORDINATED_ACTIONS naming the 10 open actions past the first page', async () => {
    const before = await stack.snapshot();
    const complete = await post(`/activations/${activationId}/complete`, {});
    expect(complete.status).toBe(409);
    expect(complete.body.error.code).toBe('OPEN_COORDINATED_ACTIONS');
    expect(complete.body.error.details.map((d: { actionId: string }) => d.actionId)).toEqual(
      OPEN.map((n) => `COORD-${n}`),
    );
    expect(await stack.snapshot()).toBe(before);
  });

  it("participants by dimension read every page of an internal unit's contacts (a vertical one on page 2)", async () => {
    const email = (address: string) => ({ type: 'email', address, priority: 'primary' });
    const legal = await post('/contacts', {
      id: 'CON-LEGAL-000',
      organizationId: 'ORG-BIG',
      name: 'Counsel 000',
      stakeholderGroup: 'legal',
      channels: [email('legal@big.example')],
    });
    expect(legal.status).toBe(201);
    const before = await get(`/activations/${activationId}/report`);
    expect(before.body.participantsByDimension.horizontal).toEqual([
      expect.objectContaining({ organizationId: 'ORG-BIG' }),
    ]);
    // 120 `legal` contacts sort before a `technical` one (gsi4sk `<group>#<name>#<id>`): with 100 a
    // page, the one vertical contact is on page 2 of the unit's contacts.
    const stored = await item(keys.contact('CON-LEGAL-000'));
    const { gsi5pk: _pk, gsi5sk: _sk, ...copy } = stored;
    const contact = (n: number, stakeholderGroup: string, dimension: string) => {
      const id = `CON-${stakeholderGroup.toUpperCase()}-${String(n).padStart(3, '0')}`;
      const name = `${stakeholderGroup} ${String(n).padStart(3, '0')}`;
      return {
        ...copy,
        ...keys.contact(id),
        ...contactIndexKeys({ id, name, organizationId: 'ORG-BIG', stakeholderGroup, dimension }),
        id,
        name,
        stakeholderGroup,
        dimension,
      };
    };
    await seed([
      ...range(1, 120).map((n) => contact(n, 'legal', 'horizontal')),
      contact(1, 'technical', 'vertical'),
    ]);
    const after = await get(`/activations/${activationId}/report`);
    expect(after.body.participantsByDimension).toMatchObject({
      vertical: [expect.objectContaining({ organizationId: 'ORG-BIG' })],
      horizontal: [],
    });
  });

  it('an action past the first page can be changed, and the activation completes once none is open', async () => {
    for (const n of OPEN) {
      const res = await patch(`/activations/${activationId}/actions/COORD-${n}`, { status: 'completed' });
      expect(res.status).toBe(200);
    }
    const done = await post(`/activations/${activationId}/complete`, {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed' });
    expect(done.body.actions).toHaveLength(160);
  });
});

describe('an incident whose response actions exceed the first page of its aggregate Query', () => {
  const INC = 'INC-BIG-ACTIONS';

  beforeAll(async () => {
    expect(
      (
        await post('/incidents', {
          id: INC,
          title: 'Many actions',
          description: 'An incident with many response actions',
          severity: 'medium',
          category: 'malware',
        })
      ).status,
    ).toBe(201);
    expect(
      (await post(`/incidents/${INC}/actions`, { description: 'First', assignedTo: 'SOC' })).status,
    ).toBe(201);
    // ACTION-1 as the API wrote it, copied to ACTION-1 … ACTION-160 (8 KB each); only ACTION-160 is open.
    const first = await item(keys.action(INC, 1));
    await seed(
      range(1, 160).map((n) => ({
        ...first,
        ...keys.action(INC, n),
        actionId: `ACTION-${n}`,
        description: filler(8 * KB, `ACTION-${n}`),
        status: n === 160 ? 'pending' : 'completed',
      })),
    );
    await seed([{ ...(await item(keys.incident(INC))), actionSeq: 160 }]);
  });

  it('the fixture exceeds one page, both of the collection and of the incident + actions range', async () => {
    const whole = await pages({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.incident(INC).pk },
      ConsistentRead: true,
    });
    expect(whole.count).toBeGreaterThanOrEqual(2);
    expect(whole.firstPage).not.toContain(keys.action(INC, 160).sk);
    const actions = await pages({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.incident(INC).pk,
        ':from': '#INCIDENT',
        ':to': 'ACTION#\uffff',
      },
      ConsistentRead: true,
    });
    expect(actions.count).toBeGreaterThanOrEqual(2);
    expect(actions.firstPage).not.toContain(keys.action(INC, 160).sk);
  });

  it('closing is refused 409 OPEN_ACTIONS listing the late action, writing nothing', async () => {
    const before = await stack.snapshot();
    const refused = await post(`/incidents/${INC}/close`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OPEN_ACTIONS');
    expect(refused.body.error.details.map((d: { actionId: string }) => d.actionId)).toEqual(['ACTION-160']);
    expect(await stack.snapshot()).toBe(before);
  });

  it('GET returns the first page of actions with a cursor, the paged route every action, and the timeline', async () => {
    // Issue 12: no aggregate outgrows a response: GET holds the first 100 of each child kind.
    const detail = await get(`/incidents/${INC}`);
    expect(detail.status).toBe(200);
    expect(detail.body.actions).toHaveLength(100);
    expect(detail.body.nextCursors.actions).toEqual(expect.any(String));
    const all: { actionId: string; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/incidents/${INC}/actions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(160);
    expect(all.at(-1)).toMatchObject({ actionId: 'ACTION-160', status: 'pending' });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toContain('action.created');
    const report = await get(`/incidents/${INC}/report`);
    expect(report.status).toBe(200);
    expect(report.body.responseMetrics).toMatchObject({
      totalActions: 160,
      completedActions: 159,
      pendingActions: 1,
    });
  });

  it('closes once the late action is done', async () => {
    expect((await patch(`/incidents/${INC}/actions/ACTION-160`, { status: 'completed' })).status).toBe(200);
    const closed = await post(`/incidents/${INC}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
  });
});

describe('obligations past 1 MB', () => {
  const INC = 'INC-BIG-OBLIG';
  const REGIMES = ['au-ndb', 'dora', 'gdpr', 'hipaa', 'nis2', 'nydfs', 'sec-8k', 'sg-pdpa'];

  beforeAll(async () => {
    expect(
      (
        await post('/incidents', {
          id: INC,
          title: 'Many obligations',
          description: 'An incident with large obligation items',
          severity: 'high',
          category: 'data_breach',
        })
      ).status,
    ).toBe(201);
    expect((await post(`/incidents/${INC}/obligations`, { regime: 'gdpr' })).status).toBe(201);
    // The GDPR obligation as the API wrote it, copied to eight regimes with 200 KB of notes each
    // (1.6 MB: a page ends with the item that crosses 1 MB, so the last ones are on page 2).
    const first = await item(keys.obligation(INC, 'gdpr'));
    await seed(
      REGIMES.map((regime) => ({
        ...first,
        ...keys.obligation(INC, regime),
        obligationId: regime,
        regime,
        notes: filler(200 * KB, regime),
      })),
    );
  });

  it('the fixture exceeds one Query page', async () => {
    const p = await pages({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ob)',
      ExpressionAttributeValues: { ':pk': keys.incident(INC).pk, ':ob': 'OBLIG#' },
      ConsistentRead: true,
    });
    expect(p.count).toBeGreaterThanOrEqual(2);
    expect(p.firstPage.length).toBeLessThan(REGIMES.length);
  });

  it('GET …/obligations lists all eight', async () => {
    const list = await get(`/incidents/${INC}/obligations`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { regime: string }) => o.regime).sort()).toEqual([...REGIMES].sort());
  });

  it('GET /incidents/{id} carries all eight too', async () => {
    const detail = await get(`/incidents/${INC}`);
    expect(detail.status).toBe(200);
    expect(detail.body.obligations.map((o: { regime: string }) => o.regime).sort()).toEqual(
      [...REGIMES].sort(),
    );
  });
});
