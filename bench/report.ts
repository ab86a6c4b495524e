/** The Markdown rendering of a benchmark run (bench/results/latest.md). */
import type { LatencyStats } from './metrics.js';
import type { SweepBench } from './verification.js';

interface Op {
  id: string;
  method: string;
  path: string;
  kind: 'read' | 'write';
  counts: {
    dynamodbRequests: number;
    dynamodbReads: number;
    dynamodbWrites: number;
    commands: string[];
    readUnits: number;
    writeUnits: number;
    transactWriteUnits: number;
    snsPublishes: number;
    schedulerCalls: number;
  };
  latency: LatencyStats;
  aboveFloor: boolean;
  reason?: string;
  cost: { total: number; dynamodb: number; lambda: number; api: number };
  ratioToFloor: number;
  ratioToTransactFloor?: number | null;
}

interface BigRead {
  path: string;
  status: number;
  latency: LatencyStats;
  dynamodbRequests: number;
  commands: string[];
  readUnits: number;
  responseBytes: number;
  overLambdaLimit: boolean;
}

/**
 * Why a group named in the cold-start reasons is loaded eagerly, and what removing it would cost
 * (docs/decisions.md, 8). Written once here so every run's report explains its own exceptions.
 */
const WHY_GROUP: Record<string, string> = {
  zod: 'request validation with per-field 400 details, the same schemas as docs/openapi.json; already zod/mini as a namespace import (the classic API was 158 KiB here)',
  'shared/db':
    'the repositories and entity modules: `defaultDeps()` builds every repository, so each function carries all of them (a per-route set of repositories would cut about half of it, at the price of a per-handler list kept in step with the services it calls)',
  Powertools:
    'the structured JSON logger (correlation ids, cold-start flag, log level from the environment); a hand-written logger would save ≈ 20 KiB',
  'shared/domain': 'the services and pure rules this route calls (its own code path, not other areas)',
  'shared/schemas': 'the schema modules its route and services import (module granularity)',
  'shared/http':
    'request parsing, error mapping, CORS and security headers, the partner-role checks (every route)',
  'shared/config':
    'configuration read and checked once at init (table, topics, origins, the regime ids and sectors it validates)',
  '@middy/core': 'the middleware engine the handlers run on',
  'docs/openapi.json':
    'the prebuilt OpenAPI document that getOpenApi returns (embedded, not generated at init)',
  '@aws-sdk/client-sns': 'the route publishes notifications (its `uses` names sns)',
  '@aws-sdk/client-scheduler': 'the route creates or deletes schedules (its `uses` names scheduler)',
  '@aws-sdk/client-s3': 'the route signs evidence uploads and downloads or reads inbound mail',
  '@aws-sdk/s3-request-presigner': 'presigned evidence URLs',
  'postal-mime': 'parsing inbound RFC 822 mail',
};

export interface BenchReport {
  generatedAt: string;
  durationSeconds: number;
  environment: { node: string; cpu: string; cores: number; dynamodb: string; countedClients: string[] };
  settings: {
    requestsPerOperation: number;
    scale: number[];
    big: number;
    coldRuns: number;
    pageReps: number;
  };
  prices: Record<string, number | string>;
  lambdaMemoryMb: number;
  localFloor: {
    getItem: LatencyStats;
    putItem: LatencyStats;
    transactWrite3: LatencyStats;
    runnerOverhead: LatencyStats;
  };
  operations: Op[];
  scale: {
    incidents: number;
    seedSeconds: number;
    firstPage: LatencyStats;
    tenthPage: LatencyStats;
    requestsPerPage: number;
  }[];
  notMeasured: string[];
  verificationSweep: { note: string; results: SweepBench[] };
  bigIncidents: {
    id: string;
    actions: number;
    communications: number;
    timelineEntries: number;
    reads: BigRead[];
  }[];
  coldStartTarget: number;
  coldStarts: {
    name: string;
    bytes: number;
    totalBytes: number;
    beyondClientOnly: readonly { group: string; bytes: number }[];
    /** Behind an HTTP route (the target applies); false for the baselines and scheduled functions. */
    http?: boolean;
    initMs: number;
    initVsEmpty: number | null;
    initVsClientOnly: number | null;
    bytesVsClientOnly: number | null;
  }[];
  monthly: {
    workload: string;
    perOperation: { id: string; calls: number; usd: number | null }[];
    totalUsd: number;
  };
}

