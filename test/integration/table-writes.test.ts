/**
 * The write watch of the reliability suites (test/helpers/table-writes.ts) must see every write,
 * or "a refused request wrote nothing" would pass vacuously.
 */
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_PREFIX } from '../../shared/db/keys.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ console: false });
});
afterAll(async () => stack?.stop());

describe('write watch', () => {
  it('sees each write made just before drain(), once, and nothing else', async () => {
    const db = stack.documentClient;
    const TableName = stack.tableName;
    const watch = await stack.watchWrites();
    expect(await watch.drain()).toEqual([]);

    await db.send(new PutCommand({ TableName, Item: { pk: 'W#1', sk: 'A', v: 1 } }));
    expect(await watch.drain()).toEqual(['W#1|A']);
    expect(await watch.drain()).toEqual([]);

    await db.send(
      new UpdateCommand({
        TableName,
        Key: { pk: 'W#1', sk: 'A' },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': 2 },
      }),
    );
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName, Item: { pk: 'W#2', sk: 'B' } } },
          { Delete: { TableName, Key: { pk: 'W#1', sk: 'A' } } },
        ],
      }),
    );
    // W#1 was updated, then deleted: a net change (it existed before this window).
    expect((await watch.drain()).sort()).toEqual(['W#1|A', 'W#2|B']);
  });

  it('does not count an item created and deleted again within one window (no net change)', async () => {
    const db = stack.documentClient;
    const TableName = stack.tableName;
    await db.send(new PutCommand({ TableName, Item: { pk: 'W#4', sk: 'D' } }));
    const watch = await stack.watchWrites();
    await db.send(new PutCommand({ TableName, Item: { pk: 'W#3', sk: 'C' } }));
    await db.send(new DeleteCommand({ TableName, Key: { pk: 'W#3', sk: 'C' } }));
    expect(await watch.drain()).toEqual([]);
    // …but deleting an item that was there before is a write.
    await db.send(new DeleteCommand({ TableName, Key: { pk: 'W#4', sk: 'D' } }));
    expect(await watch.drain()).toEqual(['W#4|D']);
  });

  it('does not count a failed conditional write, nor the verification rate-limit counters', async () => {
    const db = stack.documentClient;
    const TableName = stack.tableName;
    const watch = await stack.watchWrites();
    await expect(
      db.send(
        new PutCommand({
          TableName,
          Item: { pk: 'W#2', sk: 'B' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toThrow(/conditional/i);
    await db.send(new PutCommand({ TableName, Item: { pk: `${RATE_LIMIT_PREFIX}x`, sk: 'n', n: 1 } }));
    expect(await watch.drain()).toEqual([]);
  });
});
