/**
 * Module-memory cache of the escalation triggers and auto-start policies: every incident change
 * evaluates the triggers, every incident creation looks for auto-start policies, and both lists are
 * small and rarely change. A function instance reads each list at most once per
 * `LIAISON_ESCALATION_CACHE_SECONDS` (default 30 s): a new or changed trigger takes effect in other
 * function instances within that time (in the instance that wrote it, at once: writes invalidate).
 * Expiry is measured on the process's monotonic clock, not on `Date`, so a test that moves the
 * fake clock neither keeps nor drops entries by accident.
 */
import { performance } from 'node:perf_hooks';
import { escalationConfig } from '../../config.js';

interface Entry<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

const entries = new Map<string, Entry<unknown>>();

/** The cached value of `key`, loading it when absent or older than the configured time. */
export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const ttlMs = escalationConfig().cacheSeconds * 1000;
  const now = performance.now();
  const hit = entries.get(key) as Entry<T> | undefined;
  if (hit && now - hit.at < ttlMs) return hit.value;
  const value = load();
  entries.set(key, { at: now, value });
  // A failed read is not cached.
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}

/** Forget both lists (after a policy or trigger write in this process). */
export function invalidateEscalationCache(): void {
  entries.clear();
}