const usd = (x: number) => (x < 0.01 ? `$${x.toFixed(5)}` : `$${x.toFixed(4)}`);
const ms = (x: number) => x.toFixed(1);
const units = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function renderMarkdown(r: BenchReport): string {
  const lines: string[] = [];
  const p = (s = '') => lines.push(s);
  p('# Liaison benchmark: latest run');
  p();
  p(
    `Generated ${r.generatedAt} in ${r.durationSeconds} s on ${r.environment.cores} cores (${r.environment.cpu}), Node ${r.environment.node}, ${r.environment.dynamodb}. ` +
      `${r.settings.requestsPerOperation} sequential requests per operation through the local HTTP API. Regenerate with \`npm run bench\`; how to read it: bench/README.md.`,
  );
  p();
  p('## Operations');
  p();
  p(
    `Local floor in the same run: bare DynamoDB Local GetItem p50 ${ms(r.localFloor.getItem.p50)} ms (p95 ${ms(r.localFloor.getItem.p95)}, p99 ${ms(r.localFloor.getItem.p99)}), ` +
      `PutItem p50 ${ms(r.localFloor.putItem.p50)} ms (p95 ${ms(r.localFloor.putItem.p95)}, p99 ${ms(r.localFloor.putItem.p99)}), ` +
      `3-item TransactWriteItems (child + timeline entry + incident counters) p50 ${ms(r.localFloor.transactWrite3.p50)} ms (p95 ${ms(r.localFloor.transactWrite3.p95)}). ` +
      '"× floor" = operation p50 ÷ GetItem p50 (reads) or PutItem p50 (writes); "× tx floor" (writes) = p50 ÷ the 3-item transaction p50.',
  );
  p();
  p(
    `The local runner's own overhead per request (HTTP round trip + routing, answered by the runner itself: no handler, no JWT, no DynamoDB): p50 ${ms(r.localFloor.runnerOverhead.p50)} ms (p95 ${ms(r.localFloor.runnerOverhead.p95)}). ` +
      'Every operation latency below includes it; API Gateway replaces it in AWS. "× floor" does not subtract it.',
  );
  p();
  p(
    '| operation | DynamoDB requests (commands) | RRU | WRU | SNS publish | Scheduler | p50 ms | p95 ms | p99 ms | × floor | × tx floor | USD / 1,000 calls | at floor? |',
  );
  p('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const o of r.operations) {
    const c = o.counts;
    p(
      `| \`${o.id}\` ${o.method} ${o.path} | ${units(c.dynamodbRequests)} (${c.commands.join(', ')}) | ${units(c.readUnits)} | ${units(c.writeUnits + c.transactWriteUnits)} | ${units(c.snsPublishes)} | ${units(c.schedulerCalls)} | ${ms(o.latency.p50)} | ${ms(o.latency.p95)} | ${ms(o.latency.p99)} | ${o.ratioToFloor} | ${o.ratioToTransactFloor ?? ''} | ${usd(o.cost.total)} | ${o.aboveFloor ? '**above**' : 'yes'} |`,
    );
  }
  p();
  if (r.notMeasured.length > 0) {
    p(
      `**Not measured** (no fixture in test/reliability/fixtures.ts yet): ${r.notMeasured.map((id) => `\`${id}\``).join(', ')}.`,
    );
    p();
  }
  const above = r.operations.filter((o) => o.aboveFloor);
  p(
    `Floor: 1 DynamoDB request per read; 1 (transactional) write request and no read per write; 1 SNS Publish per organization per notification. ${above.length} of ${r.operations.length} operations are above it:`,
  );
  p();
  for (const o of above) p(`- \`${o.id}\` (${o.counts.commands.join(' → ')}): ${o.reason ?? ''}`);
  p();
  p(
    `SNS / Scheduler: calls counted on the process-wide ${r.environment.countedClients.join(', ')} clients the handlers use (the local SNS and Scheduler run). Each row measures its fixture's request: \`createCommunication to 2 organizations\` is the delivered notification (one Publish per organization); rows that schedule show CreateSchedule calls (reminders at a due date or clock, an escalation's next level).`,
  );
  p();
  p('## Cost');
  p();
  p(
    `Prices (${r.prices.region}, on-demand, public price pages): DynamoDB $${(Number(r.prices.dynamodbWriteRequestUnit) * 1e6).toFixed(3)} per million WRU and $${(Number(r.prices.dynamodbReadRequestUnit) * 1e6).toFixed(3)} per million RRU; ` +
      `Lambda arm64 $${r.prices.lambdaGbSecond} per GB-s and $${(Number(r.prices.lambdaRequest) * 1e6).toFixed(2)} per million requests (${r.lambdaMemoryMb} MB, billed duration ≈ local p50); ` +
      `HTTP API $${(Number(r.prices.httpApiRequest) * 1e6).toFixed(2)} per million; SNS $${(Number(r.prices.snsPublish) * 1e6).toFixed(2)} per million publishes + $${(Number(r.prices.snsHttpDelivery) * 1e6).toFixed(2)} per million HTTP deliveries. ` +
      'Free tiers, storage, logs and traces excluded. RRU and non-transactional WRU are what DynamoDB Local reported (ReturnConsumedCapacity TOTAL). ' +
      'TransactWriteItems WRU are estimated from the request (2 × ⌈KB⌉ per item and per GSI it lands in; 2 per Update/ConditionCheck), because DynamoDB Local does not report them usably.',
  );
  p();
  p(`Monthly workload: ${r.monthly.workload}.`);
  p();
  p('| operation | calls / month | USD / month |');
  p('| --- | ---: | ---: |');
  for (const m of r.monthly.perOperation)
    p(`| \`${m.id}\` | ${m.calls.toLocaleString('en-US')} | ${m.usd === null ? 'n/a' : usd(m.usd)} |`);
  p(`| **total** | | **$${r.monthly.totalUsd.toFixed(2)}** |`);
  p();
  p('## Cold start');
  p();
  p(
    `Bundles from \`bundleFunctions\` (esbuild, minified, one call, \`splitting\`: each function's asset is its index.mjs plus the shared chunks it reaches). ` +
      '"eager bytes" = index.mjs + the chunks it imports statically (parsed and evaluated at init); "total bytes" adds the chunks loaded by `import()` on first use (idempotency layer, credential providers …). ' +
      `Init = a fresh Node process timing \`import()\` of the bundle, median of ${r.settings.coldRuns} interleaved runs (Node start-up excluded). ` +
      `Target (issue 12): init and eager bytes each ≤ ${r.coldStartTarget}× the DynamoDB-client-only handler, for every HTTP function.`,
  );
  p();
  p(
    '| function | eager bytes | × client-only bytes | total bytes | init ms | × empty handler | × client-only handler | target? |',
  );
  p('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  const baselines = new Set(['baseline/empty-handler', 'baseline/client-only-handler']);
  const misses = (c: BenchReport['coldStarts'][number]) =>
    c.http !== false &&
    !baselines.has(c.name) &&
    ((c.initVsClientOnly ?? 0) > r.coldStartTarget || (c.bytesVsClientOnly ?? 0) > r.coldStartTarget);
  for (const c of r.coldStarts) {
    const verdict = baselines.has(c.name)
      ? 'baseline'
      : c.http === false
        ? 'n/a (scheduled)'
        : misses(c)
          ? '**above**'
          : 'yes';
    p(
      `| ${c.name} | ${c.bytes.toLocaleString('en-US')} | ${c.bytesVsClientOnly ?? ''} | ${(c.totalBytes ?? c.bytes).toLocaleString('en-US')} | ${ms(c.initMs)} | ${c.initVsEmpty ?? ''} | ${c.initVsClientOnly ?? ''} | ${verdict} |`,
    );
  }
  p();
  const coldAbove = r.coldStarts.filter(misses);
  if (coldAbove.length > 0) {
    p(
      `${coldAbove.length} of ${r.coldStarts.filter((c) => c.http !== false && !baselines.has(c.name)).length} HTTP functions are above the target. Measured reasons: what their eager bytes hold beyond the client-only handler (KiB in output, largest first):`,
    );
    p();
    const kib = (b: number) => (b / 1024).toFixed(0);
    for (const c of coldAbove) {
      const parts = c.beyondClientOnly.slice(0, 6).map((g) => `${g.group} ${kib(g.bytes)}`);
      p(`- \`${c.name}\` (init ×${c.initVsClientOnly}, eager ×${c.bytesVsClientOnly}): ${parts.join(', ')}`);
    }
    p();
    const named = new Set(coldAbove.flatMap((c) => c.beyondClientOnly.slice(0, 6).map((g) => g.group)));
    const why = Object.entries(WHY_GROUP).filter(([group]) => named.has(group));
    if (why.length > 0) {
      p('Why each of those groups is loaded at init (what removing it would cost):');
      p();
      for (const [group, reason] of why) p(`- ${group}: ${reason}`);
      p();
    }
  }
  p('## Scale');
  p();
  p('`GET /incidents?limit=25`, newest first (gsi1). Must stay flat as the table grows.');
  p();
  p(
    '| incidents in the table | seeding s | first page p50 / p95 ms | tenth page p50 / p95 ms | DynamoDB requests per page |',
  );
  p('| ---: | ---: | ---: | ---: | ---: |');
  for (const s of r.scale) {
    p(
      `| ${s.incidents.toLocaleString('en-US')} | ${s.seedSeconds} | ${ms(s.firstPage.p50)} / ${ms(s.firstPage.p95)} | ${ms(s.tenthPage.p50)} / ${ms(s.tenthPage.p95)} | ${s.requestsPerPage} |`,
    );
  }
  p();
  p(`Verification sweep (${r.verificationSweep.note}):`);
  p();
  p(
    '| due contacts | organizations | wall time s | index pages | DynamoDB requests | RRU | WRU (incl. transactions) | SNS calls | publishes |',
  );
  p('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const v of r.verificationSweep.results) {
    p(
      `| ${v.contacts.toLocaleString('en-US')} | ${v.organizations} | ${(v.ms / 1000).toFixed(1)} | ${v.sweep.pages} | ${v.counts.dynamodbRequests.toLocaleString('en-US')} | ${units(v.counts.readUnits)} | ${units(v.counts.writeUnits + v.counts.transactWriteUnits)} | ${v.counts.snsCalls.toLocaleString('en-US')} | ${v.counts.snsPublishes.toLocaleString('en-US')} |`,
    );
  }
  p();
  p(
    'Big incidents, seeded as the service writes them (every action and communication with its timeline entry):',
  );
  p();
  p(
    '| incident | actions | communications | timeline entries | request | status | DynamoDB requests (commands) | RRU | p50 / p95 ms | response bytes |',
  );
  p('| --- | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: |');
  for (const b of r.bigIncidents) {
    for (const read of b.reads) {
      p(
        `| ${b.id} | ${b.actions.toLocaleString('en-US')} | ${b.communications.toLocaleString('en-US')} | ${b.timelineEntries.toLocaleString('en-US')} | GET ${read.path} | ${read.status} | ${read.dynamodbRequests} (${read.commands.join(', ')}) | ${units(read.readUnits)} | ${ms(read.latency.p50)} / ${ms(read.latency.p95)} | ${read.responseBytes.toLocaleString('en-US')}${read.overLambdaLimit ? " **over Lambda's 6 MB response limit**" : ''} |`,
      );
    }
  }
  p();
  return `${lines.join('\n')}\n`;
}
