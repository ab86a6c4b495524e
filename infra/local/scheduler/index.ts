/**
 * A local EventBridge Scheduler: the real `@aws-sdk/client-scheduler` talks to it by `endpoint`
 * override; schedules persist in `dataDir`; `tick()` fires whatever is due at `clock()` by calling
 * the injected `invoke` (the lead maps target ARNs to handler modules), with the schedule's retry
 * policy and dead-letter queue. See README.md beside this file.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchedulerServer } from './http.js';
import { type DeadLetter, type ScheduleRecord, ScheduleStore } from './store.js';

export { type Cron, CronSyntaxError, nextCronTime, parseCron } from './cron.js';
export { ExpressionError, parseScheduleExpression, type ScheduleExpression } from './expression.js';
export { DEFAULT_GROUP, type DeadLetter, type ScheduleRecord, SchedulerApiError } from './store.js';

/** What `invoke` learns about the firing besides the target and its input. */
export interface InvocationContext {
  readonly scheduleArn: string;
  readonly roleArn: string;
  /** ISO 8601: when the firing was due (a late firing keeps its due time). */
  readonly scheduledTime: string;
  readonly executionId: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

export type Invoke = (targetArn: string, input: unknown, context: InvocationContext) => Promise<void>;

export interface LocalSchedulerOptions {
  /** Directory of `scheduler.json`; in memory when omitted. */
  readonly dataDir?: string;
  /** The time schedules are compared with (default: the system clock). */
  readonly clock?: () => Date;
  /** Called for each attempt of each firing; a throw (or rejection) is a failed attempt. */
  readonly invoke: Invoke;
  /** Retries when the schedule's RetryPolicy gives none (default 2; the service's is 185). */
  readonly defaultMaximumRetryAttempts?: number;
  /** Pause between attempts (default 200 ms; 0 in tests). */
  readonly retryDelayMs?: number;
  /** An attempt taking longer fails (default 60 s). */
  readonly invokeTimeoutMs?: number;
  readonly region?: string;
  readonly accountId?: string;
  /** Failures and dead letters (default: stderr). */
  readonly log?: (message: string, error?: unknown) => void;
}

export interface FireResult {
  readonly scheduleArn: string;
  readonly name: string;
  readonly groupName: string;
  readonly targetArn: string;
  readonly scheduledTime: string;
  readonly input: unknown;
  readonly attempts: number;
  readonly ok: boolean;
  readonly error?: string;
  /** The dead-letter queue the failure was recorded for. */
  readonly deadLetterArn?: string;
}

export interface LocalScheduler {
  /** Listens on 127.0.0.1 (port 0 = any free port); resolves to the endpoint URL. */
  listen(port?: number): Promise<string>;
  /** `http://127.0.0.1:<port>`; throws before {@link listen}. */
  readonly endpoint: string;
  /** Fires everything due at `clock()`, one firing after another; ticks never overlap. */
  tick(): Promise<FireResult[]>;
  /** Calls {@link tick} every `intervalMs` (unref'd: it does not keep the process alive). */
  start(options?: { intervalMs?: number }): void;
  /** Stops the interval and the server, then waits for a tick in progress. Idempotent. */
  stop(): Promise<void>;
  /** Every schedule with the emulator's bookkeeping (`next`, `lastFiredAt`). */
  schedules(): ScheduleRecord[];
  deadLetters(): DeadLetter[];
  /**
   * Creates the schedule, or replaces it when it exists (UpdateSchedule), without HTTP: for the
   * start script's recurring sweep. Same shape and validation as CreateSchedule.
   */
  putSchedule(name: string, input: Record<string, unknown>): ScheduleRecord;
}

/**
 * `Input` with the service's context attributes substituted, then parsed as JSON (Lambda takes a
 * JSON event; a non-JSON Input is passed as the string). No Input: `{}`.
 */
export function renderInput(raw: string | undefined, context: InvocationContext): unknown {
  if (raw === undefined) return {};
  const text = raw
    .replaceAll('<aws.scheduler.schedule-arn>', context.scheduleArn)
    .replaceAll('<aws.scheduler.scheduled-time>', context.scheduledTime.replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.execution-id>', context.executionId)
    .replaceAll('<aws.scheduler.attempt-number>', String(context.attempt));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

class InvokeTimeout extends Error {}

function withTimeout(run: () => Promise<void>, ms: number): Promise<void> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new InvokeTimeout(`timed out after ${ms} ms`)), ms);
    // A synchronous throw becomes a rejection, like an async one.
    Promise.resolve()
      .then(run)
      .then(
        () => {
          clearTimeout(timer);
          done();
        },
        (error: unknown) => {
          clearTimeout(timer);
          fail(error);
        },
      );
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createLocalScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((m, e) => console.error(`[liaison-scheduler] ${m}`, e ?? ''));
  const retryDelayMs = options.retryDelayMs ?? 200;
  const timeoutMs = options.invokeTimeoutMs ?? 60_000;
  const store = new ScheduleStore({
    dataDir: options.dataDir,
    clock,
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
  });
  let server: Server | undefined;
  let endpoint: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<FireResult[]> = Promise.resolve([]);
  let busy = false;

