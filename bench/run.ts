/**
 * `npm run bench`: the Liaison benchmark against the local stack (DynamoDB Local + the local HTTP
 * API running the real handlers in this process). Writes bench/results/latest.json and
 * bench/results/latest.md (quick.json and quick.md with --quick) and prints the Markdown. See
 * bench/README.md.
 *
 *   npm run bench                      # full run (scale 1,000 and 100,000 incidents)
 *   npm run bench -- --quick           # smoke run: few requests, scale 1,000 only
 *   npm run bench -- --requests 200 --scale 1000,10000 --cold-runs 9 --big 1000
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../shared/db/client.js';
import { keys } from '../shared/db/keys.js';
import { type Route, routes } from '../shared/routes.js';
import { startLocalStack } from '../test/helpers/local-stack.js';
import { type Arrange, routesWithoutFixture, uniqueIds, validRequest } from '../test/reliability/fixtures.js';
import { CLIENT_ONLY, type ColdStart, EMPTY, measureColdStarts } from './cold-start.js';
import {
  costPer1000,
  LAMBDA_MEMORY_MB,
  MONTHLY_VERIFIED_CONTACTS,
  MONTHLY_WORKLOAD,
  PRICES,
  WORKLOAD_DESCRIPTION,
} from './cost.js';
import {
  type Counts,
  countCalls,
  countDynamoDb,
  type LatencyStats,
  latencyStats,
  measure,
} from './metrics.js';
import { renderMarkdown } from './report.js';
import { seedBigIncident, seedIncidents } from './seed.js';
import { benchVerificationSweep, describeSweep, type SweepBench } from './verification.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string' },
    scale: { type: 'string' },
    contacts: { type: 'string' },
    big: { type: 'string' },
    huge: { type: 'string' },
    'cold-runs': { type: 'string' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const QUICK = flags.quick === true;
const REQUESTS = Number(flags.requests ?? (QUICK ? 20 : 100));
const SCALES = (flags.scale ?? (QUICK ? '1000' : '1000,100000')).split(',').map(Number);
const SWEEP_SIZES = (flags.contacts ?? (QUICK ? '1000' : '1000,10000')).split(',').map(Number);
const BIG = Number(flags.big ?? 1000);
/** Children of the "huge" incident: actions + communications, half each, each with its timeline entry. */
const HUGE = Number(flags.huge ?? (QUICK ? 2000 : 10000));
/** Lambda's synchronous response payload limit (6 MB): a larger answer fails in AWS. */
const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
const COLD_RUNS = Number(flags['cold-runs'] ?? (QUICK ? 3 : 7));
const PAGE_REPS = QUICK ? 10 : 30;
const OUT_DIR = flags.out ?? fileURLToPath(new URL('./results/', import.meta.url));

/** Cold-start target of issue 12, same run: init and eager bytes each ≤ this × the client-only handler. */
const COLD_START_TARGET = 1.5;

