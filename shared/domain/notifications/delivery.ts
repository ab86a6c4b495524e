/**
 * Outbound delivery of a communication: recipients resolved to contacts and checked one by one
 * against the TLP rules, then one outbox item per organization written in the communication's
 * transaction, then (after commit) one SNS Publish per organization. A failed publish stays in the
 * outbox (`gsi1` OUTBOX#PENDING, due at `nextAttemptAt`) for the notification sweeper.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys, OUTBOX_PENDING, outboxIndexKeys } from '../../db/keys.js';
import type { Deps, NotifyDeps } from '../../deps.js';
import { type ErrorDetail, UnprocessableError, ValidationError } from '../../errors.js';
import { logger } from '../../http/observability.js';
import type { Tlp } from '../../schemas/common.js';
import type { StakeholderGroup } from '../../schemas/contacts.js';
import type { Communication, Recipients } from '../../schemas/incidents.js';
import { listContacts, loadContacts } from '../contacts/service.js';
import { organizationTlpReader } from '../organizations/service.js';
import { organizationCeilings, standingOf } from '../tlp/ceilings.js';
import { decideRecipient, type RecipientKind } from '../tlp/rules.js';
import { ensureTopic } from './topics.js';

/** Attempts before an outbox item is marked failed. */
export const MAX_ATTEMPTS = 6;
/** Delay before attempt n+1 (n ≥ 1 attempts made): 30 s, 1, 2, 4, 8 min … capped at 1 h. */
export const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);

/** More organizations would not fit the communication's single TransactWriteItems (100 items). */
export const MAX_ORGANIZATIONS = 40;

export interface Resolved {
  readonly contactId: string;
  readonly organizationId: string;
  readonly via: RecipientKind;
  readonly field: string;
}

