/**
 * Who relies on a contact besides its alternates: an organization's escalation contacts and owner,
 * escalation policies, … Each referrer is a string `<kind>:<id>` (e.g. `organization:ORG-1#escalation`,
 * `policy:POL-2`) kept in the contact's `referencedBy` String Set, written in the SAME transaction as
 * the referrer's change, so a contact that something still needs cannot be deleted (409
 * CONTACT_IN_USE) and a referrer cannot name a deleted contact.
 *
 * Each item is an UpdateItem (`ADD`/`DELETE` on the set, no read needed) that also bumps the
 * contact's `version`: a concurrent contact update conditioned on the version it read then fails and
 * retries instead of writing back a stale `referencedBy`.
 */

import { keys } from '../../db/keys.js';
import type { TransactItem } from '../../db/transact.js';
import type { Deps } from '../../deps.js';
import { type ErrorDetail, ValidationError } from '../../errors.js';

export interface ReferenceChange {
  /** The referrer, `<kind>:<id>[#role]`. */
  readonly ref: string;
  /** Contacts to reference, each with the request field that named it (for a 400). */
  readonly add: readonly { readonly contactId: string; readonly field: string }[];
  /** Contacts no longer referenced. */
  readonly remove: readonly string[];
  /** When set, every added contact must belong to this organization. */
  readonly organizationId?: string;
}

export interface ReferenceItems {
  readonly items: TransactItem[];
  /** Turns the failed indexes of a cancelled transaction (offset by `first`) into a 400, or returns. */
  readonly explain: (failed: readonly number[], first: number) => void;
}

/**
 * The adds and removes that move a referrer from the contacts it named (`before`) to those it names
 * now (`after`, each with the request field that names it).
 */
export function referenceChange(
  before: readonly string[],
  after: readonly { readonly contactId: string; readonly field: string }[],
): Pick<ReferenceChange, 'add' | 'remove'> {
  return {
    add: after.filter((a) => !before.includes(a.contactId)),
    remove: before.filter((id) => !after.some((a) => a.contactId === id)),
  };
}

/** The set changes of `referencedBy` for one referrer (added contacts must be live). */
export function referenceItems(deps: Deps, change: ReferenceChange): ReferenceItems {
  const adds = change.add.filter((a, i) => change.add.findIndex((b) => b.contactId === a.contactId) === i);
  const removes = [...new Set(change.remove)].filter((id) => !adds.some((a) => a.contactId === id));
  const refSet = new Set([change.ref]);
  const items: TransactItem[] = [
    ...adds.map(
      (a): TransactItem => ({
        Update: {
          TableName: deps.tableName,
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
          TableName: deps.tableName,
          Key: keys.contact(contactId),
          UpdateExpression: 'DELETE referencedBy :ref SET version = version + :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ref': refSet, ':one': 1 },
        },
      }),
    ),
  ];
  const explain = (failed: readonly number[], first: number) => {
    const details: ErrorDetail[] = adds.flatMap((a, i) =>
      failed.includes(first + i)
        ? [
            {
              field: a.field,
              message: change.organizationId
                ? `contact ${a.contactId} does not exist, is deleted, or is not a contact of ${change.organizationId}`
                : `contact ${a.contactId} does not exist or is deleted`,
            },
          ]
        : [],
    );
    if (details.length > 0) throw new ValidationError('Unknown or unusable contacts', details);
  };
  return { items, explain };
}

/** `referencedBy` as stored (a String Set, or absent) → a sorted list. */
export function referencesOf(item: Record<string, unknown>): string[] {
  const raw = item.referencedBy;
  if (raw instanceof Set) return [...raw].map(String).sort();
  if (Array.isArray(raw)) return raw.map(String).sort();
  return [];
}
