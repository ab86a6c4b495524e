/**
 * Contacts (`CONTACT#<id>`): people and endpoints of an organization, with their channels and
 * alternates. A contact keeps the reverse set `alternateOf` (who names it as an alternate), written
 * in the same transaction as the referrer, so a contact still needed by another cannot vanish.
 * Deleting is soft: `deletedAt` is set and the index keys are removed (hidden from every list).
 */

import type { NotifyDeps } from '../../aws/ports.js';
import { config } from '../../config.js';
import type { StoredContact } from '../../db/entities/contact.js';
import { ConflictError, type ErrorDetail, NotFoundError, ValidationError } from '../../errors.js';
import { logger } from '../../logging.js';
import type { Caller } from '../../model/caller.js';
import type {
  Contact,
  CreateContactBody,
  DeleteContactBody,
  ListContactsQuery,
  UpdateContactBody,
} from '../../schemas/contacts.js';
import type { Deps } from '../deps.js';
import { syncSubscriptions } from '../notifications/topics.js';
import { loadOrganization } from '../organizations/service.js';
import { withOptimisticRetry } from '../retry.js';
import { referencesOf } from './references.js';
import {
  assertAlternatesShape,
  assertChannels,
  assertGroupFitsOrganization,
  dimensionOf,
  nextVerificationDue,
} from './rules.js';

export type { StoredContact };

/** A contact as the API shows it (`referencedBy` a sorted list, no `deleteReason`). */
const view = (c: StoredContact): Contact => {
  const { deleteReason: _reason, ...rest } = c;
  return { ...rest, referencedBy: referencesOf(c) };
};

async function loadContact(deps: Deps, id: string): Promise<StoredContact> {
  const contact = await deps.repos.contacts.get(id);
  if (!contact) throw new NotFoundError(`Contact ${id} not found`);
  return contact;
}

/** Several contacts in one BatchGetItem (consistent), by id. */
export function loadContacts(deps: Deps, ids: readonly string[]): Promise<Map<string, StoredContact>> {
  return deps.repos.contacts.getMany(ids);
}

