/**
 * The incident as this function instance last wrote it, per operation: the state the next change of
 * the same operation (a coordinator adding actions one after another) is decided on, so that change
 * is ONE TransactWriteItems with no read before it. Safe by construction: the transaction is
 * conditioned on the remembered version, and when another writer moved the incident on, the failed
 * condition returns the incident as it is now (`StaleRoot`, `ALL_OLD`) and the change is decided
 * again on that: still no read.
 *
 * Keyed by the repository object (one per table and process; every unit test has its own) and by
 * operation: in AWS each operation is its own function, so one instance only ever sees its own
 * writes; the local runner serves every operation from one process, and the operation key keeps it
 * as cold as AWS would be (an action created after the incident was created by another function is
 * decided on a read, as in AWS). Bounded: the oldest entries are dropped past {@link MAX_ENTRIES}.
 */
import type { StoredIncident } from '../../db/entities/incident.js';

const MAX_ENTRIES = 256;

const byOwner = new WeakMap<object, Map<string, StoredIncident>>();

const keyOf = (operation: string, incidentId: string) => `${operation}\u0000${incidentId}`;

/** The incident as `operation` last wrote it through `owner`, if it still remembers it. */
export function recallIncident(
  owner: object,
  operation: string,
  incidentId: string,
): StoredIncident | undefined {
  return byOwner.get(owner)?.get(keyOf(operation, incidentId));
}

/** Remember the incident as `operation` just wrote it. */
export function rememberIncident(owner: object, operation: string, incident: StoredIncident): void {
  let seen = byOwner.get(owner);
  if (!seen) {
    seen = new Map();
    byOwner.set(owner, seen);
  }
  const key = keyOf(operation, incident.id);
  seen.delete(key); // re-inserted last: Map order is the eviction order
  seen.set(key, incident);
  if (seen.size > MAX_ENTRIES) {
    const oldest = seen.keys().next().value;
    if (oldest !== undefined) seen.delete(oldest);
  }
}

/** Forget what `operation` remembers of the incident (after a failed write). */
export function forgetIncident(owner: object, operation: string, incidentId: string): void {
  byOwner.get(owner)?.delete(keyOf(operation, incidentId));
}
