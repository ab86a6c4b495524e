/**
 * Agreement update (`AGRUPD#<id>` / `#AGRUPD`): a change to a third party's contract or an
 * organization's sharing agreement raised from an incident; listed by organization (gsi1) and by
 * source (gsi2), versioned.
 */
import type { AgreementUpdate } from '../../schemas/agreements.js';
import { agreementUpdateIndexKeys, keys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredAgreementUpdate = AgreementUpdate;

export const agreementUpdateEntity = defineEntity<StoredAgreementUpdate>({
  entity: 'agreementUpdate',
  keyOf: (u) => keys.agreementUpdate(u.id),
  indexKeysOf: (u) => agreementUpdateIndexKeys(u),
});
