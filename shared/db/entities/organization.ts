/**
 * The organization item (`ORG#<id>` / `#ORG`): every organization, third parties included (kind
 * `supplier`, one id space). Index keys by kind: a third party is listed by criticality and type
 * too (`thirdPartyIndexKeys`), every organization in the `ORG` partition of gsi4.
 */
import type { OtherOrganization } from '../../schemas/organizations.js';
import type { ThirdParty } from '../../schemas/third-parties.js';
import { keys, organizationIndexKeys, thirdPartyIndexKeys } from '../keys.js';
import type { TransactItem } from '../transact.js';
import { defineEntity } from './entity.js';

/** The contact-reference attributes as stored on an organization item. */
export interface StoredReferences {
  readonly escalationContactIds?: string[];
  readonly ownerContactId?: string;
}

type Stored<T> = Omit<T, 'escalationContactIds' | 'ownerContactId'> &
  StoredReferences & { readonly createdBy: string };

export type StoredOtherOrganization = Stored<OtherOrganization>;
export type StoredThirdParty = Stored<ThirdParty>;
/** An organization as stored (any kind). */
export type StoredOrganization = StoredOtherOrganization | StoredThirdParty;

export const isThirdParty = (o: StoredOrganization): o is StoredThirdParty => o.kind === 'supplier';

export const organizationEntity = defineEntity<StoredOrganization>({
  entity: 'organization',
  keyOf: (o) => keys.organization(o.id),
  indexKeysOf: (o) => (isThirdParty(o) ? thirdPartyIndexKeys(o) : organizationIndexKeys(o)),
});

/** ConditionCheck: the organization exists (an id in a request refers to one). */
export const organizationExists = (tableName: string, id: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: keys.organization(id),
    ConditionExpression: 'attribute_exists(pk)',
  },
});
