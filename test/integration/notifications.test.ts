/**
 * Outbound notifications end to end: contacts subscribed on their organization's topic (real
 * 127.0.0.1 webhook receivers that confirm like partners do), TLP need-to-know checked recipient by
 * recipient, one Publish per organization, the outbox retried by the sweeper, Idempotency-Key.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRecurring } from '../../infra/local/scheduled.js';
import { MAX_ATTEMPTS } from '../../shared/domain/notifications/delivery.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A partner webhook: confirms its subscription by visiting SubscribeURL, keeps notifications. */
async function startReceiver() {
  const notifications: Received[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (body.Type === 'SubscriptionConfirmation') void fetch(String(body.SubscribeURL));
      else notifications.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/liaison`,
    notifications,
    messages: () => notifications.map((n) => JSON.parse(String(n.body.Message)) as Record<string, unknown>),
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

let stack: LocalStack;
let now = new Date();
let coordinator: string;
let responder: string;
const receivers: Record<string, Receiver> = {};

const post = (path: string, body: unknown, token = coordinator, headers: Record<string, string> = {}) =>
  stack.request('POST', path, { body, token, headers });
const get = (path: string) => stack.request('GET', path, { token: coordinator });
const settle = async () => {
  await new Promise((r) => setTimeout(r, 50));
  await stack.sns.flush();
};

async function contact(id: string, organizationId: string, stakeholderGroup = 'partners') {
  const receiver = await startReceiver();
  receivers[id] = receiver;
  const res = await post('/contacts', {
    id,
    organizationId,
    name: `Contact ${id}`,
    stakeholderGroup,
    channels: [
      { type: 'https', address: receiver.url, priority: 'primary' },
      {
        type: 'email',
        address: `${id.toLowerCase()}@${organizationId.toLowerCase()}.example`,
        priority: 'backup',
      },
    ],
  });
  expect(res.status).toBe(201);
  return res;
}

beforeAll(async () => {
  stack = await startLocalStack({ sns: true, scheduler: { clock: () => now } });
  expect(registerRecurring(stack.scheduler)).toEqual(['notification-sweeper', 'verification-sweep']);
  coordinator = await stack.token('coordinator', { sub: 'carol' });
  responder = await stack.token('responder', { sub: 'rita' });
  for (const [id, kind] of [
    ['ORG-ACME', 'partner'],
    ['ORG-GLOBEX', 'partner'],
    ['ORG-NOAGR', 'customer'],
    ['ORG-INT', 'internal'],
  ] as const) {
    expect((await post('/organizations', { id, name: id, kind })).status).toBe(201);
  }
  for (const [org, tlpCeiling] of [
    ['ORG-ACME', 'RED'],
    ['ORG-GLOBEX', 'AMBER+STRICT'],
  ] as const) {
    const agr = await post(`/organizations/${org}/agreements`, {
      type: 'nda',
      reference: `NDA-${org}`,
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling,
    });
    expect(agr.status).toBe(201);
  }
  await contact('CON-A1', 'ORG-ACME');
  await contact('CON-A2', 'ORG-ACME');
  await contact('CON-G1', 'ORG-GLOBEX');
  await contact('CON-N1', 'ORG-NOAGR', 'customers');
  await contact('CON-I1', 'ORG-INT', 'executives');
  await settle();
}, 30_000);

afterAll(async () => {
  for (const r of Object.values(receivers)) await r.close();
  await stack?.stop();
});

async function incident(tlp?: string) {
  const res = await post('/incidents', {
    title: 'Supplier breach',
    description: 'Credentials exposed',
    severity: 'high',
    category: 'data_breach',
    ...(tlp ? { tlp } : {}),
  });
  expect(res.status).toBe(201);
  return String(res.body.id);
}

const outbound = (recipients: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'email',
  direction: 'outbound',
  subject: 'Rotate your API keys',
  content: 'Please rotate the keys issued before 1 June.',
  recipients,
  ...extra,
});

describe('topics and subscriptions', () => {
  it('one subscription per deliverable channel, filtered on the contact id, state tracked', async () => {
    const topic = stack.sns.topics().find((t) => t.name.endsWith('ORG-ACME'));
    // created when the organization was registered, and remembered on it
    expect((await get('/organizations/ORG-ACME')).body.topicArn).toBe(topic?.arn);
    expect(topic?.attributes).toMatchObject({ KmsMasterKeyId: expect.any(String), SignatureVersion: '2' });
    expect(topic?.attributes.Policy).toContain('aws:SecureTransport');
    expect(topic?.tags).toMatchObject({ 'liaison:organization': 'ORG-ACME' });
    const subs = stack.sns.subscriptions().filter((s) => s.attributes.FilterPolicy?.includes('"CON-A1"'));
    expect(subs.map((s) => s.protocol).sort()).toEqual(['email', 'http']);
    expect(subs.every((s) => s.topicArn === topic?.arn)).toBe(true);
    const res = await get('/contacts/CON-A1');
    expect(res.body.subscriptions).toEqual([
      expect.objectContaining({
        type: 'https',
        status: expect.stringMatching(/pending_confirmation|confirmed/),
      }),
      expect.objectContaining({ type: 'email', status: 'pending_confirmation' }),
    ]);
  });
});

describe('contact changes keep the subscriptions in line', () => {
  it('re-subscribes changed channels and unsubscribes a deleted contact', async () => {
    await contact('CON-TMP', 'ORG-GLOBEX');
    const mine = () =>
      stack.sns.subscriptions().filter((s) => s.attributes.FilterPolicy?.includes('"CON-TMP"'));
    expect(mine()).toHaveLength(2);
    const patched = await stack.request('PATCH', '/contacts/CON-TMP', {
      token: coordinator,
      body: { channels: [{ type: 'sms', address: '+14155550123', priority: 'primary' }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.subscriptions).toEqual([
      expect.objectContaining({ type: 'sms', address: '+14155550123', status: 'confirmed' }),
    ]);
    expect(mine().map((s) => s.protocol)).toEqual(['sms']);
    const deleted = await stack.request('DELETE', '/contacts/CON-TMP', { token: coordinator });
    expect(deleted.status).toBe(200);
    expect(deleted.body.subscriptions).toEqual([]);
    expect(mine()).toEqual([]);
  });
});

describe('outbound delivery through SNS', () => {
  it('a publish goes straight to Publish: the topic ensured once per process, not per message (issue 16)', async () => {
    const id = await incident('RED');
    const created = stack.sns.calls('CreateTopic');
    const attributes = stack.sns.calls('SetTopicAttributes');
    const publishes = stack.sns.calls('Publish');
    for (let i = 0; i < 2; i++) {
      const res = await post(`/incidents/${id}/communications`, outbound({ contacts: ['CON-A1'] }));
      expect(res.body).toMatchObject({ delivery: { status: 'sent' } });
    }
    expect(stack.sns.calls('Publish') - publishes).toBe(2);
    expect(stack.sns.calls('CreateTopic') - created).toBe(0);
    expect(stack.sns.calls('SetTopicAttributes') - attributes).toBe(0);
  });

  it('a RED message reaches only its named contact, no other subscriber', async () => {
    const id = await incident('RED');
    const before = Object.fromEntries(Object.entries(receivers).map(([k, r]) => [k, r.notifications.length]));
    const res = await post(`/incidents/${id}/communications`, outbound({ contacts: ['CON-A1'] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tlp: 'RED', delivery: { status: 'sent' } });
    await settle();
    for (const [k, r] of Object.entries(receivers)) {
      expect(r.notifications.length - (before[k] ?? 0), k).toBe(k === 'CON-A1' ? 1 : 0);
    }
    const message = receivers['CON-A1']?.messages().at(-1);
    expect(message).toMatchObject({
      incidentId: id,
      tlp: 'RED',
      recipients: ['CON-A1'],
      kind: 'incident.communication',
    });
    expect(String(message?.messageId)).toMatch(/^MSG-/);
    const mail = stack.sns
      .mailbox({ to: 'con-a1@org-acme.example' })
      .filter((m) => m.type === 'Notification');
    expect(mail.length).toBeGreaterThanOrEqual(0); // e-mail waits for confirmation, like SNS
  });

  it("a tampered tlp attribute still verifies: the partner guide's receiver reads the true TLP from the signed Message", async () => {
    // The guide's `verify` as published (docs/partner-guide.md), with the local relaxation it documents.
    const guide = readFileSync(new URL('../../docs/partner-guide.md', import.meta.url), 'utf8');
    const code = /```js\n(import \{ createVerify[\s\S]*?)```/.exec(guide)?.[1];
    expect(code).toContain('LOCAL_SNS_ORIGIN');
    const file = join(mkdtempSync(join(tmpdir(), 'liaison-guide-')), 'verify.mjs');
    writeFileSync(file, code as string);
    process.env.LOCAL_SNS_ORIGIN = stack.sns.endpoint;
    const { verify } = (await import(pathToFileURL(file).href)) as {
      verify: (m: Record<string, unknown>) => Promise<boolean>;
    };
    const id = await incident('RED');
    const res = await post(`/incidents/${id}/communications`, outbound({ contacts: ['CON-A1'] }));
    expect(res.body).toMatchObject({ tlp: 'RED', delivery: { status: 'sent' } });
    await settle();
    const delivered = receivers['CON-A1']?.notifications.find((n) => String(n.body.Message).includes(id));
    const envelope = delivered?.body as Record<string, unknown> & {
      MessageAttributes: Record<string, { Type: string; Value: string }>;
    };
    expect(envelope.MessageAttributes.tlp?.Value).toBe('RED');
    expect(await verify(envelope)).toBe(true);

    const tampered = structuredClone(envelope);
    (tampered.MessageAttributes.tlp as { Value: string }).Value = 'CLEAR';
    expect(await verify(tampered)).toBe(true); // attributes are not signed
    const message = JSON.parse(String(tampered.Message)) as Record<string, unknown>;
    expect(message).toMatchObject({ tlp: 'RED', incidentId: id, kind: 'incident.communication' });
    expect(message.messageId).toBe(res.body.delivery.organizations[0].messageId);
    // What the signature does cover: the Message itself, and the certificate's origin.
    expect(await verify({ ...envelope, Message: String(envelope.Message).replace('"RED"', '"CLEAR"') })).toBe(
      false,
    );
    // Loaded without LOCAL_SNS_ORIGIN (as in production), the same code refuses the local certificate.
    delete process.env.LOCAL_SNS_ORIGIN;
    const production = (await import(`${pathToFileURL(file).href}?production`)) as { verify: typeof verify };
    expect(await production.verify(envelope)).toBe(false);
  });

  it('publishes once per organization whatever the number of its recipients', async () => {
    const id = await incident('AMBER');
    const publishes = stack.sns.calls('Publish');
    const res = await post(
      `/incidents/${id}/communications`,
      outbound({ organizations: ['ORG-ACME'], contacts: ['CON-G1'] }),
    );
    expect(res.status).toBe(201);
    expect(stack.sns.calls('Publish') - publishes).toBe(2);
    const orgs = (
      res.body.delivery as { organizations: { organizationId: string; recipients: string[] }[] }
    ).organizations.sort((a, b) => a.organizationId.localeCompare(b.organizationId));
    expect(orgs).toEqual([
      expect.objectContaining({
        organizationId: 'ORG-ACME',
        recipients: ['CON-A1', 'CON-A2'],
        status: 'sent',
      }),
      expect.objectContaining({ organizationId: 'ORG-GLOBEX', recipients: ['CON-G1'], status: 'sent' }),
    ]);
    await settle();
    expect(receivers['CON-A2']?.messages().at(-1)).toMatchObject({
      incidentId: id,
      recipients: ['CON-A1', 'CON-A2'],
    });
    expect(receivers['CON-N1']?.notifications.filter((n) => String(n.body.Message).includes(id))).toEqual([]);
  });

  it('refuses TLP violations with 422 listing each recipient; nothing written, nothing sent', async () => {
    const id = await incident('RED');
    const amber = await incident('AMBER+STRICT');
    const redOnAmber = await incident('AMBER');
    const snapshot = await stack.snapshot();
    const publishes = stack.sns.calls('Publish');

    const red = await post(`/incidents/${id}/communications`, outbound({ organizations: ['ORG-ACME'] }));
    expect(red.status).toBe(422);
    expect(red.body.error).toMatchObject({ code: 'TLP_REFUSED' });
    expect(red.body.error.details).toEqual([
      expect.objectContaining({ contactId: 'CON-A1', code: 'RED_NAMED_CONTACTS_ONLY' }),
      expect.objectContaining({ contactId: 'CON-A2', code: 'RED_NAMED_CONTACTS_ONLY' }),
    ]);
    const ceiling = await post(
      `/incidents/${id}/communications`,
      outbound({ contacts: ['CON-G1', 'CON-A1'] }),
    );
    expect(ceiling.status).toBe(422);
    expect(ceiling.body.error.details).toEqual([
      expect.objectContaining({ contactId: 'CON-G1', code: 'ABOVE_AGREEMENT_CEILING' }),
    ]);
    const strict = await post(`/incidents/${amber}/communications`, outbound({ groups: ['partners'] }));
    expect(strict.status).toBe(422);
    expect(strict.body.error.details.map((d: { code: string }) => d.code)).toContain(
      'AMBER_STRICT_NAMED_ORGANIZATIONS_ONLY',
    );
    const noAgreement = await post(
      `/incidents/${amber}/communications`,
      outbound({ contacts: ['CON-N1'] }, { tlp: 'AMBER' }),
    );
    expect(noAgreement.status).toBe(422);
    expect(noAgreement.body.error.details).toEqual([
      expect.objectContaining({ contactId: 'CON-N1', code: 'ABOVE_AGREEMENT_CEILING' }),
    ]);
    const unknown = await post(`/incidents/${id}/communications`, outbound({ contacts: ['CON-NOPE'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      expect.objectContaining({ field: 'body.recipients.contacts.0' }),
    ]);
    const raised = await post(
      `/incidents/${amber}/communications`,
      outbound({ contacts: ['CON-A1'] }, { tlp: 'RED' }),
    );
    expect(raised.status).toBe(400);
    // RED on an AMBER incident to an organization without an agreement: the first and real reason
    // is the communication's own TLP, not the recipient's ceiling (issue 16).
    const above = await post(
      `/incidents/${redOnAmber}/communications`,
      outbound({ contacts: ['CON-N1'] }, { tlp: 'RED' }),
    );
    expect(above.status).toBe(400);
    expect(above.body.error.message).toBe(
      "The communication's TLP:RED is above the incident's TLP:AMBER: a communication may lower its incident's TLP, never raise it",
    );
    expect(above.body.error.details).toEqual([
      expect.objectContaining({ field: 'body.tlp', code: 'ABOVE_INCIDENT_TLP', incidentTlp: 'AMBER' }),
    ]);
    // A refusal's headline states the (first) reason, not only that there was one.
    expect(noAgreement.body.error.message).toContain('organization ORG-NOAGR may receive at most TLP:GREEN');
    const lowered = await post(
      `/incidents/${amber}/communications`,
      outbound({ contacts: ['CON-A1'] }, { tlp: 'GREEN' }),
      responder,
    );
    expect(lowered.status).toBe(403);

    expect(await stack.snapshot()).toBe(snapshot);
    expect(stack.sns.calls('Publish')).toBe(publishes);
  });

  it('an internal organization receives AMBER and AMBER+STRICT without an agreement; RED only named', async () => {
    const amber = await incident('AMBER');
    const toGroup = await post(`/incidents/${amber}/communications`, outbound({ groups: ['executives'] }));
    expect(toGroup.status).toBe(201);
    const strict = await incident('AMBER+STRICT');
    expect(
      (await post(`/incidents/${strict}/communications`, outbound({ groups: ['executives'] }))).status,
    ).toBe(201);
    await settle();
    expect(receivers['CON-I1']?.messages().map((m) => m.incidentId)).toEqual(
      expect.arrayContaining([amber, strict]),
    );
    const red = await incident('RED');
    const redGroup = await post(`/incidents/${red}/communications`, outbound({ groups: ['executives'] }));
    expect(redGroup.status).toBe(422);
    expect(redGroup.body.error.details).toEqual([
      expect.objectContaining({ contactId: 'CON-I1', code: 'RED_NAMED_CONTACTS_ONLY' }),
    ]);
    expect((await post(`/incidents/${red}/communications`, outbound({ contacts: ['CON-I1'] }))).status).toBe(
      201,
    );
    // An external organization without an agreement still cannot receive AMBER.
    const external = await post(
      `/incidents/${amber}/communications`,
      outbound({ contacts: ['CON-I1', 'CON-N1'] }),
    );
    expect(external.status).toBe(422);
    expect(external.body.error.details).toEqual([
      expect.objectContaining({ contactId: 'CON-N1', code: 'ABOVE_AGREEMENT_CEILING' }),
    ]);
  });

  it('a coordinator may lower the level; it is recorded', async () => {
    const id = await incident();
    const res = await post(
      `/incidents/${id}/communications`,
      outbound({ contacts: ['CON-N1'] }, { tlp: 'GREEN' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ tlp: 'GREEN', tlpLoweredFrom: 'AMBER' });
    const timeline = await get(`/incidents/${id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain('communication.tlp_lowered');
  });

  it('a retried request (same Idempotency-Key) never sends twice', async () => {
    const id = await incident();
    const publishes = stack.sns.calls('Publish');
    const headers = { 'idempotency-key': `notify-${id}` };
    const first = await post(
      `/incidents/${id}/communications`,
      outbound({ contacts: ['CON-A1'] }),
      coordinator,
      headers,
    );
    const again = await post(
      `/incidents/${id}/communications`,
      outbound({ contacts: ['CON-A1'] }),
      coordinator,
      headers,
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.communicationId).toBe(first.body.communicationId);
    expect(stack.sns.calls('Publish') - publishes).toBe(1);
  });

  it('still records a communication without recipients (inbound)', async () => {
    const id = await incident();
    const publishes = stack.sns.calls('Publish');
    const res = await post(`/incidents/${id}/communications`, {
      type: 'call',
      direction: 'inbound',
      subject: 'Supplier called',
      content: 'They confirm the breach',
      sentTo: ['soc'],
    });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('delivery');
    expect(stack.sns.calls('Publish')).toBe(publishes);
  });

  it('a failed publish is retried by the sweeper with backoff and delivered once', async () => {
    const id = await incident();
    const publishes = stack.sns.calls('Publish');
    stack.sns.failNext(3, { action: 'Publish' }); // the SDK's 3 attempts all fail
    const res = await post(`/incidents/${id}/communications`, outbound({ contacts: ['CON-A2'] }));
    expect(res.status).toBe(201);
    expect(res.body.delivery).toMatchObject({ status: 'pending', organizations: [{ status: 'pending' }] });
    await settle();
    const received = () =>
      (receivers['CON-A2']?.messages() ?? []).filter((m) => m.incidentId === id).map((m) => m.messageId);
    expect(received()).toEqual([]);

    const pending = await get(`/incidents/${id}`);
    expect(pending.body.communications[0].delivery.organizations[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('InternalError'),
    });

    // Before the backoff elapsed nothing is retried; then the 5-minute sweep publishes it.
    await stack.scheduler.tick();
    expect(stack.sns.calls('Publish') - publishes).toBe(3);
    now = new Date(now.getTime() + 6 * 60_000);
    const fired = await stack.scheduler.tick();
    expect(fired.map((f) => f.name ?? f)).toHaveLength(1);
    await settle();
    expect(stack.sns.calls('Publish') - publishes).toBe(4);
    expect(received()).toEqual([expect.stringMatching(/^MSG-/)]);

    const detail = await get(`/incidents/${id}`);
    expect(detail.body.communications[0].delivery).toMatchObject({
      status: 'sent',
      organizations: [{ organizationId: 'ORG-ACME', status: 'sent', attempts: 2 }],
    });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toContain('communication.delivered');

    // A later sweep finds nothing due: delivered once.
    now = new Date(now.getTime() + 6 * 60_000);
    await stack.scheduler.tick();
    await settle();
    expect(stack.sns.calls('Publish') - publishes).toBe(4);
    expect(received()).toHaveLength(1);
  });

  it('marks a message failed after the last attempt: visible in the API and the timeline', async () => {
    const id = await incident();
    stack.sns.failNext(3 * MAX_ATTEMPTS, { action: 'Publish' });
    const res = await post(`/incidents/${id}/communications`, outbound({ contacts: ['CON-G1'] }));
    expect(res.body.delivery).toMatchObject({ status: 'pending' });
    for (let sweep = 1; sweep < MAX_ATTEMPTS; sweep++) {
      now = new Date(now.getTime() + 60 * 60_000);
      await stack.scheduler.tick();
    }
    const detail = await get(`/incidents/${id}`);
    expect(detail.body.communications[0].delivery).toMatchObject({
      status: 'failed',
      organizations: [{ organizationId: 'ORG-GLOBEX', status: 'failed', attempts: MAX_ATTEMPTS }],
    });
    const failed = detail.body.timeline.find(
      (e: { type: string }) => e.type === 'communication.delivery_failed',
    );
    expect(failed?.data).toMatchObject({ organizationId: 'ORG-GLOBEX', attempts: MAX_ATTEMPTS });
    await settle();
    expect((receivers['CON-G1']?.messages() ?? []).filter((m) => m.incidentId === id)).toEqual([]);
  }, 30_000);

  it('renders the approved template version; missing placeholders, unapproved or capped: refused', async () => {
    const template = (id: string, body: string, maxTlp: string) =>
      post('/templates', {
        id,
        name: id,
        audience: 'supplier',
        channelTypes: ['email', 'https'],
        subject: '[{{priority}}] {{title}}',
        body,
        maxTlp,
      });
    expect((await template('TPL-OK', 'We investigate {{title}} ({{id}}).', 'AMBER')).status).toBe(201);
    expect((await template('TPL-GAP', 'Contact {{discoveredBy}}.', 'AMBER')).status).toBe(201);
    expect((await template('TPL-GREEN', 'About {{title}}.', 'GREEN')).status).toBe(201);
    for (const t of ['TPL-OK', 'TPL-GAP', 'TPL-GREEN']) {
      expect((await post(`/templates/${t}/approve`, { version: 1 })).status).toBe(200);
    }
    expect((await template('TPL-DRAFT', 'Draft {{title}}.', 'AMBER')).status).toBe(201);
    const id = await incident();
    const base = { type: 'email', direction: 'outbound', recipients: { contacts: ['CON-A1'] } };
    const snapshot = await stack.snapshot();
    const publishes = stack.sns.calls('Publish');

    const gap = await post(`/incidents/${id}/communications`, { ...base, templateId: 'TPL-GAP' });
    expect(gap.status).toBe(400);
    expect(JSON.stringify(gap.body.error.details)).toContain('discoveredBy');
    const draft = await post(`/incidents/${id}/communications`, { ...base, templateId: 'TPL-DRAFT' });
    expect(draft.status).toBe(400);
    const capped = await post(`/incidents/${id}/communications`, { ...base, templateId: 'TPL-GREEN' });
    expect(capped.status).toBe(422);
    expect(capped.body.error.details).toEqual([expect.objectContaining({ code: 'TEMPLATE_TLP_CAP' })]);
    const noSubject = await post(`/incidents/${id}/communications`, base);
    expect(noSubject.status).toBe(400);
    expect(await stack.snapshot()).toBe(snapshot);
    expect(stack.sns.calls('Publish')).toBe(publishes);

    const ok = await post(`/incidents/${id}/communications`, { ...base, templateId: 'TPL-OK' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      subject: '[high] Supplier breach',
      content: `We investigate Supplier breach (${id}).`,
      template: { templateId: 'TPL-OK', version: 1 },
    });
  });
});
