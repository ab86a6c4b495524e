import { type Counters, incidentView, type StoredIncident } from '../../db/incidents-repo.js';
import { organizationExists, type TransactItem } from '../../db/transact.js';
import type { Incident } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';

/** Clock skew tolerated for caller-supplied "now-ish" timestamps. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export const storedView = (stored: StoredIncident): Incident =>
  incidentView(stored as unknown as Record<string, unknown>);

export function bump(
  current: StoredIncident,
  counter: keyof Counters,
): { n: number; incident: StoredIncident } {
  const n = current[counter] + 1;
  return { n, incident: { ...current, [counter]: n } };
}

export function thirdPartyRef(deps: Deps, field: string, id: string | undefined, index: number) {
  if (id === undefined) return { items: [] as TransactItem[], refs: [] };
  return { items: [organizationExists(deps, id)], refs: [{ index, field, id }] };
}
