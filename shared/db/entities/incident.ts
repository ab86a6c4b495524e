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
    /** The secret part of the incident's reply address (docs/inbound-email.md); never shown. */
    replyToken?: string;
  };

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
  'replyToken',
];

export const incidentEntity = defineEntity<StoredIncident>({
  entity: 'incident',
  keyOf: (i) => keys.incident(i.id),
  // Projected ALL into gsi1 (by creation), gsi2 (by status) and gsi3 (by priority).
  indexKeysOf: incidentIndexKeys,
});
