/**
 * Inbound e-mail end to end on the local stack (docs/inbound-email.md): the reply address on an
 * outbound e-mail, a reply with an attachment recorded (bytes in the blob store, metadata on the
 * communication, timeline entry), a redelivery recorded once, a forged sender quarantined then
 * accepted (and another rejected), a wrong token or unknown incident dropped with nothing written,
 * and a reply to a closed incident recorded and flagged. Messages go through
 * `POST /local/inbound-email`, i.e. the same `receiveEmail` the SES Lambda calls.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../helpers/email-samples.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;
let carol: string;
let rita: string;
let dir: string;
const INC = 'INC-MAIL-1';
const CLOSED = 'INC-MAIL-2';
let token = '';

const post = (path: string, body: unknown, t = carol) => stack.request('POST', path, { body, token: t });
const get = (path: string, t = carol) => stack.request('GET', path, { token: t });
const must = async (p: ReturnType<typeof post>, status = 201) => {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res;
};

/** POSTs a raw message to the local inbound endpoint. */
async function deliver(raw: Buffer, to?: string) {
  const res = await fetch(
    `${stack.baseUrl}/local/inbound-email${to ? `?to=${encodeURIComponent(to)}` : ''}`,
    {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const communications = async (id: string) =>
  (await get(`/incidents/${id}/communications?limit=100`)).body.items as Record<string, unknown>[];
const timeline = async (id: string) =>
  (await get(`/incidents/${id}/timeline?limit=100`)).body.items as {
    type: string;
    data?: Record<string, unknown>;
  }[];
const storedToken = async (id: string) =>
  String(
    (
      await stack.documentClient.send(
        new GetCommand({ TableName: stack.tableName, Key: { pk: `INC#${id}`, sk: '#INCIDENT' } }),
      )
    ).Item?.replyToken,
  );
const files = (): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => f.name)
    : [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-inbound-'));
  stack = await startLocalStack({ sns: true, inbound: { dir } });
  carol = await stack.token('coordinator', { sub: 'carol' });
  rita = await stack.token('responder', { sub: 'rita' });
  for (const id of ['TP-ACME', 'TP-GLOBEX']) {
    await must(post('/third-parties', { id, name: id, type: 'saas' }));
    await must(
      post(`/organizations/${id}/agreements`, {
        type: 'nda',
        reference: `NDA-${id}`,
        signedAt: '2020-01-01T00:00:00Z',
        tlpCeiling: 'RED',
      }),
    );
  }
  for (const [id, org, address] of [
    ['CON-RENEE', 'TP-ACME', 'renee@acme.example'],
    ['CON-SOC', 'TP-GLOBEX', 'soc@globex.example'],
  ] as const) {
    await must(
      post('/contacts', {
        id,
        organizationId: org,
        name: id,
        stakeholderGroup: 'suppliers',
        channels: [{ type: 'email', address, priority: 'primary' }],
      }),
    );
  }
  for (const [id, tp] of [
    [INC, 'TP-ACME'],
    [CLOSED, 'TP-GLOBEX'],
  ] as const) {
    await must(
      post('/incidents', {
        id,
        title: 'Supplier breach',
        description: 'Credentials exposed',
        severity: 'high',
        category: 'data_breach',
        affectedThirdParties: [tp],
      }),
    );
  }
  // Renée confirms her e-mail subscription, as a partner does from the confirmation message.
  await stack.sns.flush();
  const [confirmation] = stack.sns.mailbox({ to: 'renee@acme.example' });
  expect(confirmation?.type).toBe('SubscriptionConfirmation');
  expect((await fetch(String(confirmation?.subscribeUrl))).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the reply address', () => {
  it('outbound e-mail of an incident carries its reply address (Reply-To); the token is never shown', async () => {
    await must(
      post(`/incidents/${INC}/communications`, {
        type: 'email',
        direction: 'outbound',
        subject: 'Rotate your API keys',
        content: 'Please rotate the keys issued before 1 June.',
        recipients: { contacts: ['CON-RENEE'] },
      }),
    );
    await stack.sns.flush();
    const mail = stack.sns.mailbox({ to: 'renee@acme.example' }).filter((m) => m.type === 'Notification');
    expect(mail).toHaveLength(1);
    const replyTo = String(mail[0]?.replyTo);
    expect(replyTo).toMatch(new RegExp(`^inc-${INC}\\+[0-9a-f]{24}@liaison\\.test$`));
    expect(mail[0]?.attributes.replyTo).toEqual({ Type: 'String', Value: replyTo });
    expect(JSON.parse(String(mail[0]?.message)).replyTo).toBe(replyTo);
    token = replyTo.slice(replyTo.indexOf('+') + 1, replyTo.indexOf('@'));
    expect(token).toBe(await storedToken(INC));
    const incident = (await get(`/incidents/${INC}`)).body;
    expect(JSON.stringify(incident)).not.toContain(token);
  });
});

describe('a reply from a known contact', () => {
  it('is recorded as an inbound communication with its attachment kept out of the table', async () => {
    const raw = sample('reply-multipart.eml', { incidentId: INC, token });
    const res = await deliver(raw);
    expect(res).toMatchObject({ status: 202, body: { outcome: 'recorded', incidentId: INC, flags: [] } });
    const comms = await communications(INC);
    const inbound = comms.find((c) => c.direction === 'inbound');
    const pdf = readFileSync(new URL('../fixtures/email/reply-multipart.eml', import.meta.url), 'utf8');
    expect(pdf).toContain('access-review.pdf');
    expect(inbound).toMatchObject({
      communicationId: res.body.communicationId,
      type: 'email',
      direction: 'inbound',
      thirdParty: 'TP-ACME',
      subject: 'Re: [TLP:AMBER] Rotate your API keys – résumé',
      sentTo: [`inc-${INC}+${token}@liaison.test`],
      recordedBy: 'liaison:inbound-email',
      inbound: {
        from: 'renee@acme.example',
        contactId: 'CON-RENEE',
        messageId: '<20261203050958.4242@mail.acme.example>',
        flags: [],
        attachments: [
          {
            name: 'access-review.pdf',
            type: 'application/pdf',
            size: expect.any(Number),
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            key: expect.stringMatching(new RegExp(`^attachments/${INC}/[0-9a-f]{64}$`)),
            evidenceObject: {
              key: expect.stringMatching(new RegExp(`^incidents/${INC}/inbound/[0-9a-f]{64}$`)),
              versionId: expect.any(String),
            },
            evidenceId: 'EVD-1',
          },
        ],
      },
    });
    expect(String(inbound?.content)).toContain('the résumé of the access review is attached');
    const meta = (
      inbound?.inbound as
        | { attachments: { key: string; sha256: string; size: number }[]; rawKey: string }
        | undefined
    )?.attachments[0];
    const bytes = readFileSync(join(dir, String(meta?.key)));
    expect(bytes.byteLength).toBe(meta?.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(meta?.sha256);
    expect(bytes.toString('latin1')).toMatch(/^%PDF-1\.4/);
    const rawKey = (inbound?.inbound as { rawKey: string } | undefined)?.rawKey;
    expect(readFileSync(join(dir, String(rawKey))).equals(raw)).toBe(true);
    // no attachment bytes in the table
    const item = await stack.documentClient.send(
      new GetCommand({ TableName: stack.tableName, Key: { pk: `INC#${INC}`, sk: 'COMM#000002' } }),
    );
    expect(JSON.stringify(item.Item)).not.toContain('%PDF');
    const entry = (await timeline(INC)).find(
      (e) => e.type === 'communication.recorded' && e.data?.communicationId === res.body.communicationId,
    );
    expect(entry?.data).toMatchObject({ direction: 'inbound', from: 'renee@acme.example', attachments: 1 });

    // The attachment is evidence: a confirmed item, its bytes in the evidence bucket (the version
    // named), collected from the sender, linked to the communication, on the timeline.
    const evidenceObject = (meta as { evidenceObject?: { key: string; versionId: string } } | undefined)
      ?.evidenceObject;
    const evidence = await must(get(`/incidents/${INC}/evidence/EVD-1`), 200);
    expect(evidence.body).toMatchObject({
      evidenceId: 'EVD-1',
      type: 'file',
      status: 'confirmed',
      fileName: 'access-review.pdf',
      contentType: 'application/pdf',
      sha256: meta?.sha256,
      size: meta?.size,
      source: 'e-mail from renee@acme.example',
      collectedBy: 'liaison:inbound-email',
      registeredBy: 'liaison:inbound-email',
      storage: {
        bucket: stack.evidenceBucket,
        key: evidenceObject?.key,
        versionId: evidenceObject?.versionId,
      },
      links: { actions: [], communications: [res.body.communicationId] },
      custody: [
        {
          seq: 1,
          kind: 'collected',
          by: 'liaison:inbound-email',
          from: 'e-mail from renee@acme.example',
          versionId: evidenceObject?.versionId,
        },
      ],
    });
    const [version] = stack.s3.versions(stack.evidenceBucket, String(evidenceObject?.key));
    expect(version?.versionId).toBe(evidenceObject?.versionId);
    expect(Buffer.from(String(version?.sha256), 'base64').toString('hex')).toBe(meta?.sha256);
    // Downloadable like any item: the presigned GET serves the same bytes.
    const download = await must(
      post(`/incidents/${INC}/evidence/EVD-1/download`, { reason: 'review the access report' }),
      200,
    );
    const served = Buffer.from(await (await fetch(download.body.download.url)).arrayBuffer());
    expect(createHash('sha256').update(served).digest('hex')).toBe(meta?.sha256);
    expect((await timeline(INC)).find((e) => e.type === 'evidence.registered')?.data).toMatchObject({
      evidenceId: 'EVD-1',
      communicationId: res.body.communicationId,
      sha256: meta?.sha256,
    });
  });

  it('delivered twice (SES retries), it is recorded once', async () => {
    const before = (await communications(INC)).length;
    const again = await deliver(sample('reply-multipart.eml', { incidentId: INC, token }));
    expect(again).toMatchObject({ status: 202, body: { outcome: 'duplicate', incidentId: INC } });
    expect((await communications(INC)).length).toBe(before);
  });
});

describe('a forged or unknown sender', () => {
  it('is quarantined, listed for coordinators, then accepted onto the incident', async () => {
    const before = (await communications(INC)).length;
    const res = await deliver(sample('forged-sender.eml', { incidentId: INC, token }));
    expect(res).toMatchObject({ status: 202, body: { outcome: 'quarantined', reason: 'unknown-sender' } });
    expect((await communications(INC)).length).toBe(before);

    const list = await must(get('/inbound-email/quarantine'), 200);
    const held = (list.body.items as Record<string, unknown>[]).find((m) => m.id === res.body.emailId);
    expect(held).toMatchObject({
      incidentId: INC,
      status: 'quarantined',
      reason: 'unknown-sender',
      from: 'mallory@evil.example',
      subject: 'Re: Rotate your API keys',
    });
    expect(held).not.toHaveProperty('contactId');
    expect((await get('/inbound-email/quarantine', rita)).status).toBe(403);

    const wrongOrg = await post(`/inbound-email/quarantine/${res.body.emailId}/accept`, {
      organizationId: 'TP-GLOBEX',
    });
    expect(wrongOrg.status).toBe(400);
    expect(wrongOrg.body.error.details).toEqual([expect.objectContaining({ field: 'body.organizationId' })]);

    const accepted = await must(
      post(`/inbound-email/quarantine/${res.body.emailId}/accept`, {
        organizationId: 'TP-ACME',
        note: 'New address',
      }),
      200,
    );
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      decidedBy: 'carol',
      decisionNote: 'New address',
      flags: ['accepted-from-quarantine'],
    });
    const comms = await communications(INC);
    expect(comms).toHaveLength(before + 1);
    expect(comms.at(-1)).toMatchObject({
      communicationId: accepted.body.communicationId,
      direction: 'inbound',
      thirdParty: 'TP-ACME',
      recordedBy: 'carol',
      inbound: { from: 'mallory@evil.example', flags: ['accepted-from-quarantine'] },
    });
    expect((await timeline(INC)).map((e) => e.type)).toContain('inbound.accepted');
    const listed = (await get('/inbound-email/quarantine')).body.items as { id: string }[];
    expect(listed.map((m) => m.id)).not.toContain(res.body.emailId);

    const twice = await post(`/inbound-email/quarantine/${res.body.emailId}/accept`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('NOT_QUARANTINED');
  });

  it('with an attachment, under a legal hold: registered as evidence only when accepted, and locked then', async () => {
    const raw = Buffer.from(
      sample('reply-multipart.eml', { incidentId: INC, token })
        .toString('latin1')
        .replace('<Renee@ACME.example>', '<eve@elsewhere.example>')
        .replace('20261203050958.4242@', 'forged-attachment@'),
      'latin1',
    );
    const hold = await must(
      post(`/incidents/${INC}/holds`, { kind: 'legal', reason: 'preservation order' }),
      201,
    );
    const evidenceBefore = (await get(`/incidents/${INC}/evidence`)).body.items as unknown[];
    const res = await deliver(raw);
    expect(res.body).toMatchObject({ outcome: 'quarantined', reason: 'unknown-sender' });
    // Kept under the evidence bucket's retention from receipt, but not in the register yet.
    const held = (await must(get('/inbound-email/quarantine'), 200)).body.items.find(
      (m: { id: string }) => m.id === res.body.emailId,
    ) as { attachments: { evidenceObject: { key: string; versionId: string }; evidenceId?: string }[] };
    const object = held.attachments[0]?.evidenceObject;
    expect(object?.key).toMatch(new RegExp(`^incidents/${INC}/inbound/[0-9a-f]{64}$`));
    expect(held.attachments[0]).not.toHaveProperty('evidenceId');
    expect((await get(`/incidents/${INC}/evidence`)).body.items).toHaveLength(evidenceBefore.length);

    const accepted = await must(
      post(`/inbound-email/quarantine/${res.body.emailId}/accept`, { organizationId: 'TP-ACME' }),
      200,
    );
    const evidenceId = (accepted.body.attachments as { evidenceId?: string }[])[0]?.evidenceId;
    expect(evidenceId).toBe(`EVD-${evidenceBefore.length + 1}`);
    const item = await must(get(`/incidents/${INC}/evidence/${evidenceId}`), 200);
    expect(item.body).toMatchObject({
      status: 'confirmed',
      source: 'e-mail from eve@elsewhere.example',
      collectedBy: 'liaison:inbound-email',
      registeredBy: 'carol',
      links: { communications: [accepted.body.communicationId] },
      legalHolds: [hold.body.holdId],
    });
    const version = stack.s3
      .versions(stack.evidenceBucket, String(object?.key))
      .find((v) => v.versionId === object?.versionId);
    expect(version?.legalHold).toBe(true);
    // Released again, so the later tests' incident is as before.
    await must(post(`/incidents/${INC}/holds/${hold.body.holdId}/release`, { reason: 'order lifted' }), 200);
  });

  it('is quarantined, then rejected: never recorded on the incident', async () => {
    const raw = Buffer.from(
      sample('forged-sender.eml', { incidentId: INC, token })
        .toString('latin1')
        .replace('forged-1@', 'forged-2@'),
      'latin1',
    );
    const res = await deliver(raw);
    expect(res.body).toMatchObject({ outcome: 'quarantined' });
    const before = await stack.request('GET', `/incidents/${INC}`, { token: carol });
    const rejected = await must(
      post(`/inbound-email/quarantine/${res.body.emailId}/reject`, { note: 'Spoofed' }),
      200,
    );
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: 'carol', decisionNote: 'Spoofed' });
    const after = await stack.request('GET', `/incidents/${INC}`, { token: carol });
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.communications).toEqual(before.body.communications);
    const again = await post(`/inbound-email/quarantine/${res.body.emailId}/reject`, {});
    expect(again.body.error.code).toBe('NOT_QUARANTINED');
    expect((await post('/inbound-email/quarantine/MAIL-unknown/reject', {})).status).toBe(404);
  });
});

