/**
 * The contact item (`CONTACT#<id>` / `#CONTACT`). A live contact is listed through gsi1–gsi4 and
 * the sparse verification-sweep index gsi5; a deleted one (`deletedAt` set) has no index keys.
 * `referencedBy` is a String Set (absent when empty) changed with ADD/DELETE by other aggregates'
 * transactions (repos/contacts.ts `referenceParts`).
 */
import type { Contact } from '../../schemas/contacts.js';
import { contactIndexKeys, contactVerificationIndexKeys, keys } from '../keys.js';
import { type TransactItem, TransactPart } from '../transact.js';
import { defineEntity } from './entity.js';

/** An SNS subscription of one of the contact's channels (shared/domain/notifications/topics.ts). */
export interface StoredSubscription {
  readonly type: Contact['channels'][number]['type'];
  readonly address: string;
  readonly subscriptionArn: string;
  readonly status: 'pending_confirmation' | 'confirmed';
}

export type StoredContact = Omit<Contact, 'referencedBy'> & {
  deleteReason?: string;
  subscriptions?: StoredSubscription[];
  /** String Set (absent when empty). */
  referencedBy?: Set<string>;
  /** The verification round outstanding (shared/db/verification-repo.ts). */
  verificationRound?: string;
  verificationSentAt?: string;
  verificationStaleAt?: string | null;
};

export const contactEntity = defineEntity<StoredContact>({
  entity: 'contact',
  keyOf: (c) => keys.contact(c.id),
  indexKeysOf: (c) =>
    c.deletedAt === null
      ? // Verification sweep index (sparse; docs/verification.md): live contacts only.
        { ...contactIndexKeys(c), ...contactVerificationIndexKeys(c) }
      : {},
});

/** One referrer's change of the contacts it names (`referencedBy`, `<kind>:<id>[#role]`). */
export interface ContactReferenceChange {
  /** The referrer, `<kind>:<id>[#role]`. */
  readonly ref: string;
  /** Contacts to reference, each with the request field that named it (for a 400). */
  readonly add: readonly { readonly contactId: string; readonly field: string }[];
  /** Contacts no longer referenced. */
  readonly remove: readonly string[];
  /** When set, every added contact must belong to this organization. */
  readonly organizationId?: string;
}

/** The `referencedBy` updates of one referrer (ADD/DELETE on the set, no read; bumps `version`). */
export function contactReferenceItems(tableName: string, change: ContactReferenceChange): TransactPart {
  const adds = change.add.filter((a, i) => change.add.findIndex((b) => b.contactId === a.contactId) === i);
  const removes = [...new Set(change.remove)].filter((id) => !adds.some((a) => a.contactId === id));
  const refSet = new Set([change.ref]);
  const items: TransactItem[] = [
    ...adds.map(
      (a): TransactItem => ({
        Update: {
          TableName: tableName,
          Key: keys.contact(a.contactId),
          UpdateExpression: 'ADD referencedBy :ref SET version = version + :one',
          ConditionExpression: `attribute_exists(pk) AND deletedAt = :null${
            change.organizationId ? ' AND organizationId = :org' : ''
          }`,
          ExpressionAttributeValues: {
            ':ref': refSet,
            ':one': 1,
            ':null': null,
            ...(change.organizationId ? { ':org': change.organizationId } : {}),
          },
        },
      }),
    ),
    ...removes.map(
      (contactId): TransactItem => ({
        Update: {
          TableName: tableName,
          Key: keys.contact(contactId),
          UpdateExpression: 'DELETE referencedBy :ref SET version = version + :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ref': refSet, ':one': 1 },
        },
      }),
    ),
  ];
  return new TransactPart(items, (failed) =>
    adds.flatMap((a, i) =>
      failed.includes(i)
        ? [
            {
              field: a.field,
              message: change.organizationId
                ? `contact ${a.contactId} does not exist, is deleted, or is not a contact of ${change.organizationId}`
                : `contact ${a.contactId} does not exist or is deleted`,
            },
          ]
        : [],
    ),
  );
}
