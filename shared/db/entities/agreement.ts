/**
 * A sharing agreement (`ORG#<orgId>` / `AGREEMENT#<agrId>`), in its organization's item collection
 * (read with it in one Query, see repos/organizations.ts). Its `status` is derived, never stored.
 */
import type { Agreement } from '../../schemas/organizations.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredAgreement = Omit<Agreement, 'status'>;

export const agreementEntity = defineEntity<StoredAgreement>({
  entity: 'agreement',
  keyOf: (a) => keys.agreement(a.organizationId, a.id),
});
