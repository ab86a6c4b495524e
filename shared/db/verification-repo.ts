/**
 * DynamoDB access of contact-directory verification (docs/verification.md, docs/data-model.md):
 * the sparse gsi5 "next verification action" index of contacts, token items (hash only), the
 * failed-attempt counters of `POST /verify/{token}`, and the sweep's run and result items.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './context.js';
import { contactEntity, type StoredContact } from './entities/contact.js';
import { organizationEntity, type StoredOrganization } from './entities/organization.js';
import { keys, listQueries, VERIFY_DUE, verificationKeys } from './keys.js';
import { indexAll } from './pagination.js';
import { concurrentUpdate, type TransactItem, TransactionConflict, transactWrite } from './transact.js';

const NULL_TYPE = 'NULL';

/** One page of live contacts whose next verification action is at or before `asOf` (gsi5, oldest first). */
export async function dueContactsPage(
  deps: TableContext,
  asOf: string,
  limit: number,
  start: Record<string, unknown> | undefined,
): Promise<{ items: StoredContact[]; last: Record<string, unknown> | undefined }> {
  const res = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: 'gsi5',
      // `<iso>#<id>` < `<asOf>$` ⇔ iso <= asOf ('$' sorts right after '#').
      KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk < :upper',
      ExpressionAttributeValues: { ':pk': VERIFY_DUE, ':upper': `${asOf}$` },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { items: (res.Items ?? []).map((i) => contactEntity.fromItem(i)), last: res.LastEvaluatedKey };
}

export interface TokenItem {
  readonly hash: string;
  readonly contactId: string;
  readonly organizationId: string;
  readonly round: string;
  readonly createdAt: string;
  readonly tokenExpiresAt: string;
  readonly usedAt?: string;
}

/** TTL: keep a token item a week past its expiry (so "expired" and "used" stay distinguishable). */
const ttlOf = (iso: string) => Math.floor(Date.parse(iso) / 1000) + 7 * 86_400;

/**
 * Claims a due contact for this round and stores its token hash, in ONE transaction: the contact
 * update is conditioned on nothing being outstanding and on the due date it was read with, so a
 * second (or concurrent) sweep cannot claim it again. `extra` items (the sweep's outbox item holding
 * the link) are written in the same transaction: claimed exactly when the message is queued. False
 * when the condition failed.
 */
export async function claimContact(
  deps: TableContext,
  c: { id: string; organizationId: string; nextVerificationDue: string },
  t: { hash: string; sentAt: string; staleAt: string; tokenExpiresAt: string },
  extra: readonly TransactItem[] = [],
): Promise<boolean> {
  const token: TokenItem = {
    hash: t.hash,
    contactId: c.id,
    organizationId: c.organizationId,
    round: c.nextVerificationDue,
    createdAt: t.sentAt,
    tokenExpiresAt: t.tokenExpiresAt,
  };
  try {
    await transactWrite(deps, [
      {
        Update: {
          TableName: deps.tableName,
          Key: keys.contact(c.id),
          UpdateExpression:
            'SET verificationSentAt = :sent, verificationStaleAt = :stale, verificationRound = :round, gsi5sk = :sk, version = version + :one',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_type(deletedAt, :null) AND nextVerificationDue = :round AND ' +
            '(attribute_not_exists(verificationStaleAt) OR attribute_type(verificationStaleAt, :null)) AND ' +
            '(attribute_not_exists(verificationRound) OR verificationRound <> :round)',
          ExpressionAttributeValues: {
            ':sent': t.sentAt,
            ':stale': t.staleAt,
            ':round': c.nextVerificationDue,
            ':sk': `${t.staleAt}#${c.id}`,
            ':one': 1,
            ':null': NULL_TYPE,
          },
        },
      },
      {
        Put: {
          TableName: deps.tableName,
          Item: {
            ...verificationKeys.token(t.hash),
            entity: 'verification-token',
            ...token,
            expiresAt: ttlOf(t.tokenExpiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...extra,
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionConflict) return false;
    throw error;
  }
}

/**
 * Marks a contact stale: its outstanding verification (stale deadline `staleAt`) went unconfirmed.
 * The next round is due `intervalDays` later (`nextDue`). False when it changed meanwhile.
 */
export async function markStale(
  deps: TableContext,
  c: { id: string; staleAt: string },
  at: string,
  nextDue: string,
): Promise<boolean> {
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.contact(c.id),
        UpdateExpression:
          'SET verificationStatus = :stale, verificationStaleAt = :null, nextVerificationDue = :next, gsi5sk = :sk, staleSince = :at, version = version + :one',
        ConditionExpression: 'attribute_type(deletedAt, :nullType) AND verificationStaleAt = :staleAt',
        ExpressionAttributeValues: {
          ':stale': 'stale',
          ':null': null,
          ':next': nextDue,
          ':sk': `${nextDue}#${c.id}`,
          ':at': at,
          ':one': 1,
          ':nullType': NULL_TYPE,
          ':staleAt': c.staleAt,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function loadToken(deps: TableContext, hash: string): Promise<TokenItem | undefined> {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: verificationKeys.token(hash), ConsistentRead: true }),
  );
  return res.Item as TokenItem | undefined;
}

/** The contact (consistent read), undefined when absent. */
export async function loadContactItem(deps: TableContext, id: string): Promise<StoredContact | undefined> {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.contact(id), ConsistentRead: true }),
  );
  return res.Item ? contactEntity.fromItem(res.Item) : undefined;
}

/**
 * Confirms a contact with its token in ONE transaction: the token is consumed (only if unused) and
 * the contact stamped verified (only if live and unchanged since read, `version`).
 */
export function confirmItems(
  deps: TableContext,
  hash: string,
  c: { id: string; version: number; round: string },
  at: string,
  nextDue: string,
  comment?: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: deps.tableName,
        Key: verificationKeys.token(hash),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at },
      },
    },
    {
      Update: {
        TableName: deps.tableName,
        Key: keys.contact(c.id),
        UpdateExpression:
          'SET verificationStatus = :verified, lastVerifiedAt = :at, nextVerificationDue = :next, verificationStaleAt = :null, gsi5sk = :sk, updatedAt = :at, version = :v1' +
          // A confirmation also clears an exercise finding's re-verification flag.
          (comment === undefined
            ? ' REMOVE staleSince, verificationComment, reverification'
            : ', verificationComment = :comment REMOVE staleSince, reverification'),
        // Still the round the token was sent for: a contact re-addressed since (new channels) or in a
        // later round is not confirmed by an old link.
        ConditionExpression:
          'version = :v AND attribute_type(deletedAt, :nullType) AND verificationRound = :round',
        ExpressionAttributeValues: {
          ':verified': 'verified',
          ':at': at,
          ':next': nextDue,
          ':null': null,
          ':sk': `${nextDue}#${c.id}`,
          ':v': c.version,
          ':v1': c.version + 1,
          ':nullType': NULL_TYPE,
          ':round': c.round,
          ...(comment === undefined ? {} : { ':comment': comment }),
        },
      },
    },
  ];
}