describe('a wrong token, an unknown incident, no reply address', () => {
  it('is dropped: nothing written to the table or the blob store', async () => {
    const snapshot = await stack.snapshot();
    const stored = files().length;
    const forged = await deliver(sample('reply-multipart.eml', { incidentId: INC, token: 'f'.repeat(24) }));
    expect(forged).toEqual({ status: 422, body: { outcome: 'dropped', reason: 'bad-token' } });
    const unknown = await deliver(sample('reply-multipart.eml', { incidentId: 'INC-NOPE', token }));
    expect(unknown.body).toEqual({ outcome: 'dropped', reason: 'unknown-incident' });
    // the token of another incident does not open this one
    const other = await deliver(sample('reply-multipart.eml', { incidentId: CLOSED, token }));
    expect(other.body).toEqual({ outcome: 'dropped', reason: 'bad-token' });
    const none = await deliver(
      sample('reply-multipart.eml', { incidentId: INC, token }),
      'security@liaison.test',
    );
    expect(none.body).toEqual({ outcome: 'dropped', reason: 'no-reply-address' });
    expect(await stack.snapshot()).toBe(snapshot);
    expect(files().length).toBe(stored);
  });
});

describe('a reply to a closed incident', () => {
  it('is recorded and flagged; the incident stays closed', async () => {
    await must(post(`/incidents/${CLOSED}/close`, { reason: 'resolved' }), 200);
    const res = await deliver(
      sample('html-latin1.eml', { incidentId: CLOSED, token: await storedToken(CLOSED) }),
    );
    expect(res).toMatchObject({ status: 202, body: { outcome: 'recorded', flags: ['incident-closed'] } });
    const incident = (await get(`/incidents/${CLOSED}`)).body;
    expect(incident.status).toBe('closed');
    const [comm] = await communications(CLOSED);
    expect(comm).toMatchObject({
      direction: 'inbound',
      thirdParty: 'TP-GLOBEX',
      subject: 'Statut après clôture',
      content: 'We found one more host.\nRegards,\nGlobex SOC',
      inbound: { contactId: 'CON-SOC', flags: ['incident-closed'], attachments: [] },
    });
    expect((await timeline(CLOSED)).map((e) => e.type)).toEqual(
      expect.arrayContaining(['incident.closed', 'communication.recorded', 'communication.after_close']),
    );
  });
});

