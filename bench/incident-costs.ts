/**
 * Requests, read/write units and response size of the incident operations (issue 12 items 7, 8),
 * on the local stack with request counting (bench/metrics.ts): `npx tsx bench/incident-costs.ts`.
 * A small incident (a few children) and a big one (`--big`, default 3,000 actions + 3,000
 * communications, seeded with their timeline).
 */
import { parseArgs } from 'node:util';
import { documentClient } from '../shared/db/client.js';
import { startLocalStack } from '../test/helpers/local-stack.js';
import { type Counts, countDynamoDb, measure } from './metrics.js';
import { seedBigIncident } from './seed.js';

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
const { values } = parseArgs({ options: { big: { type: 'string' } } });
const BIG = Number(values.big ?? 3000);

const row = (name: string, c: Counts, bytes?: number) =>
  `| ${name} | ${c.dynamodbRequests} (${c.commands.join(', ')}) | ${c.readUnits.toFixed(1)} | ${c.transactWriteUnits + c.writeUnits} |${bytes === undefined ? '' : ` ${(bytes / 1024).toFixed(0)} KB |`}`;

const stack = await startLocalStack({});
try {
  countDynamoDb(documentClient());
  const admin = await stack.token('admin', { sub: 'bench' });
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    stack.request(method, path, {
      token: admin,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
  const out: string[] = [
    '| operation | DynamoDB requests | RRU | WRU (est.) | response |',
    '|---|---|---|---|---|',
  ];
  await req('POST', '/incidents', {
    id: 'INC-C',
    title: 't',
    description: 'd',
    severity: 'low',
    category: 'c',
  });
  await req('POST', '/incidents/INC-C/actions', { description: 'warm', assignedTo: 'x' }); // warm trigger cache
  const ca = await measure(() =>
    req('POST', '/incidents/INC-C/actions', { description: 'a', assignedTo: 'x' }),
  );
  out.push(row('createAction', ca.counts));
  const g = await measure(() => req('GET', '/incidents/INC-C'));
  out.push(row('getIncident (small)', g.counts, Buffer.byteLength(JSON.stringify(g.result.body))));
  const etag = String(g.result.headers.etag);
  const cm = await measure(() =>
    req('POST', '/incidents/INC-C/lessons-learned', { lesson: 'l' }, { 'if-match': etag }),
  );
  out.push(row(`createLesson with If-Match (${cm.result.status})`, cm.counts));
  const stale = await measure(() =>
    req('POST', '/incidents/INC-C/lessons-learned', { lesson: 'l' }, { 'if-match': etag }),
  );
  out.push(row(`createLesson with a stale If-Match (${stale.result.status})`, stale.counts));
  await seedBigIncident(stack.documentClient, stack.tableName, 'BENCH-BIG', BIG, BIG);
  const big = await measure(() => req('GET', '/incidents/BENCH-BIG'));
  out.push(
    row(
      `getIncident (${BIG} actions + ${BIG} communications + timeline)`,
      big.counts,
      Buffer.byteLength(JSON.stringify(big.result.body)),
    ),
  );
  const page = await measure(() => req('GET', '/incidents/BENCH-BIG/actions?limit=100'));
  out.push(
    row('listIncidentActions (limit 100)', page.counts, Buffer.byteLength(JSON.stringify(page.result.body))),
  );
  const report = await measure(() => req('GET', '/incidents/BENCH-BIG/report'));
  out.push(row(`getIncidentReport (big, ${report.result.status})`, report.counts));
  console.log(out.join('\n'));
} finally {
  await stack.stop();
}
