/**
 * "Did that request write anything?" — answered from the table's DynamoDB stream instead of a
 * Scan of the whole table before and after. The reliability suites ask it after every refused
 * request (thousands of times a run); a consistent Scan of a shard's table grew to 117 KB and took
 * 60 % of the fuzzing suite's time (22.7 s of 37.9 s, 1,681 Scans), while reading the stream costs
 * one GetRecords per shard whatever the table holds.
 *
 * The stream (KEYS_ONLY) is turned on for the test table only (`ensureTable` of `npm start` is
 * unchanged). It sees every write from every client (handlers, idempotency records, the outbox):
 * a conditional write that fails leaves no record; a write that stores the same values again does
 * (a refused request must not write at all); an item put and deleted again within one window (the
 * idempotency layer's in-progress record of a request that is then refused) is no net write. Not counted, as in `tableSnapshot`: the failed-attempt
 * counters that refusals of POST /verify/{token} write by design, and deletions by TTL (the
 * service's own, `userIdentity.PrincipalId` dynamodb.amazonaws.com).
 * `test/integration/table-writes.test.ts` proves a write made just before `drain()` is seen.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { RATE_LIMIT_PREFIX } from '../../shared/db/keys.js';
import { TABLE } from '../../shared/db/table.js';

export interface WriteWatch {
  /**
   * `pk|sk` of every item written since the previous call (the first: since the watch started),
   * except items both created and deleted in that window (no net change, as a Scan would see).
   */
  drain(): Promise<string[]>;
}

const TTL_PRINCIPAL = 'dynamodb.amazonaws.com';

export async function watchWrites(
  client: DynamoDBClient,
  endpoint: string,
  tableName: string,
): Promise<WriteWatch> {
  let streamArn = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table
    ?.LatestStreamArn;
  if (!streamArn) {
    const updated = await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    streamArn = updated.TableDescription?.LatestStreamArn;
  }
  if (!streamArn) throw new Error(`table ${tableName} has no stream after enabling it`);
  const arn = streamArn;
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  // Shard id → the iterator to read from next (undefined: the shard is closed and read to its end).
  const iterators = new Map<string, string | undefined>();
  // Shard id → the sequence number of the last record read (records are ordered within a shard).
  const lastSeq = new Map<string, bigint>();
  async function shards(): Promise<{ id: string }[]> {
    const out: { id: string }[] = [];
    let start: string | undefined;
    do {
      const res = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ...(start ? { ExclusiveStartShardId: start } : {}) }),
      );
      for (const s of res.StreamDescription?.Shards ?? []) if (s.ShardId) out.push({ id: s.ShardId });
      start = res.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return out;
  }
  async function iterator(shardId: string, type: 'LATEST' | 'TRIM_HORIZON'): Promise<string | undefined> {
    const res = await streams.send(
      new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: type }),
    );
    return res.ShardIterator;
  }
  // Existing shards are read from now on; shards that appear later are read from their start.
  for (const s of await shards()) iterators.set(s.id, await iterator(s.id, 'LATEST'));

  return {
    async drain() {
      for (const s of await shards()) {
        if (!iterators.has(s.id)) iterators.set(s.id, await iterator(s.id, 'TRIM_HORIZON'));
      }
      // Key → its first and last event in this window: an item created and deleted again (the
      // idempotency layer's in-progress record of a request that then fails) is no net write.
      const events = new Map<string, { first: string; last: string }>();
      for (const [shardId, start] of iterators) {
        let it = start;
        while (it) {
          let res: GetRecordsCommandOutput;
          try {
            res = await streams.send(new GetRecordsCommand({ ShardIterator: it }));
          } catch (error) {
            // DynamoDB Local sometimes trims a shard under a held iterator (many files share one
            // instance): read the shard again from its oldest record, skipping what was read.
            if (!(error instanceof TrimmedDataAccessException || error instanceof ExpiredIteratorException))
              throw error;
            it = await iterator(shardId, 'TRIM_HORIZON');
            continue;
          }
          for (const r of res.Records ?? []) {
            const seq = BigInt(r.dynamodb?.SequenceNumber ?? '0');
            if (seq <= (lastSeq.get(shardId) ?? -1n)) continue;
            lastSeq.set(shardId, seq);
            const keys = r.dynamodb?.Keys;
            const pk = keys?.[TABLE.partitionKey]?.S ?? '';
            if (pk.startsWith(RATE_LIMIT_PREFIX)) continue;
            if (r.eventName === 'REMOVE' && r.userIdentity?.PrincipalId === TTL_PRINCIPAL) continue;
            const key = `${pk}|${keys?.[TABLE.sortKey]?.S ?? ''}`;
            const seen = events.get(key);
            events.set(key, { first: seen?.first ?? r.eventName ?? '', last: r.eventName ?? '' });
          }
          // An open shard always hands back a next iterator: keep it and stop once caught up.
          if (!res.Records?.length) {
            iterators.set(shardId, res.NextShardIterator);
            break;
          }
          it = res.NextShardIterator;
          iterators.set(shardId, it);
        }
      }
      return [...events]
        .filter(([, e]) => !(e.first === 'INSERT' && e.last === 'REMOVE'))
        .map(([key]) => key);
    },
  };
}
