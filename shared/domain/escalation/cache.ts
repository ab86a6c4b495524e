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
  readonly generation: number;
  readonly value: Promise<T>;
}

/** Per repository object (one per table and process; every test stack has its own), per list name. */
const entries = new WeakMap<object, Map<string, Entry<unknown>>>();
let generation = 0;

/** The cached value of `name` read through `owner`, loading it when absent or older than the configured time. */
export function cached<T>(owner: object, name: string, load: () => Promise<T>): Promise<T> {
  const ttlMs = escalationConfig().cacheSeconds * 1000;
  const now = performance.now();
  let lists = entries.get(owner);
  if (!lists) {
    lists = new Map();
    entries.set(owner, lists);
  }
  const hit = lists.get(name) as Entry<T> | undefined;
  if (hit && hit.generation === generation && now - hit.at < ttlMs) return hit.value;
  const value = load();
  const mine = lists;
  mine.set(name, { at: now, generation, value });
  // A failed read is not cached.
  value.catch(() => {
    if (mine.get(name)?.value === value) mine.delete(name);
  });
  return value;
}

/** Forget both lists (after a policy or trigger write in this process). */
export function invalidateEscalationCache(): void {
  generation++;
}
