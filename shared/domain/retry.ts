/**
 * Optimistic concurrency in the domain: a service reads, decides and writes conditioned on the
 * version it read; a repository answers a stale write with `ConflictError` `CONCURRENT_UPDATE`
 * (shared/db/transact.ts `concurrentUpdate`). `withOptimisticRetry` runs the attempt again, with
 * jittered backoff; after `maxAttempts` the 409 goes to the client, who may retry.
 */
import { ConflictError } from '../errors.js';

const isConcurrentUpdate = (error: unknown): boolean =>
  error instanceof ConflictError && error.code === 'CONCURRENT_UPDATE';

export async function withOptimisticRetry<T>(attempt: () => Promise<T>, maxAttempts = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConcurrentUpdate(error) || i >= maxAttempts) throw error;
      const delay = Math.random() * Math.min(400, 10 * 2 ** i);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
