/**
 * SNS topics and subscriptions, through the `Publisher` port (shared/aws/ports.ts). One standard
 * topic per organization (its distribution list), named `<LIAISON_TOPIC_PREFIX><orgId>`, created
 * once when the organization is set up and its ARN stored on it (`topicArn`); publishing reads that
 * ARN, never CreateTopic (a control-plane call with a low rate limit). Each deliverable channel of a contact (email, sms, https, sqs)
 * is one subscription on its organization's topic, filtered on the `recipients` message attribute,
 * so a message addressed to contact C reaches C's endpoints only. Phone channels are for people to
 * call: SNS has no voice protocol, so they are never subscribed.
 */

import type { NotifyDeps, Publisher } from '../../aws/ports.js';
import { NotFoundError } from '../../errors.js';
import { logger } from '../../logging.js';
import type { Channel } from '../../schemas/contacts.js';
import type { Deps } from '../deps.js';

/** A contact channel's SNS subscription, as stored on the contact. */
export interface ChannelSubscription {
  readonly type: Channel['type'];
  readonly address: string;
  readonly subscriptionArn: string;
  readonly status: 'pending_confirmation' | 'confirmed';
}

/**
 * The organization's topic ARN as stored on it (`topicArn`, written when the organization's topic
 * is set up), remembered per process and table: a Publish needs no CreateTopic first. An
 * organization without one (set up while SNS was not configured, or SNS failed then) gets its topic
 * created once, and stored.
 */
const known = new WeakMap<object, Map<string, Promise<string>>>();

function memo(deps: Deps): Map<string, Promise<string>> {
  let m = known.get(deps.repos.topics);
  if (!m) {
    m = new Map();
    known.set(deps.repos.topics, m);
  }
  return m;
}

export function organizationTopic(deps: Deps, notify: NotifyDeps, organizationId: string): Promise<string> {
  const m = memo(deps);
  const hit = m.get(organizationId);
  if (hit) return hit;
  const arn = deps.repos.topics
    .topicArn(organizationId)
    .then((stored) => stored ?? createAndStore(deps, notify.publisher, organizationId));
  m.set(organizationId, arn);
  arn.catch(() => {
    if (m.get(organizationId) === arn) m.delete(organizationId);
  });
  return arn;
}

/** Forgets the remembered ARN (its topic was not found): the next call reads or creates it again. */
export function forgetOrganizationTopic(deps: Deps, organizationId: string): void {
  memo(deps).delete(organizationId);
}

async function createAndStore(deps: Deps, publisher: Publisher, organizationId: string): Promise<string> {
  const topicArn = await publisher.createTopic(organizationId);
  try {
    await deps.repos.topics.storeTopicArn(organizationId, topicArn);
  } catch (error) {
    // A message to an organization that is not stored (none today) still goes out.
    if (!(error instanceof NotFoundError)) throw error;
  }
  return topicArn;
}

/**
 * The topic is gone (deleted out of band): create it again by name, store the new ARN, remember it.
 */
export async function recreateOrganizationTopic(
  deps: Deps,
  notify: NotifyDeps,
  organizationId: string,
): Promise<string> {
  const arn = createAndStore(deps, notify.publisher, organizationId);
  memo(deps).set(organizationId, arn);
  arn.catch(() => forgetOrganizationTopic(deps, organizationId));
  return arn;
}

const SUBSCRIBABLE = new Set<Channel['type']>(['email', 'sms', 'https', 'sqs']);

function protocolOf(channel: Pick<Channel, 'type' | 'address'>): string {
  if (channel.type === 'https') return channel.address.startsWith('http://') ? 'http' : 'https';
  return channel.type;
}

/** The filter policy of every subscription of `contactId`. */
export const recipientFilter = (contactId: string): string => JSON.stringify({ recipients: [contactId] });

const sameChannel = (a: { type: string; address: string }, b: { type: string; address: string }) =>
  a.type === b.type && a.address === b.address;

/**
 * Brings a contact's subscriptions in line with its channels: subscribes new deliverable channels
 * (filter policy on `recipients`), unsubscribes removed ones (all of them when `channels` is empty:
 * a deleted contact). Returns the subscriptions now held.
 */
export async function syncSubscriptions(
  deps: Deps,
  notify: NotifyDeps,
  contact: { id: string; organizationId: string },
  channels: readonly Channel[],
  current: readonly ChannelSubscription[],
): Promise<ChannelSubscription[]> {
  const wanted = channels.filter((c) => SUBSCRIBABLE.has(c.type));
  const keep = current.filter((s) => wanted.some((c) => sameChannel(c, s)));
  for (const gone of current.filter((s) => !keep.includes(s))) {
    if (gone.subscriptionArn.startsWith('arn:')) await notify.publisher.unsubscribe(gone.subscriptionArn);
  }
  const added = wanted.filter((c) => !keep.some((s) => sameChannel(c, s)));
  if (added.length === 0) return keep;
  const topicArn = await organizationTopic(deps, notify, contact.organizationId);
  const out = [...keep];
  for (const channel of added) {
    // One channel failing (FilterPolicyLimitExceeded at 200 per topic / 10,000 per account, an
    // endpoint already subscribed for another contact …) does not undo the others: the contact keeps
    // exactly the subscriptions SNS holds, and the failure is logged.
    try {
      const arn = await notify.publisher.subscribe({
        topicArn,
        protocol: protocolOf(channel),
        endpoint: channel.address,
        filterPolicy: recipientFilter(contact.id),
      });
      out.push({
        type: channel.type,
        address: channel.address,
        subscriptionArn: arn,
        status: await subscriptionStatus(notify, arn),
      });
    } catch (error) {
      logger.warn('channel not subscribed', { contactId: contact.id, type: channel.type, error });
    }
  }
  return out;
}

/** Pending confirmation (the endpoint has not confirmed yet) or confirmed. */
export async function subscriptionStatus(
  notify: NotifyDeps,
  subscriptionArn: string,
): Promise<ChannelSubscription['status']> {
  return (await notify.publisher.pendingConfirmation(subscriptionArn)) ? 'pending_confirmation' : 'confirmed';
}

/** Re-reads the state of each subscription (a partner may have confirmed since). */
export async function refreshSubscriptions(
  notify: NotifyDeps,
  current: readonly ChannelSubscription[],
): Promise<ChannelSubscription[]> {
  return Promise.all(
    current.map(async (s) =>
      s.status === 'confirmed' ? s : { ...s, status: await subscriptionStatus(notify, s.subscriptionArn) },
    ),
  );
}

/**
 * At registration, after the organization is written: its topic, and `topicArn` stored on it (the
 * only CreateTopic + SetTopicAttributes of its life). SNS failing leaves the organization without
 * `topicArn` (logged): the first subscription or publish that needs the topic creates and stores it.
 */
export async function provisionTopic(
  deps: Deps,
  notify: NotifyDeps | undefined,
  organizationId: string,
): Promise<string | undefined> {
  if (!notify) return undefined;
  try {
    return await recreateOrganizationTopic(deps, notify, organizationId);
  } catch (error) {
    logger.warn('organization topic not created', { organizationId, error });
    return undefined;
  }
}
