/**
 * The verification sweep at scale (docs/verification.md): seeds N due contacts (one organization per
 * 20 contacts, plus an internal organization with two coordination contacts) into a fresh table of
 * DynamoDB Local, runs the real sweep (`runVerificationSweep` with `publishDirect` on the local SNS,
 * topic lookups cached per run as the Scheduler target does) and counts what it cost: wall time,
 * DynamoDB requests by command, read/write units, SNS calls and publishes.
 *
 *   npx tsx bench/verification.ts                     # 1,000 and 10,000 contacts
 *   npx tsx bench/verification.ts --contacts 1000     # one size
 *
 * Not part of `npm test`; needs Java 17+ like the integration tests. Prints a table and JSON.
 */

import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable, localDynamoDbClient } from '../infra/local/dynamodb.js';
import { LOCAL_TOPICS } from '../infra/local/scheduled.js';
import { LOCAL_REGION } from '../infra/local/server.js';
import { createSnsClient, snsPublisher } from '../shared/aws/sns.js';
import type { TableContext } from '../shared/db/context.js';
import {
  contactIndexKeys,
  contactVerificationIndexKeys,
  keys,
  organizationIndexKeys,
} from '../shared/db/keys.js';
import { createRepositories } from '../shared/db/repos/index.js';
import type { Deps } from '../shared/deps.js';
import { attemptPublish } from '../shared/domain/notifications/delivery.js';
import { publishDirect } from '../shared/domain/notifications/notice.js';
import { runVerificationSweep } from '../shared/domain/verification/sweep.js';
import { cachedTopics } from '../shared/domain/verification/topics-cache.js';
import { startLocalStack } from '../test/helpers/local-stack.js';
import { type Counts, countCalls, countDynamoDb, measure } from './metrics.js';

const NOW = new Date();
const DUE = new Date(NOW.getTime() - 86_400_000).toISOString();
const CREATED = new Date(NOW.getTime() - 91 * 86_400_000).toISOString();

function organization(id: string, kind: string) {
  const org = { id, name: id, kind, createdAt: CREATED, updatedAt: CREATED, createdBy: 'bench', version: 1 };
  return { ...org, ...keys.organization(id), entity: 'organization', ...organizationIndexKeys(org) };
}

function contact(id: string, organizationId: string, stakeholderGroup: string, dimension: string) {
  const c = {
    id,
    organizationId,
    name: `Contact ${id}`,
    stakeholderGroup,
    dimension,
    channels: [{ type: 'email', address: `${id.toLowerCase()}@example.com`, priority: 'primary' }],
    alternates: [],
    alternateOf: [],
    referencedBy: [],
    verificationIntervalDays: 90,
    verificationStatus: 'pending',
    lastVerifiedAt: null,
    nextVerificationDue: DUE,
    createdAt: CREATED,
    createdBy: 'bench',
    updatedAt: CREATED,
    deletedAt: null,
    deletedBy: null,
    version: 1,
  };
  return {
    ...c,
    ...keys.contact(id),
    entity: 'contact',
    ...contactIndexKeys(c),
    ...contactVerificationIndexKeys(c),
  };
}

async function seed(deps: TableContext, n: number): Promise<void> {
  const items: Record<string, unknown>[] = [organization('ORG-INTERNAL', 'internal')];
  items.push(contact('CON-COORD-1', 'ORG-INTERNAL', 'coordination', 'horizontal'));
  items.push(contact('CON-COORD-2', 'ORG-INTERNAL', 'coordination', 'horizontal'));
  const orgs = Math.ceil((n - 2) / 20);
  for (let o = 0; o < orgs; o++) items.push(organization(`ORG-${o}`, 'partner'));
  for (let i = 0; i < n - 2; i++) items.push(contact(`CON-${i}`, `ORG-${i % orgs}`, 'partners', 'external'));
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, unknown[]> | undefined = {
      [deps.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (pending && Object.keys(pending).length > 0) {
      const res = await deps.db.send(new BatchWriteCommand({ RequestItems: pending as never }));
      pending = res.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
}

export interface SweepBench {
  contacts: number;
  organizations: number;
  ms: number;
  counts: Omit<Counts, 'commands'> & { commands: Record<string, number> };
  sweep: { sent: number; failed: number; pages: number };
}

/** Seeds and sweeps each size in a fresh table; also run by `npm run bench` (bench/run.ts). */
export async function benchVerificationSweep(sizes: readonly number[]): Promise<SweepBench[]> {
  const stack = await startLocalStack({ sns: true });
  const low = localDynamoDbClient(stack.endpoint);
  const sns = createSnsClient({ region: LOCAL_REGION, endpoint: stack.sns.endpoint });
  countDynamoDb(stack.documentClient);
  countCalls(sns, 'sns');
  const results: SweepBench[] = [];
  try {
    for (const n of sizes) {
      const tableName = `liaison-bench-verify-${n}-${Date.now()}`;
      await ensureTable(low, tableName);
      const table: TableContext = { db: stack.documentClient, tableName };
      const deps: Deps = {
        repos: createRepositories({ db: stack.documentClient, tableName }),
        now: () => new Date(),
        newId: () => randomUUID(),
      };
      await seed(table, n);
      const notify = cachedTopics({ publisher: snsPublisher(sns, LOCAL_TOPICS) });
      const started = performance.now();
      const { result, counts } = await measure(() =>
        runVerificationSweep(deps, {
          settings: { tokenDays: 14, graceDays: 14, publicBaseUrl: 'https://api.example.com' },
          publish: (m) => publishDirect(deps, notify, m),
          deliver: (item) => attemptPublish(deps, notify, item),
          remainingMs: () => Number.POSITIVE_INFINITY,
        }),
      );
      const ms = Math.round(performance.now() - started);
      if (result.status !== 'done') throw new Error('sweep did not finish');
      const commands: Record<string, number> = {};
      for (const c of counts.commands) commands[c] = (commands[c] ?? 0) + 1;
      results.push({
        contacts: n,
        organizations: Math.ceil((n - 2) / 20) + 1,
        ms,
        counts: { ...counts, commands },
        sweep: {
          sent: result.result.counts.sent,
          failed: result.result.counts.failed,
          pages: result.run.pages,
        },
      });
    }
  } finally {
    sns.destroy();
    low.destroy();
    await stack.stop();
  }
  return results;
}

/** One line per size (also printed by `npm run bench`). */
export function describeSweep(r: SweepBench): string {
  return (
    `${r.contacts} contacts / ${r.organizations} organizations: ${r.ms} ms, sent ${r.sweep.sent} (failed ${r.sweep.failed}), ` +
    `${r.sweep.pages} index pages\n  DynamoDB ${r.counts.dynamodbRequests} requests (${r.counts.dynamodbReads} reads, ${r.counts.dynamodbWrites} writes): ` +
    `${JSON.stringify(r.counts.commands)}; RRU ${r.counts.readUnits}, WRU ${r.counts.writeUnits} + transactions ~${r.counts.transactWriteUnits}\n` +
    `  SNS ${r.counts.snsCalls} calls, ${r.counts.snsPublishes} publishes`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: flags } = parseArgs({ options: { contacts: { type: 'string' } } });
  const results = await benchVerificationSweep((flags.contacts ?? '1000,10000').split(',').map(Number));
  for (const r of results) process.stdout.write(`${describeSweep(r)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
