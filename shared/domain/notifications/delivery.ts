/**
 * Outbound delivery of a communication: recipients resolved to contacts and checked one by one
 * against the TLP rules, then one outbox item per organization written in the communication's
 * transaction, then (after commit) one SNS Publish per organization. A failed publish stays in the
 * outbox (`gsi1` OUTBOX#PENDING, due at `nextAttemptAt`) for the notification sweeper.
 */
import type { NotifyDeps } from '../../aws/ports.js';
import { type OutboxItem, REQUEST_LEASE_MS } from '../../db/entities/outbox.js';
import type { TransactItemPart } from '../../db/transact.js';
import { type ErrorDetail, UnprocessableError, ValidationError } from '../../errors.js';
import { logger } from '../../logging.js';
import { EXERCISE_PREFIX } from '../../model/exercise.js';
import type { Tlp } from '../../schemas/common.js';
import type { StakeholderGroup } from '../../schemas/contacts.js';
import type { Communication, Recipients } from '../../schemas/incidents.js';
import type { LedgerEntry } from '../../schemas/sharing.js';
import { listContacts, loadContacts } from '../contacts/service.js';
import type { Deps } from '../deps.js';
import { organizationTlpReader } from '../organizations/service.js';
import { organizationCeilings, standingOf } from '../tlp/ceilings.js';
import { decideRecipient, type RecipientKind, type TlpDecision } from '../tlp/rules.js';
import { forgetOrganizationTopic, organizationTopic, recreateOrganizationTopic } from './topics.js';

export {
  buildOutbox,
  directOutbox,
  type OutboxItem,
  type OutboxPlan,
  REQUEST_LEASE_MS,
} from '../../db/entities/outbox.js';

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

/** One resolved recipient and the TLP decision on it. */
export interface RecipientDecision {
  readonly recipient: Resolved;
  readonly decision: TlpDecision;
}

/**
 * The TLP decision ({@link decideRecipient}) on every resolved recipient, in order, with the
 * organizations' ceilings read once each. Writes nothing, throws nothing on a refusal: what
 * `checkRecipients` enforces and `previewCommunication` shows.
 */