describe('README "Inbound e-mail" block', () => {
  it('runs verbatim against this stack (only API, SNS and the tokens replaced)', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string)
      .find((b) => b.startsWith('SNS='));
    expect(block).toBeDefined();
    const cwd = mkdtempSync(join(tmpdir(), 'liaison-readme-mail-'));
    const script = [
      `API=${stack.baseUrl.replace(/\/$/, '')}`,
      `COORD=${carol}`,
      `VIEW=${await stack.token('viewer', { sub: 'victor' })}`,
      `json() { curl -sS -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "\${@:2}"; echo; }`,
      `SNS=${stack.sns.endpoint.replace(/\/$/, '')}`,
      String(block)
        .split('\n')
        .filter((l) => !l.startsWith('SNS='))
        .join('\n'),
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      timeout: 60_000,
    }).catch((error: { stdout?: string }) => {
      throw new Error(`README block failed; its output:\n${error.stdout ?? ''}`);
    });
    expect(stdout).toMatch(/^inc-INC-MAIL\+[0-9a-f]{24}@liaison\.test$/m);
    expect(stdout).toContain('"outcome":"recorded","emailId"');
    expect(stdout).toContain('"name":"rotation.log","type":"text/plain"');
    expect(stdout).toContain('"outcome":"quarantined"');
    expect(stdout).toContain('"status":"accepted"');
    expect(stdout).toContain('{"outcome":"dropped","reason":"bad-token"}');
    const comms = await communications('INC-MAIL');
    expect(comms.map((c) => [c.communicationId, c.direction])).toEqual([
      ['COMM-1', 'outbound'],
      ['COMM-2', 'inbound'],
      ['COMM-3', 'inbound'],
    ]);
  });
});
