/**
 * SDK middlewares that count what every operation costs: DynamoDB requests (and retries), consumed
 * capacity (ReturnConsumedCapacity TOTAL is set on every command that supports it), SNS and
 * Scheduler calls. They are added to the process-wide clients the handlers use (the local API runs
 * the handlers in this process), so nothing in the handlers changes for the benchmark.
 */
import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments } from '@smithy/types';
import { TABLE } from '../shared/db/table.js';

/** Commands whose input accepts `ReturnConsumedCapacity`. */
const CAPACITY_COMMANDS =
  /^(Get|Put|Update|Delete)(Item)?Command$|^(Query|Scan)Command$|^(BatchGet|BatchWrite|TransactGet|TransactWrite)(Item|Items)?Command$/;
const WRITE_COMMANDS = /^(Put|Update|Delete)(Item)?Command$|^(BatchWrite|TransactWrite)(Item|Items)?Command$/;
const TRANSACT_WRITE = /^TransactWrite(Items)?Command$/;

export interface Counts {
  dynamodbRequests: number;
  dynamodbReads: number;
  dynamodbWrites: number;
  /** Command names in order, e.g. `GetItem, TransactWriteItems`. */
  commands: string[];
  readUnits: number;
  writeUnits: number;
  /**
   * Write units of TransactWriteItems, ESTIMATED from the request (DynamoDB Local's figure for
   * transactions is not usable: it reports 2 for one item and 2 for two): per item 2 × ⌈size / 1 KB⌉
   * for the table plus the same for every GSI a Put lands in (projection ALL); 2 per Update and per
   * ConditionCheck. Not included in `writeUnits`.
   */
  transactWriteUnits: number;
  /** What DynamoDB Local reported for the transactions (for comparison only). */
  transactWriteUnitsReportedLocally: number;
  snsCalls: number;
  snsPublishes: number;
  schedulerCalls: number;
}

export const emptyCounts = (): Counts => ({
  dynamodbRequests: 0,
  dynamodbReads: 0,
  dynamodbWrites: 0,
  commands: [],
  readUnits: 0,
  writeUnits: 0,
  transactWriteUnits: 0,
  transactWriteUnitsReportedLocally: 0,
  snsCalls: 0,
  snsPublishes: 0,
  schedulerCalls: 0,
});

let current: Counts = emptyCounts();

/** Runs `fn` and returns what it cost (calls must not overlap with other measured calls). */
export async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; counts: Counts }> {
  current = emptyCounts();
  const result = await fn();
  const counts = current;
  current = emptyCounts();
  return { result, counts };
}

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

function addCapacity(counts: Counts, command: string, consumed: Capacity | Capacity[] | undefined): void {
  for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
    const total = c.CapacityUnits ?? 0;
    const read = c.ReadCapacityUnits ?? 0;
    const write = c.WriteCapacityUnits ?? 0;
    // DynamoDB Local reports CapacityUnits only; attribute them by the kind of command.
    const isWrite = WRITE_COMMANDS.test(command);
    const w = write || (isWrite ? total : 0);
    const r = read || (isWrite ? 0 : total);
    counts.readUnits += r;
    if (TRANSACT_WRITE.test(command)) counts.transactWriteUnitsReportedLocally += w;
    else counts.writeUnits += w;
  }
}

const kb = (item: unknown) => Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(item ?? {})) / 1024));

/** Estimated WRU of a TransactWriteItems input (see `Counts.transactWriteUnits`). */
export function estimateTransactWriteUnits(input: {
  TransactItems?: Record<string, { Item?: Record<string, unknown> }>[];
}): number {
  let units = 0;
  for (const entry of input.TransactItems ?? []) {
    const put = entry.Put?.Item;
    if (put) {
      const size = kb(put);
      const indexes = TABLE.indexes.filter(
        (i) => put[i.partitionKey] !== undefined && put[i.sortKey] !== undefined,
      );
      units += 2 * size * (1 + indexes.length);
    } else {
      units += 2;
    }
  }
  return units;
}

type Stack = {
  add: (mw: unknown, options: { step: string; name: string; priority?: string }) => void;
  remove: (name: string) => boolean;
};

/** Counts DynamoDB requests and capacity on a client's middleware stack. */
export function countDynamoDb(client: { middlewareStack: unknown }): void {
  const stack = client.middlewareStack as Stack;
  stack.remove('liaisonBenchDynamoDb');
  stack.add(
    (next: InitializeHandler<object, object>, context: HandlerExecutionContext) =>
      async (args: InitializeHandlerArguments<object>) => {
        const command = context.commandName ?? 'unknown';
        if (CAPACITY_COMMANDS.test(command)) {
          (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        }
        const counts = current;
        counts.dynamodbRequests++;
        if (WRITE_COMMANDS.test(command)) counts.dynamodbWrites++;
        else counts.dynamodbReads++;
        counts.commands.push(command.replace(/Command$/, ''));
        if (TRANSACT_WRITE.test(command)) {
          counts.transactWriteUnits += estimateTransactWriteUnits(args.input as never);
        }
        const out = await next(args);
        addCapacity(
          counts,
          command,
          (out.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity,
        );
        return out;
      },
    { step: 'initialize', name: 'liaisonBenchDynamoDb', priority: 'high' },
  );
}

/** Counts SNS or Scheduler calls on a client's middleware stack. */
export function countCalls(client: { middlewareStack: unknown }, service: 'sns' | 'scheduler'): void {
  const stack = client.middlewareStack as Stack;
  const name = `liaisonBench-${service}`;
  stack.remove(name);
  stack.add(
    (next: InitializeHandler<object, object>, context: HandlerExecutionContext) =>
      async (args: InitializeHandlerArguments<object>) => {
        const counts = current;
        if (service === 'sns') {
          counts.snsCalls++;
          if (/^Publish(Batch)?Command$/.test(context.commandName ?? '')) counts.snsPublishes++;
        } else {
          counts.schedulerCalls++;
        }
        return next(args);
      },
    { step: 'initialize', name, priority: 'high' },
  );
}

// ---------------------------------------------------------------- latency

export interface LatencyStats {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

/** Nearest-rank percentiles in milliseconds, rounded to 0.01 ms. */
export function latencyStats(samples: readonly number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  const round = (x: number) => Math.round(x * 100) / 100;
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), mean: round(mean) };
}

export function median(xs: readonly number[]): number {
  return latencyStats(xs).p50;
}