/** Why an operation needs more than its floor (1 request per read; 1 write request, 0 reads, per write). */
const ABOVE_FLOOR_REASONS: Readonly<Record<string, string>> = {
  updateThirdParty:
    'reads the item first: the put is conditioned on the version it read (optimistic concurrency)',
  updateOrganization: 'reads the item first: the put is conditioned on the version it read',
  updateAgreement: 'reads the agreement first: the put is conditioned on the version it read',
  updateContact: 'reads the contact first: the put is conditioned on the version it read',
  deleteContact:
    'reads the contact first to answer 404 and condition the delete; then UpdateItem of its subscription state after SNS Unsubscribe',
  createAgreement: 'reads the organization first: an agreement needs an existing organization',
  createContact:
    'reads the organization first (a contact needs an existing organization); then UpdateItem of its subscription state after SNS Subscribe',
  assessImpact:
    "GetItem of the incident: the priority rule and the version condition need its current state (cold, as createAction; the same instance's next assessment of the incident is the transaction alone)",
  createAction:
    "GetItem of the incident: next ACTION-n, the open-status rule, the default priority and the version condition come from it. Measured cold (a fresh incident per request: the first createAction of this function instance on it). The next createAction of the same instance on the same incident is ONE TransactWriteItems (the state it wrote, shared/domain/incidents/last-seen.ts; row `createAction, again on the same incident`); counters on a separate item cannot remove the read: ACTION-n is in the child's key, so its number must be known before the write",
  createCommunication:
    'GetItem of the incident: next COMM-n, the TLP marking and the version condition come from it (cold, as createAction; the next one of the same instance on the same incident is the transaction alone)',
  previewCommunication:
    'GetItem of the incident (TLP, open); with recipients also the contacts, organizations and agreements the TLP rule reads (as createCommunication); writes nothing',
  getDashboard:
    'Query of open incidents (gsi2) + Query of the period (gsi1), each incident carrying its dashboard summary (docs/data-model.md pattern 36: no per-incident read; was 229 requests) + the sweep run pointer and its stored results (2 GetItems)',
  createEscalation:
    'GetItem of the incident: next ESC-n, the priority rule and the version condition (cold, as createAction; the next one of the same instance on the same incident is the transaction alone)',
  createLesson:
    'GetItem of the incident: next LESSON-n and the version condition come from it (cold, as createAction; the next one of the same instance on the same incident is the transaction alone)',
  reopenIncident:
    'GetItem of the incident: the rule (only closed incidents) and the version condition (cold, as createAction)',
  updateIncident:
    'GetItem of the incident: the priority rule, the third parties already affected and the version condition',
  updateAction: 'BatchGetItem of incident + action: the transition rule and both version conditions',
  closeIncident:
    'Query of incident + actions: closing is refused while actions are pending; Query of its chains: active ones stop in the close transaction (one more Query than before, 4 requests; then one DeleteSchedule per stopped chain)',
  getIncidentTimeline: 'an empty first page reads the incident to tell "no entries" from 404',
  listAgreements: 'reads the organization and its agreements',
  updateTemplate:
    'reads the template head first: the new version number and the version condition come from it',
  approveTemplate:
    'two sequential GetItems (head, then the version it names) before the transaction; AVOIDABLE: one BatchGetItem when the version is given',
  previewTemplate:
    'three sequential GetItems (head, version, incident); AVOIDABLE: one BatchGetItem (2 requests with an unpinned version)',
  attachObligation: 'BatchGetItem of incident + existing obligation: the rules and both conditions need them',
  listObligations:
    'GetItem of the incident + Query of its obligations, in parallel; AVOIDABLE: one Query of the collection (incident sk and OBL# range)',
  updateObligation: 'BatchGetItem of incident + obligation: the rules and both version conditions need them',
  createSubmission: 'BatchGetItem of incident + obligation: the rules and both version conditions need them',
  createThirdParty:
    'PutItem of the organization, then UpdateItem of its topicArn after SNS CreateTopic (the topic is not a DynamoDB write; it is created once the organization exists)',
  createOrganization:
    'PutItem of the organization, then UpdateItem of its topicArn after SNS CreateTopic (the topic is not a DynamoDB write; it is created once the organization exists)',
  activatePlaybook:
    'reads the playbook, the participating organizations and their contacts (the notice recipients), the incident and the agreements (TLP), then ONE transaction: the activation AND its activation.started notice (communication + outbox); 7 requests, was 9 (the second incident read and transaction are gone)',
  createCoordinatedAction:
    'activation pointer + incident + activation collection (Query) before the transaction: the COORD-n counter, the rules and the version conditions',
  updateCoordinatedAction:
    'activation pointer + incident + activation collection before the transaction; after it, the chain check (incident + its chains) that stops an activation chain once no action is pending',
  createActivationEscalation:
    'activation pointer + incident + activation collection (Query): the ESC-n counter and the version conditions',
  completeActivation:
    'activation pointer + incident + activation collection: completing is refused while actions are open',
  updateChannel: 'reads the channel first: the version condition and the participants to check',
  updatePlaybook:
    'reads the playbook head first: the new version number and the version condition come from it',
  getActivationReport:
    'activation pointer + incident (partner visibility) + activation collection, then the participating organizations (their kind and contacts decide the dimension); AVOIDABLE in part: one BatchGetItem for the organizations',
  getIncidentReport:
    'the incident collection (Query), then its participating organizations (kind → dimension); AVOIDABLE: keep the organization kind on the participant entries',
  verifyContact:
    'the token (by hash), the per-IP failure counter and the contact, then ONE transaction (token used + contact verified)',
  getVerifyPage:
    'the per-IP failure counter, the token (by hash) and the contact: reads only, the token stays unused',
  acknowledgeByLink:
    'the per-IP failure counter and the token (by hash), then the incident + its chains (Query) before the ONE transaction (token used + incident acknowledged + active chains ended + timeline)',
  getAcknowledgePage:
    'the per-IP failure counter and the token (by hash): reads only, the token stays unused',
  getDirectoryHealth:
    'the last sweep run pointer and its stored results (two GetItems, independent of the directory size)',
  startEscalationChain:
    'policy, incident and its chains before the chain transaction; then level 1: the next schedule, the notice reads (incident, contacts, agreements) and ONE transaction holding the claim, the step and the notice (2 UpdateItems fewer than before: claim and recorded step)',
  acknowledgeIncident:
    'incident + its chains (Query) before the ONE transaction that stops every active chain',
  assignIncidentRole:
    'GetItem of the incident: the authority rule, the history sequence and the version condition',
  changeIncidentTlp: 'GetItem of the incident: the authority rule and the version condition',
  updateEscalationPolicy:
    'reads the policy first: the version condition and the contact references to release',
  updateEscalationTrigger: 'reads the trigger first: the version condition',
  createExercise:
    'checks before any write (organizations or playbook, the exercise id, the notice recipients), creates one schedule per inject, then ONE transaction: the exercise incident, its links and timeline, the activation and its notice when a playbook is named, the exercise item (docs/exercises.md, "Starting: one transaction")',
  getExercise: 'one Query of the exercise partition (record, fired injects, findings)',
  getExerciseReport:
    'the exercise partition (Query), the bounded incident read (9 parallel requests) and one BatchGetItem of the contacts its messages went to',
  createExerciseFinding:
    'the exercise partition (Query) before ONE transaction (exercise version + finding); a contactId adds its BatchGetItem',
  raiseExerciseFinding:
    "the exercise partition (Query) and, by kind, the playbook head or the contact (GetItem), then ONE transaction: the finding's link and the agreement update (with its checks) / playbook version / flagged contact; a contract update first creates its two reminder schedules",
  endExercise:
    'the report reads (partition, incident, contacts), then the versioned PutItem of the exercise with its frozen results',
  compareExercises:
    'GetItem of the playbook (404) and one gsi1 Query of its exercises (results frozen on each item)',
  'createCommunication to 2 organizations':
    'reads the incident (TLP, template) and resolves the recipients (contacts BatchGetItem, one agreements Query per organization for its TLP ceiling) before the ONE transaction (communication + 2 outbox items + timeline, decided on the incident the plan read: no second read); after it, per organization one Publish and its outcome on the outbox item and on the communication (UpdateItem each), and the overall delivery status once all settled; AVOIDABLE: one communication update after all publishes instead of one per organization',
  'createCommunication + Idempotency-Key':
    'idempotency record: PutItem (in progress) before, UpdateItem (answer) after the operation',
};

