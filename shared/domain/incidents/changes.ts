/** Helpers the incident operations share (lifecycle, actions, communications, records, reads). */
import { type Counters, DEFAULT_INCIDENT_TLP, type StoredIncident } from '../../db/entities/incident.js';
import type { Write } from '../../db/repositories.js';
import type { Incident } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';

/** Clock skew tolerated for caller-supplied "now-ish" timestamps. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The incident as clients see it: no counters or participants; stored before TLP marking: AMBER. */
export function storedView(stored: StoredIncident): Incident {
  const {
    timelineSeq: _t,
    actionSeq: _a,
    commSeq: _c,
    escSeq: _e,
    lessonSeq: _l,
    participants: _p,
    evidenceSeq: _ev,
    holdSeq: _ho,
    holds: _hs,
    dashboard: _d,
    replyToken: _r,
    ...incident
  } = stored;
  return { ...incident, tlp: incident.tlp ?? DEFAULT_INCIDENT_TLP };
}

export function bump(
  current: StoredIncident,
  counter: keyof Counters,
): { n: number; incident: StoredIncident } {
  const n = current[counter] + 1;
  return { n, incident: { ...current, [counter]: n } };
}

/** An existence check of the third party a request names, and the field it came from. */
export function thirdPartyRef(deps: Deps, field: string, id: string | undefined, index: number) {
  if (id === undefined) return { items: [] as Write[], refs: [] };
  return { items: [deps.repos.incidents.organizationExists(id)], refs: [{ index, field, id }] };
}