/** The organization a contact belongs to; unknown → 400 naming `body.organizationId`. */
async function organizationKindOf(deps: Deps, organizationId: string): Promise<string> {
  try {
    return (await loadOrganization(deps, organizationId, true)).kind;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown organization ${organizationId}`, [
      { field: 'body.organizationId', message: `organization ${organizationId} does not exist` },
    ]);
  }
}

/** New alternates must exist and be live; 400 naming `body.alternates.N`. */
function assertAlternatesExist(
  alternates: readonly string[],
  found: Map<string, StoredContact>,
  onlyThese: ReadonlySet<string>,
): void {
  const details: ErrorDetail[] = alternates.flatMap((id, i) => {
    if (!onlyThese.has(id)) return [];
    const c = found.get(id);
    if (!c) return [{ field: `body.alternates.${i}`, message: `contact ${id} does not exist` }];
    if (c.deletedAt) return [{ field: `body.alternates.${i}`, message: `contact ${id} is deleted` }];
    return [];
  });
  if (details.length > 0) throw new ValidationError('Unknown or deleted alternates', details);
}

/** The alternate with `referrer` added to (or removed from) its `alternateOf` set. */
function withReferrer(c: StoredContact, referrer: string, add: boolean, at: string): StoredContact {
  const rest = c.alternateOf.filter((id) => id !== referrer);
  return { ...c, alternateOf: add ? [...rest, referrer] : rest, updatedAt: at, version: c.version + 1 };
}

/**
 * After the contact is written: one SNS subscription per deliverable channel on its organization's
 * topic (none left once deleted), stored on the contact. SNS failing leaves the contact written
 * without (or with stale) subscriptions and is logged; the next PATCH of its channels retries.
 */
async function withSubscriptions(
  deps: Deps,
  notify: NotifyDeps | undefined,
  contact: StoredContact,
): Promise<StoredContact> {
  if (!notify) return contact;
  try {
    const channels = contact.deletedAt ? [] : contact.channels;
    const subscriptions = await syncSubscriptions(
      deps,
      notify,
      contact,
      channels,
      contact.subscriptions ?? [],
    );
    await deps.repos.contacts.setSubscriptions(contact.id, subscriptions, contact.version);
    return { ...contact, subscriptions };
  } catch (error) {
    logger.warn('contact subscriptions not synchronized', { contactId: contact.id, error });
    return contact;
  }
}

/** `notify`: the SNS port when SNS is configured (the contact's subscriptions), else none are made. */
export async function createContact(
  deps: Deps,
  caller: Caller,
  body: CreateContactBody,
  notify?: NotifyDeps,
): Promise<Contact> {
  const id = body.id ?? `CON-${deps.newId()}`;
  assertAlternatesShape(id, body.alternates);
  assertChannels(body.channels, { allowHttp: config().local });
  const kind = await organizationKindOf(deps, body.organizationId);
  assertGroupFitsOrganization(body.stakeholderGroup, kind);
  return withOptimisticRetry(async () => {
    const found = await loadContacts(deps, body.alternates);
    assertAlternatesExist(body.alternates, found, new Set(body.alternates));
    const at = deps.now().toISOString();
    const contact: StoredContact = {
      id,
      organizationId: body.organizationId,
      name: body.name,
      ...(body.title ? { title: body.title } : {}),
      stakeholderGroup: body.stakeholderGroup,
      dimension: dimensionOf(body.stakeholderGroup, kind),
      channels: body.channels,
      alternates: body.alternates,
      alternateOf: [],
      verificationIntervalDays: body.verificationIntervalDays,
      verificationStatus: 'pending',
      lastVerifiedAt: null,
      nextVerificationDue: nextVerificationDue(at, body.verificationIntervalDays),
      createdAt: at,
      createdBy: caller.subject,
      updatedAt: at,
      deletedAt: null,
      deletedBy: null,
      version: 1,
    };
    const alternates = body.alternates.flatMap((a) => {
      const c = found.get(a);
      return c ? [c] : [];
    });
    // A taken id → 409 ALREADY_EXISTS; an alternate changed meanwhile → retried.
    await deps.repos.contacts.write(
      [
        { contact, expectedVersion: null },
        ...alternates.map((a) => ({ contact: withReferrer(a, id, true, at), expectedVersion: a.version })),
      ],
      { organizationId: body.organizationId },
    );
    return view(await withSubscriptions(deps, notify, contact));
  });
}

export async function getContact(deps: Deps, id: string): Promise<Contact> {
  return view(await loadContact(deps, id));
}

function assertLive(c: StoredContact): void {
  if (c.deletedAt) {
    throw new ConflictError(
      `Contact ${c.id} was deleted at ${c.deletedAt}`,
      [{ field: 'path.contactId', message: 'contact is deleted' }],
      'CONTACT_DELETED',
    );
  }
}

export async function updateContact(
  deps: Deps,
  _caller: Caller,
  id: string,
  body: UpdateContactBody,
  notify?: NotifyDeps,
): Promise<Contact> {
  if (body.alternates) assertAlternatesShape(id, body.alternates);
  if (body.channels) assertChannels(body.channels, { allowHttp: config().local });
  return withOptimisticRetry(async () => {
    const current = await loadContact(deps, id);
    assertLive(current);
    let dimension = current.dimension;
    if (body.stakeholderGroup && body.stakeholderGroup !== current.stakeholderGroup) {
      const kind = (await loadOrganization(deps, current.organizationId, true)).kind;
      assertGroupFitsOrganization(body.stakeholderGroup, kind);
      dimension = dimensionOf(body.stakeholderGroup, kind);
    }
    const nextAlternates = body.alternates ?? current.alternates;
    const added = nextAlternates.filter((a) => !current.alternates.includes(a));
    const removed = current.alternates.filter((a) => !nextAlternates.includes(a));
    const found = await loadContacts(deps, [...added, ...removed]);
    assertAlternatesExist(nextAlternates, found, new Set(added));
    const at = deps.now().toISOString();
    const interval = body.verificationIntervalDays ?? current.verificationIntervalDays;
    // New channels are unverified addresses: the contact is pending again and due at the next
    // sweep, and a verification link already sent (to the old address) no longer confirms it.
    const readdressed =
      body.channels !== undefined && JSON.stringify(body.channels) !== JSON.stringify(current.channels);
    // An update is the fix an exercise finding's re-verification flag asked for: it clears the flag.
    const { reverification: _flag, ...unflagged } = current;
    const {
      verificationRound: _round,
      verificationSentAt: _sent,
      verificationStaleAt: _stale,
      ...unrounded
    } = unflagged;
    const next: StoredContact = {
      ...(readdressed ? unrounded : unflagged),
      ...body,
      dimension,
      alternates: nextAlternates,
      ...(readdressed
        ? { verificationStatus: 'pending' as const, nextVerificationDue: at }
        : {
            nextVerificationDue: nextVerificationDue(current.lastVerifiedAt ?? current.createdAt, interval),
          }),
      updatedAt: at,
      version: current.version + 1,
    };
    const touched = [
      ...added.flatMap((a) => {
        const c = found.get(a); // present: assertAlternatesExist
        return c ? [withReferrer(c, id, true, at)] : [];
      }),
      ...removed.flatMap((a) => {
        const c = found.get(a);
        return c ? [withReferrer(c, id, false, at)] : [];
      }),
    ];
    await deps.repos.contacts.write([
      { contact: next, expectedVersion: current.version },
      ...touched.map((c) => ({ contact: c, expectedVersion: c.version - 1 })),
    ]);
    return view(body.channels ? await withSubscriptions(deps, notify, next) : next);
  });
}

/**
 * Soft delete. Refused (409 CONTACT_IN_USE, listing them) while live contacts name this one as an
 * alternate: reassign their alternates first. Deleting an already deleted contact answers it again.
 */
export async function deleteContact(
  deps: Deps,
  caller: Caller,
  id: string,
  body: DeleteContactBody,
  notify?: NotifyDeps,
): Promise<Contact> {
  return withOptimisticRetry(async () => {
    const current = await loadContact(deps, id);
    if (current.deletedAt) return view(current);
    const referencedBy = referencesOf(current);
    if (current.alternateOf.length > 0 || referencedBy.length > 0) {
      const users = [...current.alternateOf, ...referencedBy].join(', ');
      throw new ConflictError(
        `Contact ${id} is still needed by ${users}; change them first`,
        [
          ...current.alternateOf.map((referrer) => ({
            field: 'path.contactId',
            message: `contact ${referrer} names ${id} as an alternate`,
            contactId: referrer,
          })),
          ...referencedBy.map((referrer) => ({
            field: 'path.contactId',
            message: `${referrer} names ${id}`,
            referrer,
          })),
        ],
        'CONTACT_IN_USE',
      );
    }
    const found = await loadContacts(deps, current.alternates);
    const at = deps.now().toISOString();
    const next: StoredContact = {
      ...current,
      deletedAt: at,
      deletedBy: caller.subject,
      ...(body.reason ? { deleteReason: body.reason } : {}),
      updatedAt: at,
      version: current.version + 1,
    };
    const released = [...found.values()].map((c) => withReferrer(c, id, false, at));
    await deps.repos.contacts.write([
      { contact: next, expectedVersion: current.version },
      ...released.map((c) => ({ contact: c, expectedVersion: c.version - 1 })),
    ]);
    return view(await withSubscriptions(deps, notify, next));
  });
}

export async function listContacts(
  deps: Deps,
  query: ListContactsQuery,
): Promise<{ items: Contact[]; nextCursor: string | null }> {
  // The index chooses one criterion; the dimension (when not the index) is filtered on the page.
  const page = await deps.repos.contacts.list(query);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}