interface OperationResult {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly kind: 'read' | 'write';
  readonly status: number;
  readonly counts: Counts;
  readonly latency: LatencyStats;
  readonly floor: { readonly requests: number; readonly reads: number; readonly writes: number };
  readonly aboveFloor: boolean;
  readonly reason?: string;
  readonly cost: ReturnType<typeof costPer1000>;
  readonly ratioToFloor: number;
  /** Writes: p50 ÷ the bare 3-item TransactWriteItems p50 (null for reads). */
  readonly ratioToTransactFloor: number | null;
}

function perCall(all: Counts[]): Counts {
  const n = Math.max(1, all.length);
  const avg = (f: (c: Counts) => number) => Math.round((all.reduce((s, c) => s + f(c), 0) / n) * 100) / 100;
  return {
    dynamodbRequests: avg((c) => c.dynamodbRequests),
    dynamodbReads: avg((c) => c.dynamodbReads),
    dynamodbWrites: avg((c) => c.dynamodbWrites),
    commands: all[0]?.commands ?? [],
    readUnits: avg((c) => c.readUnits),
    writeUnits: avg((c) => c.writeUnits),
    transactWriteUnits: avg((c) => c.transactWriteUnits),
    transactWriteUnitsReportedLocally: avg((c) => c.transactWriteUnitsReportedLocally),
    snsCalls: avg((c) => c.snsCalls),
    snsPublishes: avg((c) => c.snsPublishes),
    schedulerCalls: avg((c) => c.schedulerCalls),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  // Routes without a fixture are not measured; the reliability suites fail on them, the report lists them.
  const missing = routesWithoutFixture();
  const log = (message: string) =>
    console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);

  log('starting DynamoDB Local and the local API');
  // With the local SNS and Scheduler, so that notifying and scheduling operations are measured whole.
  const stack = await startLocalStack({
    sns: true,
    scheduler: {},
    log: (m, e) => console.error(`[local-api] ${m}`, e ?? ''),
  });
  try {
    // Counters on the clients the handlers use (same process).
    countDynamoDb(documentClient());
    const services: string[] = [];
    try {
      const { snsClient } = await import('../shared/aws/sns.js');
      countCalls(snsClient(), 'sns');
      services.push('sns');
    } catch (error) {
      log(`SNS client not counted: ${(error as Error).message}`);
    }
    try {
      const { schedulerClient } = await import('../shared/aws/scheduler.js');
      countCalls(schedulerClient(), 'scheduler');
      services.push('scheduler');
    } catch (error) {
      log(`Scheduler client not counted: ${(error as Error).message}`);
    }

    const admin = await stack.token('admin', { sub: 'bench' });
    const a: Arrange = { stack, admin, unique: uniqueIds(`b${Date.now().toString(36)}`) };
    const timed = async (fn: () => Promise<{ status: number }>) => {
      const t = performance.now();
      const r = await fn();
      return { ms: performance.now() - t, status: r.status };
    };

    // ---- the local floor: bare GetItem / PutItem on DynamoDB Local, same run, warm JVM ----
    const measureFloor = async () => {
      log(`local floor: ${REQUESTS} bare GetItem and PutItem (after ${REQUESTS} warm-up calls)`);
      const bareKey = keys.incident('BENCH-BARE');
      const bareGet: number[] = [];
      const barePut: number[] = [];
      const bareTx: number[] = [];
      const runner: number[] = [];
      for (let i = 0; i < 2 * REQUESTS; i++) {
        let t = performance.now();
        await stack.documentClient.send(
          new PutCommand({ TableName: stack.tableName, Item: { ...bareKey, v: i } }),
        );
        const put = performance.now() - t;
        t = performance.now();
        await stack.documentClient.send(
          new GetCommand({ TableName: stack.tableName, Key: bareKey, ConsistentRead: true }),
        );
        const get = performance.now() - t;
        // The floor of a write that creates a child: 3 items (the child, its timeline entry, the
        // incident's counters) in one conditional transaction.
        t = performance.now();
        await stack.documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: stack.tableName, Item: { ...keys.action('BENCH-BARE', i + 1), v: i } } },
              { Put: { TableName: stack.tableName, Item: { ...keys.timeline('BENCH-BARE', i + 1), v: i } } },
              {
                Update: {
                  TableName: stack.tableName,
                  Key: bareKey,
                  UpdateExpression: 'SET v = :v',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':v': i },
                },
              },
            ],
          }),
        );
        const tx = performance.now() - t;
        // The local runner's own overhead: a request it answers itself (no route: 404), i.e. HTTP
        // round trip + routing, without handler, JWT verification or DynamoDB.
        t = performance.now();
        await stack.request('GET', '/__bench/no-such-route');
        const own = performance.now() - t;
        if (i >= REQUESTS) {
          barePut.push(put);
          bareGet.push(get);
          bareTx.push(tx);
          runner.push(own);
        }
      }
      return {
        getItem: latencyStats(bareGet),
        putItem: latencyStats(barePut),
        transactWrite3: latencyStats(bareTx),
        runnerOverhead: latencyStats(runner),
      };
    };

    // ---- every operation of the route table ----
    const operations: { -readonly [K in keyof OperationResult]: OperationResult[K] }[] = [];
    type Request = Awaited<ReturnType<typeof validRequest>>;
    const runOperation = async (
      route: Route,
      label: string,
      idempotent: boolean,
      build: () => Promise<Request> = () => validRequest(route, a),
    ) => {
      const kind = route.method === 'GET' ? 'read' : 'write';
      const samples: number[] = [];
      const counts: Counts[] = [];
      let status = 0;
      let shared: Request | undefined;
      for (let i = 0; i < REQUESTS; i++) {
        if (kind === 'write' || shared === undefined) shared = await build();
        const req = shared;
        const headers = idempotent ? { 'idempotency-key': `bench-${label}-${i}-${Date.now()}` } : undefined;
        const { result, counts: c } = await measure(() =>
          timed(() =>
            stack.request(route.method, req.path, {
              token: admin,
              ...(req.body === undefined ? {} : { body: req.body }),
              ...(req.query === undefined ? {} : { query: req.query }),
              ...(headers ? { headers } : {}),
            }),
          ),
        );
        status = result.status;
        if (status < 200 || status > 299)
          throw new Error(`${label}: ${route.method} ${req.path} answered ${status}`);
        samples.push(result.ms);
        counts.push(c);
      }
      const c = perCall(counts);
      const latency = latencyStats(samples);
      const floorCounts =
        kind === 'read' ? { requests: 1, reads: 1, writes: 0 } : { requests: 1, reads: 0, writes: 1 };
      const aboveFloor =
        c.dynamodbRequests > floorCounts.requests ||
        c.dynamodbWrites > floorCounts.writes ||
        (kind === 'read' && c.dynamodbReads > 1);
      operations.push({
        id: label,
        method: route.method,
        path: route.path,
        kind,
        status,
        counts: c,
        latency,
        floor: floorCounts,
        aboveFloor,
        ...(aboveFloor
          ? { reason: ABOVE_FLOOR_REASONS[label] ?? 'NO REASON RECORDED: investigate (bench/run.ts)' }
          : {}),
        cost: costPer1000({ ...c, durationMs: latency.p50 }),
        ratioToFloor: 0, // set once the floor is measured
        ratioToTransactFloor: null,
      });
      log(
        `${label}: p50 ${latency.p50} ms, ${c.dynamodbRequests} DynamoDB request(s) [${c.commands.join(', ')}]`,
      );
    };
    await measureFloor(); // warm-up of DynamoDB Local's JVM; discarded
    for (const route of routes) {
      if (missing.includes(route.id))
        log(`${route.id}: NOT MEASURED (no fixture in test/reliability/fixtures.ts)`);
      else await runOperation(route, route.id, false);
    }
    const action = routes.find((r) => r.id === 'createAction');
    if (action) {
      // A coordinator adding actions one after another: the same function instance, the same incident.
      let same: Request | undefined;
      await runOperation(action, 'createAction, again on the same incident', false, async () => {
        if (!same) {
          same = await validRequest(action, a);
          const warm = await stack.request('POST', same.path, { token: admin, body: same.body });
          if (warm.status !== 201) throw new Error(`createAction warm-up answered ${warm.status}`);
        }
        return same;
      });
    }
    const comm = routes.find((r) => r.id === 'createCommunication');
    if (comm) {
      await runOperation(comm, 'createCommunication + Idempotency-Key', true);
      // A delivered notification: recipients in two organizations → one Publish per organization.
      const recipients: string[] = [];
      for (const org of ['BENCH-ORG-A', 'BENCH-ORG-B']) {
        const call = (path: string, body: unknown) => stack.request('POST', path, { token: admin, body });
        await call('/organizations', { id: org, name: org, kind: 'partner' });
        await call(`/organizations/${org}/agreements`, {
          type: 'nda',
          reference: `NDA-${org}`,
          signedAt: '2020-01-01T00:00:00Z',
          tlpCeiling: 'AMBER',
        });
        const contact = await call('/contacts', {
          organizationId: org,
          name: `${org} on call`,
          stakeholderGroup: 'partners',
          channels: [
            {
              type: 'sms',
              address: org.endsWith('A') ? '+14155550101' : '+14155550102',
              priority: 'primary',
            },
          ],
        });
        recipients.push(contact.body.id as string);
      }
      const base = await validRequest(comm, a);
      await runOperation(comm, 'createCommunication to 2 organizations', false, async () => ({
        ...base,
        body: {
          type: 'notification',
          direction: 'outbound',
          subject: 'Bench notification',
          content: 'Two organizations, one Publish each',
          recipients: { contacts: recipients },
        },
      }));
    }
    const floor = await measureFloor();
    for (const o of operations) {
      const ref = o.kind === 'read' ? floor.getItem.p50 : floor.putItem.p50;
      o.ratioToFloor = Math.round((o.latency.p50 / Math.max(0.01, ref)) * 10) / 10;
      if (o.kind === 'write') {
        o.ratioToTransactFloor =
          Math.round((o.latency.p50 / Math.max(0.01, floor.transactWrite3.p50)) * 10) / 10;
      }
    }

    // ---- scale: GET /incidents first and tenth page ----
    const listRoute = routes.find((r) => r.id === 'listIncidents');
    const scale: {
      incidents: number;
      seedSeconds: number;
      firstPage: LatencyStats;
      tenthPage: LatencyStats;
      requestsPerPage: number;
    }[] = [];
    let seeded = 0;
    for (const target of SCALES) {
      if (!listRoute) break;
      log(`seeding up to ${target} incidents (BatchWriteItem, 25 per request, 8 in flight)`);
      const seedSeconds = await seedIncidents(stack.documentClient, stack.tableName, seeded, target - seeded);
      seeded = target;
      log(`seeded ${target} in ${seedSeconds.toFixed(1)} s`);
      const page = (cursor?: string) =>
        stack.request('GET', '/incidents', {
          token: admin,
          query: { limit: 25, ...(cursor ? { cursor } : {}) },
        });
      let cursor: string | undefined;
      for (let p = 1; p < 10; p++) cursor = (await page(cursor)).body.nextCursor as string;
      const first: number[] = [];
      const tenth: number[] = [];
      let requestsPerPage = 0;
      for (let i = 0; i < PAGE_REPS; i++) {
        const m1 = await measure(() => timed(() => page()));
        first.push(m1.result.ms);
        const m10 = await measure(() => timed(() => page(cursor)));
        tenth.push(m10.result.ms);
        requestsPerPage = Math.max(requestsPerPage, m1.counts.dynamodbRequests, m10.counts.dynamodbRequests);
      }
      scale.push({
        incidents: target,
        seedSeconds: Math.round(seedSeconds * 10) / 10,
        firstPage: latencyStats(first),
        tenthPage: latencyStats(tenth),
        requestsPerPage,
      });
    }

    // ---- big incidents: every child with its timeline entry; GET incident and GET timeline ----
    const readBig = async (id: string, path: string) => {
      const samples: number[] = [];
      let counts: Counts | undefined;
      let bytes = 0;
      let status = 0;
      for (let i = 0; i < PAGE_REPS; i++) {
        const m = await measure(() =>
          timed(async () => {
            const r = await stack.request('GET', path, { token: admin });
            status = r.status;
            bytes = Buffer.byteLength(JSON.stringify(r.body));
            return r;
          }),
        );
        samples.push(m.result.ms);
        counts = m.counts;
      }
      return {
        incident: id,
        path,
        status,
        latency: latencyStats(samples),
        dynamodbRequests: counts?.dynamodbRequests ?? 0,
        commands: counts?.commands ?? [],
        readUnits: counts?.readUnits ?? 0,
        responseBytes: bytes,
        overLambdaLimit: bytes > LAMBDA_RESPONSE_LIMIT,
      };
    };
    const bigIncidents = [];
    for (const [id, actions, communications] of [
      ['BENCH-BIG', BIG, BIG],
      ['BENCH-HUGE', Math.ceil(HUGE / 2), Math.floor(HUGE / 2)],
    ] as const) {
      log(
        `seeding ${id}: ${actions} actions and ${communications} communications, each with its timeline entry`,
      );
      await seedBigIncident(stack.documentClient, stack.tableName, id, actions, communications);
      bigIncidents.push({
        id,
        actions,
        communications,
        timelineEntries: actions + communications,
        reads: [await readBig(id, `/incidents/${id}`), await readBig(id, `/incidents/${id}/timeline`)],
      });
    }
    // ---- cold start ----
    log(`bundling every function and timing module initialization (${COLD_RUNS} runs each)`);
    const cold: ColdStart[] = await measureColdStarts(join(tmpdir(), 'liaison-bench-bundles'), COLD_RUNS);
    const empty = cold.find((c) => c.name === EMPTY);
    const clientOnly = cold.find((c) => c.name === CLIENT_ONLY);
    const httpFunctions = new Set<string>(routes.map((r) => r.handler));
    const coldStarts = cold.map((c) => ({
      ...c,
      http: httpFunctions.has(c.name),
      initVsEmpty: empty ? Math.round((c.initMs / Math.max(0.01, empty.initMs)) * 10) / 10 : null,
      initVsClientOnly: clientOnly
        ? Math.round((c.initMs / Math.max(0.01, clientOnly.initMs)) * 10) / 10
        : null,
      bytesVsClientOnly: clientOnly
        ? Math.round((c.bytes / Math.max(1, clientOnly.bytes)) * 100) / 100
        : null,
    }));
    const coldTarget = COLD_START_TARGET;

    // ---- the contact-directory verification sweep (its own table and seed) ----
    log(`verification sweep over ${SWEEP_SIZES.join(' and ')} due contacts`);
    const sweeps: SweepBench[] = await benchVerificationSweep(SWEEP_SIZES);
    for (const r of sweeps) log(describeSweep(r));
    const verificationSweep = {
      note: 'Every contact due; one organization per 20 contacts; the real sweep (runVerificationSweep) publishing through the local SNS, topic lookups cached per run.',
      results: sweeps,
    };

    // ---- monthly cost of the stated workload ----
    const monthly = Object.entries(MONTHLY_WORKLOAD).map(([id, calls]) => {
      const op = operations.find((o) => o.id === id);
      return { id, calls, usd: op ? Math.round(((op.cost.total * calls) / 1000) * 10_000) / 10_000 : null };
    });
    // The sweep that asks the month's contacts: the smallest measured sweep, scaled per contact.
    const sweepBase = sweeps[0];
    if (sweepBase) {
      const perContact = MONTHLY_VERIFIED_CONTACTS / sweepBase.contacts;
      const sweepCost = costPer1000({
        readUnits: sweepBase.counts.readUnits * perContact,
        writeUnits: sweepBase.counts.writeUnits * perContact,
        transactWriteUnits: sweepBase.counts.transactWriteUnits * perContact,
        snsPublishes: sweepBase.counts.snsPublishes * perContact,
        schedulerCalls: 0,
        durationMs: sweepBase.ms * perContact,
      });
      monthly.push({
        id: `verification sweep (${MONTHLY_VERIFIED_CONTACTS} contacts asked)`,
        calls: 1,
        usd: Math.round((sweepCost.total / 1000) * 10_000) / 10_000,
      });
    }
    const monthlyTotal = monthly.reduce((s, m) => s + (m.usd ?? 0), 0);

    const result = {
      generatedAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      environment: {
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        dynamodb: 'DynamoDB Local (in memory), same machine',
        countedClients: ['dynamodb', ...services],
      },
      settings: {
        requestsPerOperation: REQUESTS,
        scale: SCALES,
        big: BIG,
        huge: HUGE,
        coldRuns: COLD_RUNS,
        pageReps: PAGE_REPS,
      },
      prices: PRICES,
      lambdaMemoryMb: LAMBDA_MEMORY_MB,
      localFloor: floor,
      operations,
      scale,
      notMeasured: missing,
      verificationSweep,
      bigIncidents,
      coldStarts,
      coldStartTarget: coldTarget,
      monthly: {
        workload: WORKLOAD_DESCRIPTION,
        perOperation: monthly,
        totalUsd: Math.round(monthlyTotal * 100) / 100,
      },
    };
    mkdirSync(OUT_DIR, { recursive: true });
    // A --quick run never overwrites the committed full run.
    const name = QUICK ? 'quick' : 'latest';
    writeFileSync(join(OUT_DIR, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    const markdown = renderMarkdown(result);
    writeFileSync(join(OUT_DIR, `${name}.md`), markdown);
    console.log(markdown);
    log(`wrote ${join(OUT_DIR, `${name}.json`)} and ${name}.md`);
  } finally {
    await stack.stop();
  }
}

await main();