  const fire = async (s: ScheduleRecord): Promise<FireResult> => {
    const scheduledTime = s.next ?? clock().toISOString();
    const target = s.Target;
    const targetArn = target.Arn ?? '';
    const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? options.defaultMaximumRetryAttempts ?? 2;
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86_400) * 1000;
    const executionId = randomUUID();
    let input: unknown;
    let lastError: unknown;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const context: InvocationContext = {
        scheduleArn: s.Arn,
        roleArn: target.RoleArn ?? '',
        scheduledTime,
        executionId,
        attempt,
      };
      input = renderInput(target.Input, context);
      try {
        const payload = input;
        await withTimeout(() => options.invoke(targetArn, payload, context), timeoutMs);
        return {
          scheduleArn: s.Arn,
          name: s.Name,
          groupName: s.GroupName,
          targetArn,
          scheduledTime,
          input,
          attempts: attempt,
          ok: true,
        };
      } catch (error) {
        lastError = error;
      }
      const tooOld = clock().getTime() - Date.parse(scheduledTime) > maxAgeMs;
      if (attempt > maxRetries || tooOld) break;
      if (retryDelayMs > 0) await new Promise((r) => setTimeout(r, retryDelayMs));
    }
    const errorMessage = message(lastError);
    const deadLetterArn = target.DeadLetterConfig?.Arn;
    log(`${s.Arn} → ${targetArn} failed after ${attempt} attempt(s): ${errorMessage}`);
    if (deadLetterArn) {
      try {
        store.addDeadLetter({
          deadLetterArn,
          scheduleArn: s.Arn,
          targetArn,
          input,
          scheduledTime,
          failedAt: clock().toISOString(),
          attempts: attempt,
          errorMessage,
        });
      } catch (error) {
        log(`could not record the dead letter for ${s.Arn}:`, error);
      }
    }
    return {
      scheduleArn: s.Arn,
      name: s.Name,
      groupName: s.GroupName,
      targetArn,
      scheduledTime,
      input,
      attempts: attempt,
      ok: false,
      error: errorMessage,
      ...(deadLetterArn ? { deadLetterArn } : {}),
    };
  };

  const runTick = async (): Promise<FireResult[]> => {
    let due: ScheduleRecord[];
    try {
      due = store.takeDue(clock());
    } catch (error) {
      log('could not read the due schedules:', error);
      return [];
    }
    const results: FireResult[] = [];
    for (const s of due) results.push(await fire(s));
    return results;
  };

  const tick = (): Promise<FireResult[]> => {
    const next = running.then(runTick, runTick);
    running = next;
    return next;
  };

  return {
    async listen(port = 0) {
      if (endpoint) return endpoint;
      const srv = createSchedulerServer(store, log);
      await new Promise<void>((done, fail) => {
        srv.once('error', fail);
        srv.listen(port, '127.0.0.1', () => {
          srv.removeListener('error', fail);
          done();
        });
      });
      server = srv;
      endpoint = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
      return endpoint;
    },
    get endpoint() {
      if (!endpoint) throw new Error('The local scheduler is not listening yet: call listen() first');
      return endpoint;
    },
    tick,
    start({ intervalMs = 1_000 } = {}) {
      if (timer) clearInterval(timer);
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        tick().finally(() => {
          busy = false;
        });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      const srv = server;
      server = undefined;
      endpoint = undefined;
      if (srv) {
        await new Promise<void>((done) => {
          srv.close(() => done());
          srv.closeAllConnections();
        });
      }
      await running.catch(() => undefined);
      store.flush();
    },
    schedules: () => store.all(),
    deadLetters: () => store.deadLetters(),
    putSchedule(name, input) {
      try {
        return store.updateSchedule(name, input);
      } catch (error) {
        if (error instanceof Error && 'type' in error && error.type === 'ResourceNotFoundException') {
          // Only the schedule may be missing; a missing group is reported by create.
          return store.createSchedule(name, input);
        }
        throw error;
      }
    },
  };
}
