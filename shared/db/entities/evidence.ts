/**
 * The evidence items of an incident (docs/evidence.md): `INC#<incId>` / `EVIDENCE#<n>` (EVD-n), its
 * custody entries `CUSTODY#<n>#<m>` (append-only) and the incident's holds `HOLD#<n>` (HOLD-n).
 */
import type { CustodyEntry, Evidence, Hold } from '../../schemas/evidence.js';
import { evidenceKeys } from '../keys.js';
import { childNumber } from './children.js';
import { defineEntity } from './entity.js';

/** `custodySeq`: the number of the item's last custody entry; `heldBy`: its own item-level holds. */
export type StoredEvidence = Omit<Evidence, 'legalHolds'> & {
  readonly incidentId: string;
  readonly custodySeq: number;
  readonly heldBy: readonly string[];
};

export type StoredCustodyEntry = CustodyEntry & { readonly incidentId: string; readonly evidenceId: string };

export type StoredHold = Hold & { readonly incidentId: string; readonly version: number };

export const evidenceEntity = defineEntity<StoredEvidence>({
  entity: 'evidence',
  keyOf: (e) => evidenceKeys.item(e.incidentId, childNumber(e.evidenceId)),
});

export const custodyEntryEntity = defineEntity<StoredCustodyEntry>({
  entity: 'custody',
  keyOf: (c) => evidenceKeys.custody(c.incidentId, childNumber(c.evidenceId), c.seq),
});

export const holdEntity = defineEntity<StoredHold>({
  entity: 'hold',
  keyOf: (h) => evidenceKeys.hold(h.incidentId, childNumber(h.holdId)),
});
