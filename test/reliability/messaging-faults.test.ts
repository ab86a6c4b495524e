/**
 * SNS and EventBridge Scheduler failures injected at the SDK level on the process-wide clients the
 * handlers use (`inject.ts`), on a controlled clock.
 *
 * Proves for SNS: a throttled Publish is retried by the SDK and delivered once; a Publish that keeps
 * failing never fails the request nor loses the message — the communication is committed with its
 * outbox and the notification sweeper delivers it later, once; an organization registered while SNS
 * is down gets its topic on first use; a notice (Liaison's own message) behaves the same.
 *
 * Proves for Scheduler: a schedule that cannot be created fails the request with 503 + Retry-After
 * and writes NOTHING (schedules are created before the transaction), and the retry schedules once; a
 * schedule that cannot be deleted after a change does not fail it, and when it fires it does nothing;
 * an escalation step whose next schedule fails is retried by Scheduler and notifies once; a chain
 * whose first level cannot be scheduled is stopped, so the client's retry starts a fresh one.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as sweeper } from '../../functions/scheduled/notification-sweeper.js';
import { schedulerClient } from '../../shared/aws/scheduler.js';
import { snsClient } from '../../shared/aws/sns.js';
import { defaultDeps } from '../../shared/deps.js';
import { sendNotice, systemActor } from '../../shared/domain/notifications/notice.js';
import { notifyDepsIfConfigured } from '../../shared/notify-deps.js';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { awsError, createInjector, expect503, throttling } from './inject.js';
import { record } from './stats.js';

const injector = createInjector();
const unavailable = awsError('InternalError', 'We encountered an internal error. Please try again.', 500);

let clock: ControlledClock;
let stack: LocalStack;

let requests = 0;
const failures = 0;
const phone = (n: number) => `+1212555${String(n).padStart(4, '0')}`;

const post = async (path: string, body: unknown) => {
  requests++;
  return stack.request('POST', path, { body, role: 'coordinator' });
};
const get = (path: string) => stack.request('GET', path, { role: 'coordinator' });
const texts = (n: number) => stack.sns.mailbox({ to: phone(n) }).filter((m) => m.type === 'Notification');

async function organizationWithContact(id: string, n: number) {
  const org = await post('/organizations', { id, name: id, kind: 'partner' });
  expect(org.status).toBe(201);
  const agreement = await post(`/organizations/${id}/agreements`, {
    type: 'nda',
    reference: `NDA-${id}`,
    signedAt: '2020-01-01T00:00:00Z',
    tlpCeiling: 'AMBER',
  });
  expect(agreement.status).toBe(201);
  const contact = await post('/contacts', {
    id: `${id}-C`,
    organizationId: id,
    name: 'On call',
    stakeholderGroup: 'partners',
    channels: [{ type: 'sms', address: phone(n), priority: 'primary' }],
  });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  return org;
}

async function incident() {
  const res = await post('/incidents', {
    title: 'SNS faults',
    description: 'd',
    severity: 'high',
    category: 'other',
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const message = (contactId: string) => ({
  type: 'notification',
  direction: 'outbound',
  subject: 'Status',
  content: 'Contained.',
  recipients: { contacts: [contactId] },
});

/** Advance past the backoff and run the notification sweeper as its schedule would. */
async function sweep(after = 'PT10M') {
  clock.advance(after);
  return sweeper({ scheduledTime: clock.now().toISOString() });
}

beforeAll(async () => {
  clock = controlledClock('2031-02-03T10:00:00Z');
  stack = await startLocalStack({ sns: true, scheduler: { clock: () => new Date() } });

  await organizationWithContact('ORG-SNSF', 1);
  injector.attach(snsClient());
  injector.attach(schedulerClient());
}, 30_000);
afterEach(() => injector.clear());
afterAll(async () => {
  injector.detach();
  clock.restore();
  record('messaging-faults', { requests, failures, injected: injector.injected });
  await stack?.stop();
});