/** Every live contact of an organization or stakeholder group (all pages). */
export async function contactsWhere(
  deps: Deps,
  filter: { organizationId?: string; stakeholderGroup?: StakeholderGroup },
) {
  const out: { id: string; organizationId: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await listContacts(deps, { ...filter, limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Every (contact, how it was named) pair; unknown or deleted names → 400 naming the field. */
export async function resolveRecipients(deps: Deps, recipients: Recipients): Promise<Resolved[]> {
  const details: ErrorDetail[] = [];
  const out: Resolved[] = [];
  const named = recipients.contacts ?? [];
  const found = await loadContacts(deps, named);
  named.forEach((id, i) => {
    const c = found.get(id);
    const field = `body.recipients.contacts.${i}`;
    if (!c) details.push({ field, message: `contact ${id} does not exist` });
    else if (c.deletedAt) details.push({ field, message: `contact ${id} is deleted` });
    else out.push({ contactId: id, organizationId: c.organizationId, via: 'contact', field });
  });
  for (const [i, organizationId] of (recipients.organizations ?? []).entries()) {
    const field = `body.recipients.organizations.${i}`;
    const members = await contactsWhere(deps, { organizationId });
    if (members.length === 0) {
      details.push({
        field,
        message: `organization ${organizationId} does not exist or has no live contact`,
      });
    }
    for (const c of members) out.push({ contactId: c.id, organizationId, via: 'organization', field });
  }
  for (const [i, group] of (recipients.groups ?? []).entries()) {
    const field = `body.recipients.groups.${i}`;
    const members = await contactsWhere(deps, { stakeholderGroup: group });
    if (members.length === 0)
      details.push({ field, message: `no live contact in stakeholder group ${group}` });
    for (const c of members) {
      out.push({ contactId: c.id, organizationId: c.organizationId, via: 'group', field });
    }
  }
  if (details.length > 0) throw new ValidationError('Unknown recipients', details);
  if (out.length === 0) {
    throw new ValidationError('No recipients', [{ field: 'body.recipients', message: 'names no contact' }]);
  }
  return out;
}

/**
 * Checks every recipient; any refusal → 422 TLP_REFUSED listing each refused recipient and why.
 * Returns the contacts per organization (each once).
 */
export async function checkRecipients(
  deps: Deps,
  resolved: readonly Resolved[],
  tlp: Tlp,
  namedOrganizations: readonly string[],
  templateMaxTlp: Tlp | undefined,
): Promise<Map<string, string[]>> {
  const ceilings = await organizationCeilings(
    organizationTlpReader(deps),
    resolved.map((r) => r.organizationId),
  );
  const named = new Set(namedOrganizations);
  const refusals: ErrorDetail[] = [];
  const byOrganization = new Map<string, string[]>();
  for (const r of resolved) {
    const decision = decideRecipient({
      tlp,
      via: r.via,
      organizationId: r.organizationId,
      namedOrganizations: named,
      organizationCeiling: standingOf(ceilings, r.organizationId).ceiling,
      internal: standingOf(ceilings, r.organizationId).internal,
      templateMaxTlp,
    });
    if (!decision.allowed) {
      refusals.push({
        field: r.field,
        message: decision.reason,
        code: decision.code,
        contactId: r.contactId,
        organizationId: r.organizationId,
      });
      continue;
    }
    const list = byOrganization.get(r.organizationId) ?? [];
    if (!list.includes(r.contactId)) list.push(r.contactId);
    byOrganization.set(r.organizationId, list);
  }
  if (refusals.length > 0) {
    throw new UnprocessableError(
      // The headline states the first refusal's reason; the details list each one.
      `${refusals.length} recipient(s) refused under TLP:${tlp}; nothing was sent. First: ${refusals[0]?.message}`,
      refusals,
      'TLP_REFUSED',
    );
  }
  if (byOrganization.size > MAX_ORGANIZATIONS) {
    throw new UnprocessableError(
      `The recipients span ${byOrganization.size} organizations; at most ${MAX_ORGANIZATIONS} per communication`,
      [{ field: 'body.recipients', message: `at most ${MAX_ORGANIZATIONS} organizations` }],
      'TOO_MANY_ORGANIZATIONS',
    );
  }
  return byOrganization;
}

/**
 * An outbox item as stored (`OUTBOX#<id>`). A message of an incident's communication names it
 * (`incidentId`, `communicationId`, `commSeq`, `index`); a message that belongs to no incident (a
 * contact's verification link, `directOutbox`) does not, and has no communication to update.
 */
export interface OutboxItem {
  readonly id: string;
  readonly incidentId?: string;
  readonly communicationId?: string;
  readonly commSeq?: number;
  /** Position of this organization in the communication's `delivery.organizations`. */
  readonly index?: number;
  readonly organizationId: string;
  readonly recipients: string[];
  readonly subject: string;
  /** The signed SNS `Message` (JSON); removed once sent or failed when `sensitive` (it holds a secret). */
  readonly message: string;
  readonly sensitive?: boolean;
  readonly tlp: Tlp;
  readonly severity?: string;
  readonly kind: string;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: { at: string; ok: boolean; error?: string }[];
  readonly attemptCount: number;
  readonly nextAttemptAt: string;
  readonly createdAt: string;
}

export const outboxItem = (o: OutboxItem) => ({
  ...o,
  ...keys.outbox(o.id),
  entity: 'outbox',
  ...outboxIndexKeys(o),
});

/** What one communication's outbox needs to know. */
export interface OutboxPlan {
  readonly incidentId: string;
  readonly communicationId: string;
  readonly commSeq: number;
  readonly byOrganization: ReadonlyMap<string, readonly string[]>;
  readonly tlp: Tlp;
  readonly severity: string;
  readonly subject: string;
  readonly body: string;
  /** `incident.communication`, or a notice kind (`escalation.level`, `action.reminder` …). */
  readonly kind: string;
  readonly at: string;
}

/** One outbox item (and SNS message) per organization of a communication. */
export function buildOutbox(plan: OutboxPlan, newId: () => string): OutboxItem[] {
  return [...plan.byOrganization].map(([organizationId, contactIds], index) => {
    const id = `MSG-${newId()}`;
    const recipients = [...contactIds];
    const message = {
      messageId: id,
      kind: plan.kind,
      incidentId: plan.incidentId,
      communicationId: plan.communicationId,
      organizationId,
      recipients,
      tlp: plan.tlp,
      severity: plan.severity,
      subject: plan.subject,
      body: plan.body,
      sentAt: plan.at,
    };
    return {
      id,
      incidentId: plan.incidentId,
      communicationId: plan.communicationId,
      commSeq: plan.commSeq,
      index,
      organizationId,
      recipients,
      subject: plan.subject,
      message: JSON.stringify(message),
      tlp: plan.tlp,
      severity: plan.severity,
      kind: plan.kind,
      status: 'pending',
      attempts: [],
      attemptCount: 0,
      nextAttemptAt: new Date(Date.parse(plan.at) + REQUEST_LEASE_MS).toISOString(),
      createdAt: plan.at,
    };
  });
}

/**
 * The outbox item of a message that belongs to no incident (a contact's verification link): the
 * same `Message` shape as `publishDirect`, written in the transaction of the claim that causes it.
 */
export function directOutbox(message: {
  readonly messageId: string;
  readonly organizationId: string;
  readonly contactIds: readonly string[];
  readonly kind: string;
  readonly subject: string;
  readonly body: Record<string, unknown>;
  readonly tlp?: Tlp;
  readonly sensitive?: boolean;
  readonly at: string;
}): OutboxItem {
  const tlp = message.tlp ?? 'AMBER';
  const recipients = [...message.contactIds];
  return {
    id: message.messageId,
    organizationId: message.organizationId,
    recipients,
    subject: message.subject,
    message: JSON.stringify({
      messageId: message.messageId,
      kind: message.kind,
      organizationId: message.organizationId,
      recipients,
      tlp,
      subject: message.subject,
      ...message.body,
    }),
    ...(message.sensitive ? { sensitive: true } : {}),
    tlp,
    kind: message.kind,
    status: 'pending',
    attempts: [],
    attemptCount: 0,
    nextAttemptAt: new Date(Date.parse(message.at) + REQUEST_LEASE_MS).toISOString(),
    createdAt: message.at,
  };
}

/** The new outbox items as transaction Puts (each must be new). */
export const outboxPuts = (deps: Deps, outbox: readonly OutboxItem[]) =>
  outbox.map((o) => ({
    Put: { TableName: deps.tableName, Item: outboxItem(o), ConditionExpression: 'attribute_not_exists(pk)' },
  }));

/** A communication's initial `delivery` (every organization pending). */
export const pendingDelivery = (outbox: readonly OutboxItem[]): NonNullable<Communication['delivery']> => ({
  status: 'pending',
  organizations: outbox.map((o) => ({
    organizationId: o.organizationId,
    messageId: o.id,
    recipients: o.recipients,
    status: 'pending' as const,
  })),
});

/**
 * After the commit: one Publish per organization (a failure stays pending for the sweeper); the
 * communication with the outcome of this first attempt.
 */
export async function publishOutbox<C extends { delivery?: Communication['delivery'] }>(
  deps: Deps,
  notify: NotifyDeps,
  communication: C,
  outbox: readonly OutboxItem[],
): Promise<C> {
  const statuses = await Promise.all(outbox.map((o) => attemptPublish(deps, notify, o)));
  const organizations = (communication.delivery?.organizations ?? []).map((o, i) => ({
    ...o,
    status: statuses[i] ?? o.status,
    attempts: 1,
  }));
  const overall = statuses.includes('pending') ? 'pending' : statuses.includes('failed') ? 'failed' : 'sent';
  return { ...communication, delivery: { status: overall, organizations } };
}

/** SNS Subject: ASCII, one line, under 100 characters. */
export const snsSubject = (tlp: Tlp, subject: string): string =>
  `[TLP:${tlp}] ${subject}`
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 99)
    .trim();

/** One Publish of one outbox item, its result recorded on the item and on the communication. */
export async function attemptPublish(
  deps: Deps,
  notify: NotifyDeps,
  item: OutboxItem,
): Promise<'sent' | 'pending' | 'failed'> {
  const at = deps.now();
  let error: string | undefined;
  try {
    const topicArn = await ensureTopic(notify, item.organizationId);
    await notify.sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: snsSubject(item.tlp, item.subject),
        Message: item.message,
        MessageAttributes: {
          recipients: { DataType: 'String.Array', StringValue: JSON.stringify(item.recipients) },
          ...(item.incidentId ? { incidentId: { DataType: 'String', StringValue: item.incidentId } } : {}),
          tlp: { DataType: 'String', StringValue: item.tlp },
          ...(item.severity ? { severity: { DataType: 'String', StringValue: item.severity } } : {}),
          kind: { DataType: 'String', StringValue: item.kind },
          messageId: { DataType: 'String', StringValue: item.id },
        },
      }),
    );
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    logger.warn('publish failed', { messageId: item.id, error });
  }
  const attempts = item.attemptCount + 1;
  const status = error === undefined ? 'sent' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  const attempt = { at: at.toISOString(), ok: error === undefined, ...(error ? { error } : {}) };
  const nextAttemptAt = new Date(at.getTime() + backoffMs(attempts)).toISOString();
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keys.outbox(item.id),
      UpdateExpression:
        status === 'pending'
          ? 'SET attempts = list_append(attempts, :a), attemptCount = :n, nextAttemptAt = :next, gsi1sk = :gsk'
          : `SET attempts = list_append(attempts, :a), attemptCount = :n, #s = :s REMOVE gsi1pk, gsi1sk${
              item.sensitive ? ', message' : ''
            }`,
      ConditionExpression: '#s = :pending AND attemptCount = :prev',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':a': [attempt],
        ':n': attempts,
        ':pending': 'pending',
        ':prev': item.attemptCount,
        ...(status === 'pending'
          ? { ':next': nextAttemptAt, ':gsk': outboxIndexKeys({ id: item.id, nextAttemptAt }).gsi1sk }
          : { ':s': status }),
      },
    }),
  );
  await recordDelivery(deps, item, status, attempts, error);
  return status;
}

