/**
 * Sharing-ledger entry `LEDGER#INC#<incId>` / `<at>#<entryId>` (gsi4 `LEDGER#ORG#<orgId>` when it
 * names an organization). Written once (its id is derived from what it records, so a repeated
 * write of the same event replaces itself rather than adding a second entry).
 */
import type { LedgerEntry } from '../../schemas/sharing.js';
import { keys, ledgerIndexKeys } from '../keys.js';
import { defineEntity } from './entity.js';

export const ledgerEntryEntity = defineEntity<LedgerEntry>({
  entity: 'ledger-entry',
  keyOf: (e) => keys.ledgerEntry(e.incidentId, e.at, e.entryId),
  indexKeysOf: ledgerIndexKeys,
});
