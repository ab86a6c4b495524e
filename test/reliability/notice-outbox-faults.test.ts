/**
 * Notices at least once, exactly once in effect (docs/escalation.md, docs/reminders.md,
 * docs/verification.md): the claim (an escalation level, a reminder's sent-marker, a contact's
 * verification round, a playbook activation) and the notice's outbox item are ONE transaction, and
 * the message is published after the commit.
 *
 * The fault: the process "stops" right after that transaction commits and before the Publish
 * (`injectAfter`: the TransactWriteItems reaches DynamoDB Local, then the call throws, so nothing
 * after the commit runs). Then the job resumes as it would: Scheduler retries the firing, and the
 * notification sweeper publishes what is left in the outbox. Each notice arrives exactly once, with
 * the message id stored in the outbox; a duplicate firing sends nothing more.
 */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationStep } from '../../functions/scheduled/escalation-step.js';
import { handler as sweeper } from '../../functions/scheduled/notification-sweeper.js';
import { handler as verificationSweep } from '../../functions/scheduled/verification-sweep.js';
import { schedulerClient } from '../../shared/aws/scheduler.js';
import { snsClient } from '../../shared/aws/sns.js';
import { documentClient } from '../../shared/db/client.js';
import { keys } from '../../shared/db/keys.js';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { createInjector } from './inject.js';

const injector = createInjector();
/** Not an AWS error: the SDK does not retry it, nothing after the call runs. */
const processStopped = () =>
  Object.assign(new Error('the process stopped right after the commit'), { name: 'ProcessStopped' });

let clock: ControlledClock;
let stack: LocalStack;

const PHONE = '+12125550901';
const post = (path: string, body: unknown) => stack.request('POST', path, { body, role: 'coordinator' });
const get = (path: string) => stack.request('GET', path, { role: 'coordinator' });

interface Sent {
  readonly messageId: string;
  readonly verification?: { readonly code: string };
  readonly kind: string;
  readonly incidentId?: string;
  readonly subject: string;
  readonly tlp: string;
}
/** Liaison messages that reached the contact's phone (the signed Message of each notification). */
const received = (filter: (m: Sent) => boolean): Sent[] =>
  stack.sns
    .mailbox({ to: PHONE })
    .filter((m) => m.type === 'Notification')
    .map((m) => JSON.parse(m.message) as Sent)
    .filter(filter);

/** Advance past the publishing request's lease and run the notification sweeper as its schedule would. */
async function sweep(after = 'PT3M') {
  clock.advance(after);
  return sweeper({ scheduledTime: clock.now().toISOString() });
}

