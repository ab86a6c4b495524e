/**
 * Publishing an outbox through the ports, on in-memory repositories: a Publish goes to the
 * organization's stored `topicArn` (no CreateTopic + SetTopicAttributes before it); an organization
 * without one gets its topic created once and stored; a topic deleted out of band is re-created.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutbox,
  notificationLedgerEntry,
  publishOutbox,
  sweepOutbox,
} from '../../shared/domain/notifications/delivery.js';
import { memoryOutbox } from '../helpers/memory/outbox.js';
import { memoryPublisher } from '../helpers/memory/ports.js';
import { memorySharing } from '../helpers/memory/sharing.js';
import { memoryTopics } from '../helpers/memory/topics.js';
import { memoryDeps } from '../helpers/memory-repos.js';

const ARN = (org: string) => `arn:aws:sns:us-east-1:000000000000:liaison-${org}`;

function setup(stored: Record<string, string | undefined>) {
  const topics = memoryTopics();
  const outbox = memoryOutbox();
  const publisher = memoryPublisher();
  for (const [org, arn] of Object.entries(stored)) {
    topics.organizations.set(org, arn);
    if (arn) publisher.topics.add(arn);
  }
  const deps = memoryDeps({ repos: { topics, outbox } });
  const items = buildOutbox(
    {
      incidentId: 'INC-1',
      communicationId: 'COMM-1',
      commSeq: 1,
      byOrganization: new Map(Object.keys(stored).map((org, i) => [org, [`CON-${i}`]])),
      tlp: 'AMBER',
      severity: 'high',
      subject: 'Rotate keys',
      body: 'Now',
      kind: 'incident.communication',
      at: '2030-01-01T00:00:00.000Z',
    },
    deps.newId,
  );
  outbox.commit(items);
  const communication = {
    delivery: {
      status: 'pending' as const,
      organizations: items.map((o) => ({
        organizationId: o.organizationId,
        messageId: o.id,
        recipients: o.recipients,
        status: 'pending' as const,
      })),
    },
  };
  return { deps, notify: { publisher }, publisher, topics, outbox, items, communication };
}

const ops = (calls: { op: string }[]) => calls.map((c) => c.op);

describe('publishing to the stored topic', () => {
  it('one Publish per organization, no control-plane call, in a process that never published', async () => {
    const s = setup({ 'ORG-A': ARN('ORG-A'), 'ORG-B': ARN('ORG-B') });
    const sent = await publishOutbox(s.deps, s.notify, s.communication, s.items);
    expect(sent.delivery?.status).toBe('sent');
    expect(ops(s.publisher.calls)).toEqual(['publish', 'publish']);
    expect(s.publisher.calls.map((c) => (c.op === 'publish' ? c.publication.topicArn : ''))).toEqual([
      ARN('ORG-A'),
      ARN('ORG-B'),
    ]);
    expect([...s.outbox.items.values()].map((o) => o.status)).toEqual(['sent', 'sent']);
    expect(s.outbox.deliveries.get('INC-1#1')?.status).toBe('sent');
  });

  it('an organization without a stored topic gets it created once, stored, and reused', async () => {
    const s = setup({ 'ORG-A': undefined });
    await publishOutbox(s.deps, s.notify, s.communication, s.items);
    expect(ops(s.publisher.calls)).toEqual(['createTopic', 'publish']);
    expect(s.topics.organizations.get('ORG-A')).toBe(ARN('ORG-A'));
    const again = setup({ 'ORG-A': ARN('ORG-A') });
    const deps = { ...again.deps, repos: { ...again.deps.repos, topics: s.topics } };
    await publishOutbox(deps, s.notify, again.communication, again.items);
    expect(ops(s.publisher.calls)).toEqual(['createTopic', 'publish', 'publish']);
  });

  it('a topic deleted out of band is created again and the message published to it', async () => {
    const s = setup({ 'ORG-A': 'arn:aws:sns:us-east-1:000000000000:gone' });
    s.publisher.topics.delete('arn:aws:sns:us-east-1:000000000000:gone'); // deleted out of band
    await publishOutbox(s.deps, s.notify, s.communication, s.items);
    expect(ops(s.publisher.calls)).toEqual(['publish', 'createTopic', 'publish']);
    expect(s.topics.organizations.get('ORG-A')).toBe(ARN('ORG-A'));
    expect([...s.outbox.items.values()][0]?.status).toBe('sent');
  });

  it('a failed Publish stays pending; the sweeper claims and delivers it once', async () => {
    const s = setup({ 'ORG-A': ARN('ORG-A') });
    s.publisher.failNext(1, 'publish');
    const first = await publishOutbox(s.deps, s.notify, s.communication, s.items);
    expect(first.delivery?.status).toBe('pending');
    const item = [...s.outbox.items.values()][0];
    expect(item).toMatchObject({ status: 'pending', attemptCount: 1 });
    const later = new Date(Date.parse(item?.nextAttemptAt ?? '') + 1000);
    expect(await sweepOutbox(s.deps, s.notify, later)).toEqual({ due: 1, sent: 1, failed: 0, pending: 0 });
    expect(await sweepOutbox(s.deps, s.notify, later)).toEqual({ due: 0, sent: 0, failed: 0, pending: 0 });
    expect(ops(s.publisher.calls)).toEqual(['publish', 'publish']);
  });
});

describe('the sharing ledger of notifications (docs/sharing.md)', () => {
  it('records each delivered message once: to whom, which communication, at its TLP', async () => {
    const s = setup({ 'ORG-A': ARN('ORG-A'), 'ORG-B': ARN('ORG-B') });
    const sharing = memorySharing();
    const deps = { ...s.deps, repos: { ...s.deps.repos, sharing } };
    s.publisher.failNext(1, 'publish'); // one message stays pending: nothing left, nothing recorded
    await publishOutbox(deps, s.notify, s.communication, s.items);
    const sent = [...s.outbox.items.values()].filter((o) => o.status === 'sent');
    expect(sent).toHaveLength(1);
    expect(sharing.ledger.map((e) => e.organizationId).sort()).toEqual(
      sent.map((o) => o.organizationId).sort(),
    );
    expect(sharing.ledger[0]).toMatchObject({
      channel: 'notification',
      incidentId: 'INC-1',
      tlp: 'AMBER',
      objects: [{ id: 'COMM-1' }, { id: `message:${sent[0]?.id}` }],
    });
    await sharing.record(sent.map((o) => notificationLedgerEntry(o)));
    expect(sharing.ledger).toHaveLength(sent.length);
  });
});
