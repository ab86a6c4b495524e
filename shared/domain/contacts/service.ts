/**
 * Contacts (`CONTACT#<id>`): people and endpoints of an organization, with their channels and
 * alternates. A contact keeps the reverse set `alternateOf` (who names it as an alternate), written
 * in the same transaction as the referrer, so a contact still needed by another cannot vanish.
 * Deleting is soft: `deletedAt` is set and the index keys are removed (hidden from every list).
 */

import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import { publicView } from '../../db/items.js';
import { contactIndexKeys, contactVerificationIndexKeys, keys, listQueries } from '../../db/keys.js';
import { decodeCursor, encodeCursor } from '../../db/pagination.js';
import {
  conditionalPut,
  organizationExists,
  type TransactItem,
  TransactionConflict,
  transactWrite,
  withOptimisticRetry,
} from '../../db/transact.js';
import { type Deps, notifyDepsIfConfigured } from '../../deps.js';
import { ConflictError, type ErrorDetail, NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import { logger } from '../../http/observability.js';
import type {
  Contact,
  CreateContactBody,
  DeleteContactBody,
  ListContactsQuery,
  UpdateContactBody,
} from '../../schemas/contacts.js';
import { type ChannelSubscription, syncSubscriptions } from '../notifications/topics.js';
import { loadOrganization } from '../organizations/service.js';
import { referencesOf } from './references.js';
import {
  assertAlternatesShape,
  assertChannels,
  assertGroupFitsOrganization,
  dimensionOf,
  nextVerificationDue,
} from './rules.js';

type StoredContact = Omit<Contact, 'referencedBy'> & {
  deleteReason?: string;
  subscriptions?: ChannelSubscription[];
  /** String Set (absent when empty), see ./references.ts. */
  referencedBy?: Set<string>;
};

function contactItem(c: StoredContact) {
  return {
    ...publicView<StoredContact>(c as unknown as Record<string, unknown>),
    ...keys.contact(c.id),
    entity: 'contact',
    ...(c.deletedAt === null ? contactIndexKeys(c) : {}),
    // Verification sweep index (sparse; docs/verification.md): live contacts only.
    ...(c.deletedAt === null ? contactVerificationIndexKeys(c) : {}),
  };
}

const view = (c: StoredContact | Record<string, unknown>): Contact => ({
  ...publicView<Contact>(c as Record<string, unknown>, ['deleteReason']),
  referencedBy: referencesOf(c as Record<string, unknown>),
});

/** Put of a contact conditioned on the version it was read at (or on absence). */
function putContact(deps: Deps, c: StoredContact, expectedVersion: number | null): TransactItem {
  return conditionalPut(deps, contactItem(c), expectedVersion);
}

async function loadContact(deps: Deps, id: string): Promise<StoredContact> {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.contact(id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(`Contact ${id} not found`);
  return res.Item as StoredContact;
}

/** Several contacts in one BatchGetItem (consistent), by id. */
export async function loadContacts(deps: Deps, ids: readonly string[]): Promise<Map<string, StoredContact>> {
  const out = new Map<string, StoredContact>();
  let pending = [...new Set(ids)].map((id) => keys.contact(id));
  while (pending.length > 0) {
    const res = await deps.db.send(
      new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of res.Responses?.[deps.tableName] ?? []) out.set(String(item.id), item as StoredContact);
    pending = (res.UnprocessedKeys?.[deps.tableName]?.Keys ?? []) as typeof pending;
  }
  return out;
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
async function withSubscriptions(deps: Deps, contact: StoredContact): Promise<StoredContact> {
  const notify = notifyDepsIfConfigured();
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
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.contact(contact.id),
        UpdateExpression: 'SET subscriptions = :s',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':s': subscriptions, ':v': contact.version },
      }),
    );
    return { ...contact, subscriptions };
  } catch (error) {
    logger.warn('contact subscriptions not synchronized', { contactId: contact.id, error });
    return contact;
  }
}

export async function createContact(deps: Deps, caller: Caller, body: CreateContactBody): Promise<Contact> {
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
    const alternates = body.alternates.map((a) => found.get(a) as StoredContact);
    try {
      await transactWrite(deps, [
        putContact(deps, contact, null),
        organizationExists(deps, body.organizationId),
        ...alternates.map((a) => putContact(deps, withReferrer(a, id, true, at), a.version)),
      ]);
    } catch (error) {
      if (error instanceof TransactionConflict && error.failed.includes(0)) {
        throw new ConflictError(
          `Contact ${id} already exists`,
          [{ field: 'body.id', message: 'already exists' }],
          'ALREADY_EXISTS',
        );
      }
      throw error; // an alternate changed meanwhile: retried
    }
    return view(await withSubscriptions(deps, contact));
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
    const {
      verificationRound: _round,
      verificationSentAt: _sent,
      verificationStaleAt: _stale,
      ...unrounded
    } = current as StoredContact & Record<string, unknown>;
    const next: StoredContact = {
      ...(readdressed ? (unrounded as StoredContact) : current),
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
      ...added.map((a) => withReferrer(found.get(a) as StoredContact, id, true, at)),
      ...removed.flatMap((a) => {
        const c = found.get(a);
        return c ? [withReferrer(c, id, false, at)] : [];
      }),
    ];
    await transactWrite(deps, [
      putContact(deps, next, current.version),
      ...touched.map((c) => putContact(deps, c, c.version - 1)),
    ]);
    return view(body.channels ? await withSubscriptions(deps, next) : next);
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
): Promise<Contact> {
  return withOptimisticRetry(async () => {
    const current = await loadContact(deps, id);
    if (current.deletedAt) return view(current);
    const referencedBy = referencesOf(current as unknown as Record<string, unknown>);
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
    await transactWrite(deps, [
      putContact(deps, next, current.version),
      ...released.map((c) => putContact(deps, c, c.version - 1)),
    ]);
    return view(await withSubscriptions(deps, next));
  });
}

export async function listContacts(
  deps: Deps,
  query: ListContactsQuery,
): Promise<{ items: Contact[]; nextCursor: string | null }> {
  const q = listQueries.contacts(query);
  // The index chooses one criterion; the dimension (when not the index) is filtered on the page.
  const filterDimension = query.dimension !== undefined && q.index !== 'gsi3';
  const names: Record<string, string> = { '#pk': q.pkAttr };
  const values: Record<string, unknown> = { ':pk': q.pk };
  let condition = '#pk = :pk';
  if ('skPrefix' in q && q.skPrefix && q.skAttr) {
    names['#sk'] = q.skAttr;
    values[':sk'] = q.skPrefix;
    condition += ' AND begins_with(#sk, :sk)';
  }
  if (filterDimension) {
    names['#dim'] = 'dimension';
    values[':dim'] = query.dimension;
  }
  const res = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: q.index,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(filterDimension ? { FilterExpression: '#dim = :dim' } : {}),
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { [q.pkAttr]: q.pk }),
    }),
  );
  return { items: (res.Items ?? []).map(view), nextCursor: encodeCursor(res.LastEvaluatedKey) };
}
