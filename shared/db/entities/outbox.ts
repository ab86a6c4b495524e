/**
 * Outbox item (`OUTBOX#<messageId>` / `#OUTBOX`): one outbound SNS message to one organization,
 * written in the transaction of what causes it (a communication, a notice, a verification or
 * acknowledgement link), published after the commit; while pending it is indexed on `gsi1`
 * (`OUTBOX#PENDING` / `<nextAttemptAt>#<id>`) for the notification sweeper. The only builder of
 * outbox items.
 */

import type { Tlp } from '../../schemas/common.js';
import { keys, outboxIndexKeys } from '../keys.js';
import { defineEntity } from './entity.js';

/**
 * An outbox item as stored. A message of an incident's communication names it (`incidentId`,
 * `communicationId`, `commSeq`, `index`); a message that belongs to no incident (a contact's
 * verification link, `directOutbox`) does not, and has no communication to update.
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
  /** A message of an exercise incident (`exercise: true` in the Message, `exercise` attribute). */
  readonly exercise?: boolean;
  /** Where an e-mail reply goes (the incident's reply address): the `replyTo` message attribute. */
  readonly replyTo?: string;
  readonly status: 'pending' | 'sent' | 'failed';
  readonly attempts: { at: string; ok: boolean; error?: string }[];
  readonly attemptCount: number;
  readonly nextAttemptAt: string;
  readonly createdAt: string;
}

/** How long the request that wrote an outbox item has to publish it before the sweeper may. */
export const REQUEST_LEASE_MS = 2 * 60_000;

export const outboxEntity = defineEntity<OutboxItem>({
  entity: 'outbox',
  keyOf: (o) => keys.outbox(o.id),
  indexKeysOf: (o) => (o.status === 'pending' ? outboxIndexKeys(o) : {}),
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
  /** The incident is an exercise: the Message and its attributes say so. */
  readonly exercise?: boolean;
  /** The incident's reply address (docs/inbound-email.md), when inbound e-mail is on. */
  readonly replyTo?: string | undefined;
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
      ...(plan.exercise ? { exercise: true } : {}),
      ...(plan.replyTo ? { replyTo: plan.replyTo } : {}),
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
      ...(plan.exercise ? { exercise: true } : {}),
      ...(plan.replyTo ? { replyTo: plan.replyTo } : {}),
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

/** One publish attempt's outcome, as `recordAttempt` writes it. */
export interface OutboxAttempt {
  readonly at: string;
  readonly ok: boolean;
  readonly error?: string;
  /** The item's status after it: still `pending` (next attempt at `nextAttemptAt`), `sent` or `failed`. */
  readonly status: OutboxItem['status'];
  /** Attempts made, this one included. */
  readonly attemptCount: number;
  readonly nextAttemptAt: string;
}
