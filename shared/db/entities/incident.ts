/** The incident item `INC#<id>` / `#INCIDENT`: the aggregate root (counters, version, index keys). */
import type { Incident } from '../../schemas/incidents.js';
import { incidentIndexKeys, keys } from '../keys.js';
import { defineEntity } from './entity.js';

/** Sequence counters kept on the incident item; they number children and timeline entries. */
export interface Counters {
  timelineSeq: number;
  actionSeq: number;
  commSeq: number;
  escSeq: number;
  lessonSeq: number;
}

/**
 * `participants`: organizations taking part through activations and coordinated actions (besides
 * the affected third parties); they get incident link items too, and partner access follows them.
 */
export type StoredIncident = Incident &
  Counters & {
    participants?: string[];
    /** Evidence items (EVD-n) and holds (HOLD-n) numbered so far (docs/evidence.md); absent = 0. */
    evidenceSeq?: number;
    holdSeq?: number;
    /** The active legal and disclosure holds, decided on with every change of the incident. */
    holds?: ActiveHold[];
  };

/** An active hold as the incident item carries it (the hold item `HOLD#<n>` has the whole record). */
export interface ActiveHold {
  readonly holdId: string;
  readonly kind: 'legal' | 'disclosure';
  /** legal: one item only; absent = the whole incident. */
  readonly evidenceId?: string;
  /** disclosure: the audiences held back. */
  readonly audiences?: readonly string[];
}

/** TLP 2.0 level of an incident created without one. */
export { DEFAULT_INCIDENT_TLP } from '../../model/tlp.js';

/** Attributes of the stored incident that its public view (`Incident`) does not show. */
export const INCIDENT_BOOKKEEPING: readonly string[] = [
  'timelineSeq',
  'actionSeq',
  'commSeq',
  'escSeq',
  'lessonSeq',
  'participants',
  'evidenceSeq',
  'holdSeq',
  'holds',
];

export const incidentEntity = defineEntity<StoredIncident>({
  entity: 'incident',
  keyOf: (i) => keys.incident(i.id),
  // Projected ALL into gsi1 (by creation), gsi2 (by status) and gsi3 (by priority).
  indexKeysOf: incidentIndexKeys,
});