describe('SNS failures', () => {
  it('retries a throttled Publish (SDK retries) and delivers it once', async () => {
    const id = await incident();
    const from = injector.attempts.length;
    injector.inject(/^Publish/, 2, throttling);
    const res = await post(`/incidents/${id}/communications`, message('ORG-SNSF-C'));
    expect(res.status).toBe(201);
    expect(res.body.delivery.status).toBe('sent');
    expect(injector.count(/^Publish/, from)).toBe(3);
    expect(texts(1).filter((m) => m.message.includes(id))).toHaveLength(1);
  });

  it('never fails the request nor loses the message when Publish keeps failing: the sweeper delivers it once', async () => {
    const id = await incident();
    injector.inject(/^Publish/, Number.POSITIVE_INFINITY, unavailable);
    const res = await post(`/incidents/${id}/communications`, message('ORG-SNSF-C'));
    expect(res.status).toBe(201);
    expect(res.body.delivery).toMatchObject({ status: 'pending', organizations: [{ status: 'pending' }] });
    expect(texts(1).filter((m) => m.message.includes(id))).toHaveLength(0);
    // Still failing at the first sweep: still pending, nothing lost.
    await sweep();
    expect((await get(`/incidents/${id}`)).body.communications[0].delivery.status).toBe('pending');
    injector.clear();
    await sweep('PT2H');
    await sweep('PT2H');
    const detail = await get(`/incidents/${id}`);
    expect(detail.body.communications[0].delivery.status).toBe('sent');
    expect(texts(1).filter((m) => m.message.includes(id))).toHaveLength(1);
  });

  it('registers an organization while SNS is down; its topic is created on first use', async () => {
    injector.inject(/^CreateTopic/, Number.POSITIVE_INFINITY, unavailable);
    const org = await post('/organizations', { id: 'ORG-SNSF-LATE', name: 'Late', kind: 'partner' });
    expect(org.status).toBe(201);
    expect(org.body.topicArn).toBeUndefined();
    injector.clear();
    await post('/organizations/ORG-SNSF-LATE/agreements', {
      type: 'nda',
      reference: 'NDA-LATE',
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling: 'AMBER',
    });
    const contact = await post('/contacts', {
      id: 'ORG-SNSF-LATE-C',
      organizationId: 'ORG-SNSF-LATE',
      name: 'Late contact',
      stakeholderGroup: 'partners',
      channels: [{ type: 'sms', address: phone(2), priority: 'primary' }],
    });
    expect(contact.status).toBe(201);
    const id = await incident();
    const res = await post(`/incidents/${id}/communications`, message('ORG-SNSF-LATE-C'));
    expect(res.body.delivery.status).toBe('sent');
    expect(texts(2).filter((m) => m.message.includes(id))).toHaveLength(1);
  });

  it('keeps a notice whose Publish fails, and the sweeper delivers it once', async () => {
    const id = await incident();
    injector.inject(/^Publish/, Number.POSITIVE_INFINITY, throttling);
    const result = await sendNotice(defaultDeps(), notifyDepsIfConfigured(), systemActor('test'), {
      incidentId: id,
      kind: 'action.reminder',
      subject: 'Reminder',
      content: `Action due (${id})`,
      recipients: { organizations: ['ORG-SNSF'] },
    });
    expect(result.communicationId).toEqual(expect.stringMatching(/^COMM-/));
    injector.clear();
    await sweep();
    const detail = await get(`/incidents/${id}`);
    expect(detail.body.communications[0]).toMatchObject({
      notice: { kind: 'action.reminder' },
      delivery: { status: 'sent' },
    });
    expect(texts(1).filter((m) => m.message.includes(id))).toHaveLength(1);
  });
});

const schedulesOf = (incidentId: string) =>
  stack.scheduler
    .schedules()
    .map((s) => s.Name)
    .filter((n) => n.includes(`.${incidentId}.`));
const timelineTypes = async (incidentId: string) =>
  (
    await stack.request('GET', `/incidents/${incidentId}/timeline`, {
      role: 'coordinator',
      query: { limit: 100 },
    })
  ).body.items.map((e: { type: string }) => e.type);