/**
 * Every attempt shows on the communication: the organization's status, attempt count and last error;
 * the overall status once none is pending.
 */
async function recordDelivery(
  deps: Deps,
  item: OutboxItem,
  status: 'sent' | 'pending' | 'failed',
  attempts: number,
  error: string | undefined,
) {
  if (item.incidentId === undefined || item.commSeq === undefined) return; // no communication to update
  const entry = `delivery.organizations[${item.index}]`;
  const res = await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keys.communication(item.incidentId, item.commSeq),
      UpdateExpression: `SET ${entry}.#s = :s, ${entry}.attempts = :n${error ? `, ${entry}.lastError = :e` : ''}`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':s': status,
        ':n': attempts,
        ...(error ? { ':e': error.slice(0, 500) } : {}),
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const delivery = (res.Attributes as { delivery?: Communication['delivery'] } | undefined)?.delivery;
  const statuses = delivery?.organizations.map((o) => o.status) ?? [];
  if (statuses.includes('pending')) return;
  await deps.db.send(
    new UpdateCommand({
      TableName: deps.tableName,
      Key: keys.communication(item.incidentId, item.commSeq),
      UpdateExpression: 'SET delivery.#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': statuses.includes('failed') ? 'failed' : 'sent' },
    }),
  );
}

/** How long the request that wrote an outbox item has to publish it before the sweeper may. */
export const REQUEST_LEASE_MS = 2 * 60_000;
/** Items one sweep handles at most (the next sweep takes the rest). */
export const SWEEP_BATCH = 50;