export async function decideRecipients(
  deps: Deps,
  resolved: readonly Resolved[],
  tlp: Tlp,
  namedOrganizations: readonly string[],
  templateMaxTlp: Tlp | undefined,
): Promise<RecipientDecision[]> {
  const ceilings = await organizationCeilings(
    organizationTlpReader(deps),
    resolved.map((r) => r.organizationId),
  );
  const named = new Set(namedOrganizations);
  return resolved.map((r) => ({
    recipient: r,
    decision: decideRecipient({
      tlp,
      via: r.via,
      organizationId: r.organizationId,
      namedOrganizations: named,
      organizationCeiling: standingOf(ceilings, r.organizationId).ceiling,
      internal: standingOf(ceilings, r.organizationId).internal,
      templateMaxTlp,
    }),
  }));
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
  const refusals: ErrorDetail[] = [];
  const byOrganization = new Map<string, string[]>();
  for (const { recipient: r, decision } of await decideRecipients(
    deps,
    resolved,
    tlp,
    namedOrganizations,
    templateMaxTlp,
  )) {
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

/** The new outbox items as transaction parts (each must be new), committed with what causes them. */
export const outboxPuts = (deps: Deps, outbox: readonly OutboxItem[]): TransactItemPart[] =>
  deps.repos.outbox.createParts(outbox);

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

/**
 * SNS Subject: ASCII, one line, under 100 characters. An exercise's subject keeps its
 * `[EXERCISE]` prefix first, before the TLP marking (docs/exercises.md).
 */
export const snsSubject = (tlp: Tlp, subject: string): string =>
  (subject.startsWith(`${EXERCISE_PREFIX} `)
    ? `${EXERCISE_PREFIX} [TLP:${tlp}] ${subject.slice(EXERCISE_PREFIX.length + 1)}`
    : `[TLP:${tlp}] ${subject}`
  )
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 99)
    .trim();

/** The message attributes of an outbox item's Publish (subscriptions filter on `recipients`). */
const attributesOf = (item: OutboxItem): Record<string, string | readonly string[]> => ({
  recipients: item.recipients,
  ...(item.incidentId ? { incidentId: item.incidentId } : {}),
  tlp: item.tlp,
  ...(item.severity ? { severity: item.severity } : {}),
  kind: item.kind,
  ...(item.exercise ? { exercise: 'true' } : {}),
  messageId: item.id,
  ...(item.replyTo ? { replyTo: item.replyTo } : {}),
});

/**
 * One Publish to the organization's stored topic (`organizationTopic`: no CreateTopic before it);
 * a topic gone since is created again, stored, and the message published to it.
 */
export async function publishToOrganization(
  deps: Deps,
  notify: NotifyDeps,
  organizationId: string,
  message: { subject: string; message: string; attributes: Record<string, string | readonly string[]> },
): Promise<void> {
  let topicArn = await organizationTopic(deps, notify, organizationId);
  if ((await notify.publisher.publish({ topicArn, ...message })) === 'published') return;
  forgetOrganizationTopic(deps, organizationId);
  topicArn = await recreateOrganizationTopic(deps, notify, organizationId);
  if ((await notify.publisher.publish({ topicArn, ...message })) === 'published') return;
  throw Object.assign(new Error(`Topic of organization ${organizationId} not found`), {
    name: 'NotFoundException',
  });
}

/**
 * The sharing-ledger entry of a delivered message (docs/sharing.md): to the organization, its
 * recipients, at the message's TLP. Its id is the message's, so a repeated delivery is one entry.
 */
export const notificationLedgerEntry = (item: OutboxItem): LedgerEntry => ({
  entryId: `notification-${item.id}`,
  at: item.createdAt,
  channel: 'notification',
  ...(item.incidentId ? { incidentId: item.incidentId } : {}),
  organizationId: item.organizationId,
  recipient: item.recipients.join(' '),
  tlp: item.tlp,
  by: 'liaison',
  objects: [{ id: item.communicationId ?? item.kind }, { id: `message:${item.id}` }],
});

/** One Publish of one outbox item, its result recorded on the item and on the communication. */
export async function attemptPublish(
  deps: Deps,
  notify: NotifyDeps,
  item: OutboxItem,
): Promise<'sent' | 'pending' | 'failed'> {
  const at = deps.now();
  let error: string | undefined;
  try {
    await publishToOrganization(deps, notify, item.organizationId, {
      subject: snsSubject(item.tlp, item.subject),
      message: item.message,
      attributes: attributesOf(item),
    });
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    logger.warn('publish failed', { messageId: item.id, error });
  }
  const attempts = item.attemptCount + 1;
  const status = error === undefined ? 'sent' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
  await deps.repos.outbox.recordAttempt(item, {
    at: at.toISOString(),
    ok: error === undefined,
    ...(error ? { error } : {}),
    status,
    attemptCount: attempts,
    nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)).toISOString(),
  });
  await deps.repos.outbox.recordOnCommunication(item, status, attempts, error);
  if (status === 'sent') await deps.repos.sharing.record([notificationLedgerEntry(item)]);
  return status;
}

/** Items one sweep handles at most (the next sweep takes the rest). */
export const SWEEP_BATCH = 50;

/**
 * The notification sweeper: every outbox item due at `now` (Query on `gsi1` OUTBOX#PENDING, never a
 * Scan) is claimed (a conditional write on what the read saw, so two sweeps never publish the same
 * item at once; the claim pushes `nextAttemptAt` one lease ahead) and published again; each attempt
 * is recorded, the delay doubles (`backoffMs`), and after `MAX_ATTEMPTS` the item is marked failed
 * (communication `delivery`, timeline entry).
 */
export async function sweepOutbox(
  deps: Deps,
  notify: NotifyDeps,
  now: Date,
  record: (item: OutboxItem, status: 'sent' | 'failed') => Promise<void> = async () => undefined,
): Promise<{ due: number; sent: number; failed: number; pending: number }> {
  const due = await deps.repos.outbox.due(now, SWEEP_BATCH);
  const counts = { due: due.length, sent: 0, failed: 0, pending: 0 };
  const until = new Date(now.getTime() + REQUEST_LEASE_MS).toISOString();
  for (const item of due) {
    if (!(await deps.repos.outbox.claim(item, until))) continue;
    const status = await attemptPublish(deps, notify, item);
    counts[status] += 1;
    if (status !== 'pending') await record(item, status);
  }
  return counts;
}
