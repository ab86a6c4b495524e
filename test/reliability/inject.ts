/**
 * Fault injection at the SDK level: a `finalizeRequest` middleware (after the SDK's retry
 * middleware, so it runs once per attempt) that throws chosen errors for chosen commands, as the
 * service would answer them. Attach it to the process-wide clients the handlers use (the local stack
 * runs them in the test's process): `documentClient()`, `snsClient()`, `schedulerClient()`.
 */
import type { FinalizeRequestMiddleware, HandlerExecutionContext } from '@smithy/types';
import { expect } from 'vitest';

export interface Attempt {
  readonly command: string;
  readonly token?: string;
}

interface Fault {
  /** Matches the SDK command name (`QueryCommand`, `PublishCommand`, `CreateScheduleCommand` …). */
  readonly command: RegExp;
  /** How many attempts fail (Infinity: all). */
  times: number;
  readonly error: () => Error;
  /** The request reaches the service (it is executed), THEN the error is thrown: the process "stopped" before it could use the answer. */
  readonly after?: boolean;
}

interface Client {
  readonly middlewareStack: {
    add(middleware: never, options: { step: 'finalizeRequest'; priority: 'low'; name: string }): void;
    remove(name: string): boolean;
  };
}

const NAME = 'liaisonFaultInjection';

/** An AWS-style service error (`name`, `$fault`, HTTP status) as the SDK would raise it. */
export const awsError =
  (name: string, message: string, status = 400): (() => Error) =>
  () =>
    Object.assign(new Error(message), {
      name,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: status },
    });

export const throttling = awsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.');

/** The ClientRequestToken in a serialized (JSON) request body, if any. */
function clientRequestToken(request: unknown): { token?: string } {
  const body = (request as { body?: unknown }).body;
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body).toString('utf8')
        : undefined;
  if (!text) return {};
  try {
    const token = (JSON.parse(text) as { ClientRequestToken?: unknown }).ClientRequestToken;
    return typeof token === 'string' ? { token } : {};
  } catch {
    return {};
  }
}

export function createInjector() {
  const faults: Fault[] = [];
  const attempts: Attempt[] = [];
  const attached: Client[] = [];
  let injected = 0;
  const middleware: FinalizeRequestMiddleware<object, object> =
    (next, context: HandlerExecutionContext) => async (args) => {
      const command = context.commandName ?? 'unknown';
      // Only DynamoDB transactions carry a ClientRequestToken worth reading.
      attempts.push({ command, ...(/^TransactWrite/.test(command) ? clientRequestToken(args.request) : {}) });
      const fault = faults.find((f) => f.command.test(command) && f.times > 0);
      if (!fault) return next(args);
      fault.times--;
      injected++;
      if (fault.after) await next(args);
      throw fault.error();
    };
  return {
    attempts,
    get injected() {
      return injected;
    },
    /** Attempts of `command` from `attempts[from]` on. */
    count: (command: RegExp, from = 0) => attempts.slice(from).filter((a) => command.test(a.command)).length,
    attach(client: Client): void {
      client.middlewareStack.add(middleware as never, {
        step: 'finalizeRequest',
        priority: 'low',
        name: NAME,
      });
      attached.push(client);
    },
    detach(): void {
      for (const client of attached.splice(0)) client.middlewareStack.remove(NAME);
    },
    inject(command: RegExp, times: number, error: () => Error): void {
      faults.push({ command, times, error });
    },
    /** The next `times` requests of `command` are executed, then fail as if the process stopped. */
    injectAfter(command: RegExp, times: number, error: () => Error): void {
      faults.push({ command, times, error, after: true });
    },
    clear(): void {
      faults.length = 0;
    },
  };
}

const NO_TRACE = /\n\s+at\s|\.(ts|js):\d+|node_modules/;

/** What a fault that outlasts the retries must answer: 503, Retry-After, the documented body, no trace. */
export function expect503(res: { status: number; headers: Record<string, string>; body: unknown }): void {
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('1');
  expect(res.body).toEqual({
    error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String), details: [] },
  });
  expect(JSON.stringify(res.body)).not.toMatch(NO_TRACE);
}
