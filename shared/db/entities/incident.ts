/** The incident item `INC#<id>` / `#INCIDENT`: the aggregate root (counters, version, index keys). */

import { DEFAULT_INCIDENT_TLP } from '../../model/tlp.js';
import type { Incident } from '../../schemas/incidents.js';
import { publicView } from '../items.js';
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
    dashboard?: DashboardSummary;
    /** The secret part of the incident's reply address (docs/inbound-email.md); never shown. */
    replyToken?: string;
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

/**
 * What GET /dashboard needs of the incident's children, kept on the incident item by the changes
 * that move it (`shared/domain/dashboard/summary.ts`); absent on incidents stored before it existed.
 */
export interface DashboardSummary {
  /** Open actions with a due date, earliest first (at most 25; `dueActionsTruncated` when more). */
  readonly dueActions: readonly {
    readonly actionId: string;
    readonly description: string;
    readonly dueDate: string;
    readonly status: 'pending' | 'in_progress' | 'completed' | 'cancelled';
  }[];
  readonly dueActionsTruncated?: boolean;
  /** Regulatory clocks not yet submitted, with their due instant. */
  readonly clocks: readonly {
    readonly obligationId: string;
    readonly regime: string;
    readonly clock: string;
    readonly dueAt: string;
  }[];
  /** The first communication's `recordedAt` (notices included). */
  readonly firstCommunicationAt?: string;
  /** The first completed action's `completedDate`. */
  readonly firstContainmentAt?: string;
}

/** TLP 2.0 level of an incident created without one. */
export { DEFAULT_INCIDENT_TLP };

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
  'dashboard',
  'replyToken',
];

export const incidentEntity = defineEntity<StoredIncident>({
  entity: 'incident',
  keyOf: (i) => keys.incident(i.id),
  // Projected ALL into gsi1 (by creation), gsi2 (by status) and gsi3 (by priority).
  indexKeysOf: incidentIndexKeys,
});

/** The incident as clients see it; items stored before TLP marking was introduced read as AMBER. */
export const incidentView = (item: object): Incident =>
  publicView<Incident>({ tlp: DEFAULT_INCIDENT_TLP, ...item }, INCIDENT_BOOKKEEPING);
