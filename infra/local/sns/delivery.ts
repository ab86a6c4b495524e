/**
 * HTTP/S delivery: one POST per attempt, a few quick retries on 5xx, timeouts and connection errors,
 * then the delivery is recorded as failed. A 2xx is delivered; any other status is a failure that
 * is not retried (a client error will not fix itself). Bounded: never more than 1 + retries attempts.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface DeliveryOptions {
  /** Wait before each retry; its length is the number of retries (default 3 quick ones). */
  readonly retryDelaysMs: readonly number[];
  /** Per-attempt limit. */
  readonly timeoutMs: number;
  /** Aborted when the emulator stops. */
  readonly signal: AbortSignal;
}

export interface DeliveryOutcome {
  readonly delivered: boolean;
  readonly attempts: number;
  readonly statusCode?: number;
  readonly error?: string;
}

function postOnce(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<number> {
  return new Promise((done, fail) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' },
        timeout: timeoutMs,
        signal,
      },
      (res) => {
        res.resume();
        res.once('end', () => done(res.statusCode ?? 0));
        res.once('error', fail);
      },
    );
    req.once('timeout', () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.once('error', fail);
    req.end(body);
  });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    });
  });

export async function deliverHttp(
  endpoint: string,
  headers: Record<string, string>,
  body: string,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const url = new URL(endpoint);
  let attempts = 0;
  let last: { statusCode?: number; error?: string } = {};
  for (;;) {
    if (options.signal.aborted) return { delivered: false, attempts, error: 'emulator stopped' };
    attempts++;
    let retryable: boolean;
    try {
      const statusCode = await postOnce(url, headers, body, options.timeoutMs, options.signal);
      if (statusCode >= 200 && statusCode < 300) return { delivered: true, attempts, statusCode };
      last = { statusCode, error: `HTTP ${statusCode}` };
      retryable = statusCode >= 500;
    } catch (error) {
      last = { error: error instanceof Error ? error.message : String(error) };
      retryable = true;
    }
    const delay = options.retryDelaysMs[attempts - 1];
    if (!retryable || delay === undefined) return { delivered: false, attempts, ...last };
    await sleep(delay, options.signal);
  }
}
