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

import type { ContactReferenceChange } from '../../db/entities/contact.js';
import { explainParts, partItems, type TransactItem } from '../../db/transact.js';
import { ValidationError } from '../../errors.js';
import type { Deps } from '../deps.js';

export type ReferenceChange = ContactReferenceChange;

/** The items of {@link referenceItems} and how their failures read. */
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

/**
 * The `referencedBy` updates of a change (`deps.repos.contacts.referenceParts`) as items of an
 * incident change's transaction (`commit` takes items; the incident command uses it), with the 400
 * their failures answer. Repositories that take parts pass `referenceParts(change)` directly.
 */
export function referenceItems(deps: Deps, change: ReferenceChange): ReferenceItems {
  const part = deps.repos.contacts.referenceParts(change);
  return {
    items: partItems([part]),
    explain: (failed, first) => {
      const details = explainParts([part], failed, first);
      if (details.length > 0) throw new ValidationError('Unknown or unusable contacts', details);
    },
  };
}

/** `referencedBy` as stored (a String Set, or absent) → a sorted list. */
export function referencesOf(item: { readonly referencedBy?: unknown }): string[] {
  const raw = item.referencedBy;
  if (raw instanceof Set) return [...raw].map(String).sort();
  if (Array.isArray(raw)) return raw.map(String).sort();
  return [];
}