/**
 * Claims a due item for one attempt (a conditional write on the version the Query saw), so two
 * sweeps never publish the same item at once; the claim pushes `nextAttemptAt` one lease ahead.
 */
async function claim(deps: Deps, item: OutboxItem, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + REQUEST_LEASE_MS).toISOString();
  try {
    await deps.db.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: keys.outbox(item.id),
        UpdateExpression: 'SET nextAttemptAt = :until, gsi1sk = :gsk',
        ConditionExpression: '#s = :pending AND attemptCount = :n AND nextAttemptAt = :seen',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':until': until,
          ':gsk': outboxIndexKeys({ id: item.id, nextAttemptAt: until }).gsi1sk,
          ':pending': 'pending',
          ':n': item.attemptCount,
          ':seen': item.nextAttemptAt,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * The notification sweeper: every outbox item due at `now` (Query on `gsi1` OUTBOX#PENDING, never a
 * Scan) is claimed and published again; each attempt is recorded, the delay doubles (`backoffMs`),
 * and after `MAX_ATTEMPTS` the item is marked failed (communication `delivery`, timeline entry).
 */
export async function sweepOutbox(
  deps: Deps,
  notify: NotifyDeps,
  now: Date,
  record: (item: OutboxItem, status: 'sent' | 'failed') => Promise<void> = async () => undefined,
): Promise<{ due: number; sent: number; failed: number; pending: number }> {
  const res = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pk': OUTBOX_PENDING, ':now': `${now.toISOString()}#\uffff` },
      Limit: SWEEP_BATCH,
    }),
  );
  const due = (res.Items ?? []) as OutboxItem[];
  const counts = { due: due.length, sent: 0, failed: 0, pending: 0 };
  for (const item of due) {
    if (!(await claim(deps, item, now))) continue;
    const status = await attemptPublish(deps, notify, item);
    counts[status] += 1;
    if (status !== 'pending') await record(item, status);
  }
  return counts;
}