async function incident(title: string) {
  const res = await post('/incidents', { title, description: 'd', severity: 'high', category: 'other' });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const schedulesOf = (incidentId: string) =>
  stack.scheduler
    .schedules()
    .map((s) => s.Name)
    .filter((n) => n.includes(`.${incidentId}.`));

/** The outbox message ids of a communication (what every publish of it must carry). */
async function messageIds(incidentId: string, communicationId: string): Promise<string[]> {
  const detail = await get(`/incidents/${incidentId}`);
  const comm = detail.body.communications.find(
    (c: { communicationId: string }) => c.communicationId === communicationId,
  );
  return comm.delivery.organizations.map((o: { messageId: string }) => o.messageId);
}

beforeAll(async () => {
  clock = controlledClock('2031-05-06T10:00:00Z');
  stack = await startLocalStack({ sns: true, scheduler: { clock: () => new Date() } });
  expect((await post('/organizations', { id: 'ORG-OBX', name: 'Outbox', kind: 'partner' })).status).toBe(201);
  const agreement = await post('/organizations/ORG-OBX/agreements', {
    type: 'nda',
    reference: 'NDA-OBX',
    signedAt: '2020-01-01T00:00:00Z',
    tlpCeiling: 'AMBER',
  });
  expect(agreement.status).toBe(201);
  const contact = await post('/contacts', {
    id: 'ORG-OBX-C',
    organizationId: 'ORG-OBX',
    name: 'On call',
    stakeholderGroup: 'partners',
    channels: [{ type: 'sms', address: PHONE, priority: 'primary' }],
  });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  injector.attach(documentClient());
  injector.attach(snsClient());
  injector.attach(schedulerClient());
}, 30_000);
afterEach(() => injector.clear());
afterAll(async () => {
  injector.detach();
  clock.restore();
  await stack?.stop();
});

describe('a process stopped between the claim and the Publish', () => {
  it('acknowledgement link: a failed Publish leaves the link in the outbox; the sweeper sends it once, same messageId', async () => {
    const policy = await post('/escalation-policies', {
      id: 'POL-OBX-LINK',
      name: 'Outbox link',
      levels: [{ level: 1, contacts: ['ORG-OBX-C'], timeframe: 'PT1H' }],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const id = await incident('Link publish fails');
    const links = () => received((m) => m.incidentId === id && m.kind === 'escalation.acknowledge-link');
    // Both Publishes of level 1 fail: the level's notice, then the contact's link.
    injector.inject(/^Publish/, 2, processStopped);
    const started = await post(`/incidents/${id}/escalation-chain`, { policyId: 'POL-OBX-LINK' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(injector.injected).toBe(2);
    expect(links()).toHaveLength(0);

    await sweep();
    const [link] = links();
    expect(links()).toHaveLength(1);
    expect(link?.messageId).toMatch(/^ACK-/);
    await sweep();
    expect(links()).toHaveLength(1);
  });

  it('escalation level: the retried firing finds the level claimed, the sweeper sends it once with its outbox message id; a duplicate firing sends nothing', async () => {
    const policy = await post('/escalation-policies', {
      id: 'POL-OBX',
      name: 'Outbox ladder',
      levels: [1, 2, 3].map((level) => ({ level, contacts: ['ORG-OBX-C'], timeframe: 'PT1H' })),
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const id = await incident('Escalation crash');
    const level = (n: number) => (m: Sent) =>
      m.incidentId === id && m.kind === 'escalation.level' && m.subject.startsWith(`Escalation level ${n} `);
    const started = await post(`/incidents/${id}/escalation-chain`, { policyId: 'POL-OBX' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(received(level(1))).toHaveLength(1);

    // Level 2 fires; its one transaction (claim + communication + outbox + timeline) commits, then
    // the process stops: no Publish. Scheduler retries the invocation, which finds the level claimed.
    clock.advance('PT1H');
    injector.injectAfter(/^TransactWrite/, 1, processStopped);
    const [firing] = (await stack.scheduler.tick()).filter((f) => f.name.includes(`.${id}.`));
    expect(firing).toMatchObject({ ok: true, attempts: 2 });
    expect(injector.injected).toBeGreaterThan(0);
    expect(received(level(2))).toHaveLength(0);
    const chain = (await get(`/incidents/${id}`)).body.escalationChains[0];
    expect(chain).toMatchObject({ currentLevel: 2, status: 'active' });
    const step = chain.steps[1];
    expect(step).toMatchObject({ level: 2, communicationId: expect.stringMatching(/^COMM-/) });
    const [messageId] = await messageIds(id, step.communicationId);

    // The sweeper delivers the outbox item: once, with the stored message id.
    await sweep();
    expect(received(level(2)).map((m) => m.messageId)).toEqual([messageId]);

    // A duplicate firing of level 2, and later sweeps: nothing more.
    const duplicate = await escalationStep({ incidentId: id, chainId: chain.chainId, level: 2 });
    expect(duplicate).toMatchObject({ acted: false, decision: { reason: 'already_done' } });
    await sweep('PT10M');
    expect(received(level(2))).toHaveLength(1);
    const timeline = await stack.request('GET', `/incidents/${id}/timeline`, {
      role: 'coordinator',
      query: { limit: 100 },
    });
    expect(
      timeline.body.items.filter(
        (e: { type: string; data?: { level?: number } }) =>
          e.type === 'escalation.level' && e.data?.level === 2,
      ),
    ).toHaveLength(1);
    expect((await post(`/incidents/${id}/acknowledge`, {})).status).toBe(200); // level 3 never fires
    expect(schedulesOf(id)).toEqual([]);
  });

  it('reminder and overdue notice: each sent once after a stop behind its commit; the retried firing finds its marker', async () => {
    const id = await incident('Reminder crash');
    const due = new Date(clock.now().getTime() + 2 * 86_400_000).toISOString();
    const action = await post(`/incidents/${id}/actions`, {
      description: 'Rotate the keys',
      assignedTo: 'ORG-OBX-C',
      dueDate: due,
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    const ofKind = (kind: string) => (m: Sent) => m.incidentId === id && m.kind === kind;

    for (const [advance, kind] of [
      ['PT25H', 'action.reminder'],
      ['PT24H', 'action.overdue'],
    ] as const) {
      clock.advance(advance);
      injector.injectAfter(/^TransactWrite/, 1, processStopped);
      const fired = (await stack.scheduler.tick()).filter((f) => f.name.includes(`.${id}.`));
      expect(fired, kind).toHaveLength(1);
      expect(fired[0], kind).toMatchObject({ ok: true, attempts: 2 });
      injector.clear();
      await sweep();
      await sweep('PT10M');
      expect(received(ofKind(kind)), kind).toHaveLength(1);
    }
    const detail = await get(`/incidents/${id}`);
    const notices = detail.body.communications.filter((c: { notice?: { kind: string } }) => c.notice);
    expect(notices.map((c: { notice: { kind: string } }) => c.notice.kind).sort()).toEqual([
      'action.overdue',
      'action.reminder',
    ]);
    const ids = notices.flatMap((c: { delivery: { organizations: { messageId: string }[] } }) =>
      c.delivery.organizations.map((o) => o.messageId),
    );
    expect(
      received((m) => m.incidentId === id)
        .map((m) => m.messageId)
        .sort(),
    ).toEqual(ids.sort());
  });

  it('verification link: the claim, the token and the outbox item commit together; the resumed sweep sends nothing, the notification sweeper sends the link once and drops its stored copy', async () => {
    const links = () => received((m) => m.kind === 'contact.verification');
    const before = links().length;
    clock.advance('P91D'); // ORG-OBX-C's first verification is due (interval 90 days)
    const context = { getRemainingTimeInMillis: () => 600_000 };
    injector.injectAfter(/^TransactWrite/, 1, processStopped);
    await expect(verificationSweep({}, context)).rejects.toThrow(
      'the process stopped right after the commit',
    );
    injector.clear();
    expect(links()).toHaveLength(before);

    // Scheduler retries the sweep (or the next daily one runs): the contact is claimed, nothing new.
    const resumed = await verificationSweep({}, context);
    expect(resumed).toMatchObject({ status: 'done' });
    expect(links()).toHaveLength(before);

    await sweep();
    const sent = links().slice(before);
    expect(sent).toHaveLength(1);
    const [link] = sent as [Sent];
    expect(link).toMatchObject({ messageId: expect.stringMatching(/^VER-/), tlp: 'AMBER' });
    // Sent: the stored message (it holds the link, a credential) is gone; the item records the attempt.
    const stored = await stack.documentClient.send(
      new GetCommand({ TableName: stack.tableName, Key: keys.outbox(link.messageId) }),
    );
    expect(stored.Item).toMatchObject({ status: 'sent', attemptCount: 1 });
    expect(stored.Item?.message).toBeUndefined();
    const confirmed = await stack.request('POST', `/verify/${link.verification?.code}`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);

    expect(await verificationSweep({}, context)).toMatchObject({ status: 'done', counts: { sent: 0 } });
    await sweep('PT10M');
    expect(links()).toHaveLength(before + 1);
  });
});

describe('a request stopped after its commit', () => {
  it('playbook activation: the activation.started notice committed with the activation reaches the partner once, through the sweeper', async () => {
    const playbook = await post('/playbooks', {
      id: 'PB-OBX',
      name: 'Outbox playbook',
      incidentType: 'other',
      participatingOrganizations: ['ORG-OBX'],
      rolesResponsibilities: { 'ORG-OBX': ['containment'] },
      communicationProtocols: { primary: 'sms', backup: 'phone' },
      escalationProcedures: ['Call the on-call'],
      responseActions: [{ action: 'Contain the host', responsible: 'ORG-OBX', timeframe: 'P3D' }],
    });
    expect(playbook.status, JSON.stringify(playbook.body)).toBe(201);
    const id = await incident('Activation crash');
    const started = (m: Sent) => m.incidentId === id && m.kind === 'activation.started';

    injector.injectAfter(/^TransactWrite/, 1, processStopped);
    const res = await post('/playbooks/PB-OBX/activations', { incidentId: id });
    expect(res.status).toBe(500); // the process "stopped": the client never heard of the commit
    injector.clear();
    expect(received(started)).toHaveLength(0);
    const detail = await get(`/incidents/${id}`);
    expect(detail.body.activations).toHaveLength(1);
    const notice = detail.body.communications.find(
      (c: { notice?: { kind: string } }) => c.notice?.kind === 'activation.started',
    );
    expect(notice).toMatchObject({ delivery: { status: 'pending' } });

    await sweep();
    await sweep('PT10M');
    expect(received(started).map((m) => m.messageId)).toEqual(await messageIds(id, notice.communicationId));
  });
});

describe('closing an incident', () => {
  it('stops its active chains in the close transaction and deletes their pending level schedules', async () => {
    const id = await incident('Close with a chain');
    const started = await post(`/incidents/${id}/escalation-chain`, { policyId: 'POL-OBX' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(schedulesOf(id)).toEqual([expect.stringMatching(/\.l2$/)]);

    const closed = await post(`/incidents/${id}/close`, { reason: 'resolved' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(schedulesOf(id)).toEqual([]);
    const detail = await get(`/incidents/${id}`);
    expect(detail.body.escalationChains[0]).toMatchObject({ status: 'stopped', nextSchedule: null });
    const timeline = await stack.request('GET', `/incidents/${id}/timeline`, {
      role: 'coordinator',
      query: { limit: 100 },
    });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['incident.closed', 'escalation.chain_stopped']),
    );

    // A firing of the deleted schedule (e.g. one already in flight) finds the incident closed: nothing sent.
    const late = await escalationStep({ incidentId: id, chainId: started.body.chainId, level: 2 });
    expect(late).toMatchObject({ acted: false });
    clock.advance('PT2H');
    await stack.scheduler.tick();
    expect(received((m) => m.incidentId === id && m.kind === 'escalation.level')).toHaveLength(1);
  });
});