export async function confirm(
  deps: TableContext,
  hash: string,
  c: { id: string; version: number; round: string },
  at: string,
  nextDue: string,
  comment?: string,
): Promise<'confirmed' | 'token-used'> {
  try {
    await transactWrite(deps, confirmItems(deps, hash, c, at, nextDue, comment));
    return 'confirmed';
  } catch (error) {
    // Token consumed meanwhile (a concurrent confirmation): used. Contact changed: read again.
    if (error instanceof TransactionConflict) {
      if (error.failed.includes(0)) return 'token-used';
      throw concurrentUpdate();
    }
    throw error;
  }
}

/**
 * Failed attempts recorded in one rate-limit bucket (0 when none). Consistent: a failure counted a
 * moment ago is seen. A burst of requests in flight together can each pass this check before any
 * of them counts its failure; that overshoot is bounded by the route's throttle burst, and every
 * failure is still counted (atomic ADD), so the next request is refused.
 */
export async function failedAttempts(deps: TableContext, bucket: string): Promise<number> {
  const res = await deps.db.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: verificationKeys.rateLimit(bucket),
      ConsistentRead: true,
    }),
  );
  return Number(res.Item?.count ?? 0);
}

/** Counts one failed attempt in a bucket that expires (TTL) at `expiresAtEpoch`. */
export async function recordFailure(
  deps: TableContext,
  bucket: string,
  expiresAtEpoch: number,
): Promise<void> {
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: verificationKeys.rateLimit(bucket),
      UpdateExpression: 'ADD #count :one SET expiresAt = :ttl, entity = :entity',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAtEpoch, ':entity': 'verification-limit' },
    }),
  );
}

export async function loadSweepItem<T>(deps: TableContext, which: 'run' | 'last'): Promise<T | undefined> {
  const key = which === 'run' ? verificationKeys.sweepRun() : verificationKeys.sweepLast();
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: key, ConsistentRead: true }),
  );
  if (!res.Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _e, ...rest } = res.Item;
  return rest as T;
}

export async function saveSweepItem(deps: TableContext, which: 'run' | 'last', value: object): Promise<void> {
  const key = which === 'run' ? verificationKeys.sweepRun() : verificationKeys.sweepLast();
  await deps.db.send(
    new PutCommand({
      TableName: deps.tableName,
      Item: { ...value, ...key, entity: `verification-sweep-${which}` },
    }),
  );
}

export const directoryQueries = {
  contacts: () => listQueries.contacts({}),
  organizations: () => listQueries.organizations({}),
};

/** Every organization and every live contact (all pages of their list partitions: the sweep's report). */
export async function wholeDirectory(
  deps: TableContext,
): Promise<{ organizations: StoredOrganization[]; contacts: StoredContact[] }> {
  const [orgs, contacts] = await Promise.all([
    indexAll(deps, directoryQueries.organizations()),
    indexAll(deps, directoryQueries.contacts()),
  ]);
  return {
    organizations: orgs.map((o) => organizationEntity.fromItem(o)),
    contacts: contacts.map((c) => contactEntity.fromItem(c)),
  };
}