describe('EventBridge Scheduler failures', () => {
  it('a reminder that cannot be scheduled: 503 + Retry-After, nothing written; the retry schedules once', async () => {
    const id = await incident();
    const action = {
      description: 'Rotate the exposed keys',
      assignedTo: 'ORG-SNSF-C',
      dueDate: new Date(clock.now().getTime() + 2 * 86_400_000).toISOString(),
    };
    const before = await stack.snapshot();
    injector.inject(/^CreateSchedule/, Number.POSITIVE_INFINITY, throttling);
    expect503(await post(`/incidents/${id}/actions`, action));
    expect(await stack.snapshot()).toBe(before);
    expect(schedulesOf(id)).toEqual([]);
    injector.clear();
    const res = await post(`/incidents/${id}/actions`, action);
    expect(res.status).toBe(201);
    expect(res.body.actionId).toBe('ACTION-1');
    expect(schedulesOf(id)).toHaveLength(2);
  });

  it('a schedule that cannot be deleted does not fail the change; when it fires it does nothing', async () => {
    const id = await incident();
    const due = new Date(clock.now().getTime() + 2 * 86_400_000).toISOString();
    expect(
      (await post(`/incidents/${id}/actions`, { description: 'd', assignedTo: 'ORG-SNSF-C', dueDate: due }))
        .status,
    ).toBe(201);
    injector.inject(/^DeleteSchedule/, Number.POSITIVE_INFINITY, throttling);
    const done = await stack.request('PATCH', `/incidents/${id}/actions/ACTION-1`, {
      role: 'coordinator',
      body: { status: 'completed' },
    });
    expect(done.status).toBe(200);
    injector.clear();
    expect(schedulesOf(id)).toHaveLength(2); // left behind
    clock.advance('P3D');
    const fired = (await stack.scheduler.tick()).filter((f) => f.name.includes(`.${id}.`));
    expect(fired.map((f) => f.ok)).toEqual([true, true]);
    expect(texts(1).filter((m) => m.message.includes(id))).toHaveLength(0);
    const types = await timelineTypes(id);
    expect(types.filter((t: string) => t.startsWith('action.reminder') || t === 'action.overdue')).toEqual(
      [],
    );
  });

  it('escalation: a chain whose first level cannot be scheduled is stopped (503); a step retried by Scheduler notifies once; a failed delete after acknowledgement is harmless', async () => {
    const policy = await post('/escalation-policies', {
      id: 'POL-FAULT',
      name: 'Fault ladder',
      levels: [1, 2, 3].map((level) => ({ level, contacts: ['ORG-SNSF-C'], timeframe: 'PT1H' })),
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    const id = await incident();
    // Escalation notices (each comes with an acknowledgement-link message of its own, not counted).
    const sent = () =>
      texts(1).filter((m) => m.message.includes(id) && m.attributes.kind?.Value === 'escalation.level')
        .length;

    injector.inject(/^CreateSchedule/, Number.POSITIVE_INFINITY, throttling);
    expect503(await post(`/incidents/${id}/escalation-chain`, { policyId: 'POL-FAULT' }));
    injector.clear();
    const stopped = await get(`/incidents/${id}`);
    expect(stopped.body.escalationChains.map((c: { status: string }) => c.status)).toEqual(['stopped']);
    expect(sent()).toBe(0);

    const started = await post(`/incidents/${id}/escalation-chain`, { policyId: 'POL-FAULT' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ chainId: 'CHAIN-2', status: 'active', currentLevel: 1 });
    expect(sent()).toBe(1);

    // Level 2 fires; its CreateSchedule (level 3) fails for the whole first invocation (3 SDK
    // attempts): nothing claimed, Scheduler retries the invocation, which notifies level 2 once.
    injector.inject(/^CreateSchedule/, 3, throttling);
    clock.advance('PT1H');
    const [step] = (await stack.scheduler.tick()).filter((f) => f.name.includes(`.${id}.`));
    expect(step).toMatchObject({ ok: true, attempts: 2 });
    expect(sent()).toBe(2);
    const climbing = await get(`/incidents/${id}`);
    expect(climbing.body.escalationChains[1]).toMatchObject({ chainId: 'CHAIN-2', currentLevel: 2 });

    injector.inject(/^DeleteSchedule/, Number.POSITIVE_INFINITY, throttling);
    const ack = await post(`/incidents/${id}/acknowledge`, { note: 'on it' });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    injector.clear();
    clock.advance('PT1H');
    const late = (await stack.scheduler.tick()).filter((f) => f.name.includes(`.${id}.`));
    expect(late.map((f) => f.ok)).toEqual([true]);
    expect(sent()).toBe(2); // level 3 never notified
  });
});
