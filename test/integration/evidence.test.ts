/**
 * The evidence register end to end (docs/evidence.md): registration with a presigned PUT that the
 * local S3 accepts only with the registered SHA-256, confirmation checked against the object,
 * custody on every download, legal holds (table 409 and S3 Object Lock), disclosure holds on
 * communications with the admin override recorded.
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas } from '../helpers/personas.js';

let stack: LocalStack;
let admin: string;
let coordinator: string;
let responder: string;
let viewer: string;

beforeAll(async () => {
  stack = await startLocalStack({ console: false });
  ({ admin, coordinator, responder, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function incident(id: string): Promise<void> {
  const res = await stack.request('POST', '/incidents', {
    token: coordinator,
    body: { id, title: 'Ransomware at a supplier', description: 'd', severity: 'high', category: 'malware' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function register(incidentId: string, file: Buffer, extra: Record<string, unknown> = {}) {
  const res = await stack.request('POST', `/incidents/${incidentId}/evidence`, {
    token: responder,
    body: {
      description: 'Firewall log of the exfiltration window',
      type: 'log',
      source: 'fw-edge-01',
      collectedAt: '2030-01-01T10:00:00Z',
      fileName: 'fw-edge-01.log',
      contentType: 'text/plain',
      sha256: sha256(file),
      size: file.length,
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as {
    evidence: { evidenceId: string; storage: { key: string } };
    upload: { url: string; headers: Record<string, string> };
  };
}

async function upload(url: string, headers: Record<string, string>, body: Buffer) {
  return fetch(url, { method: 'PUT', headers, body });
}

async function registered(incidentId: string, file: Buffer): Promise<string> {
  const { evidence, upload: put } = await register(incidentId, file);
  expect((await upload(put.url, put.headers, file)).status).toBe(200);
  const confirmed = await stack.request(
    'POST',
    `/incidents/${incidentId}/evidence/${evidence.evidenceId}/confirm`,
    {
      token: responder,
      body: {},
    },
  );
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return evidence.evidenceId;
}

describe('evidence register', () => {
  it('registers, uploads through the presigned PUT, confirms with the hash checked, lists and reads', async () => {
    await incident('INC-EV1');
    const file = Buffer.from('2030-01-01T10:00:01Z DENY 10.0.0.5 -> 203.0.113.9:443\n');
    const { evidence, upload: put } = await register('INC-EV1', file);
    expect(evidence).toMatchObject({
      evidenceId: 'EVD-1',
      status: 'pending_upload',
      sha256: sha256(file),
      custodian: 'rita',
      storage: { bucket: stack.evidenceBucket, key: 'incidents/INC-EV1/evidence/EVD-1' },
      legalHolds: [],
    });
    expect(put.headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(file).digest('base64'));

    const early = await stack.request('POST', '/incidents/INC-EV1/evidence/EVD-1/confirm', {
      token: responder,
      body: {},
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('EVIDENCE_NOT_UPLOADED');

    // S3 itself refuses another body with that URL (the SHA-256 is a signed header).
    const wrong = await upload(put.url, put.headers, Buffer.from('tampered'));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('BadDigest');

    expect((await upload(put.url, put.headers, file)).status).toBe(200);
    const confirmed = await stack.request('POST', '/incidents/INC-EV1/evidence/EVD-1/confirm', {
      token: responder,
      body: {},
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.storage.versionId).toMatch(/^[0-9a-f]{32}$/);

    const again = await stack.request('POST', '/incidents/INC-EV1/evidence/EVD-1/confirm', {
      token: responder,
      body: {},
    });
    expect(again.body.error.code).toBe('EVIDENCE_ALREADY_CONFIRMED');

    const list = await stack.request('GET', '/incidents/INC-EV1/evidence', { token: viewer });
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { evidenceId: string }) => e.evidenceId)).toEqual(['EVD-1']);

    const timeline = await stack.request('GET', '/incidents/INC-EV1/timeline', { token: viewer });
    const types = timeline.body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['evidence.registered', 'evidence.confirmed']));
  });

  it('refuses a confirmation when the stored object is not the registered file (422), the item stays unconfirmed', async () => {
    await incident('INC-EV2');
    const file = Buffer.from('memory image header');
    const { evidence } = await register('INC-EV2', file);
    // Someone writes other bytes to the key without the checksum (out of band).
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: stack.s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.evidenceBucket,
        Key: evidence.storage.key,
        Body: Buffer.from('other bytes!!!!!!!!'),
      }),
    );
    s3.destroy();
    const before = await stack.snapshot();
    const res = await stack.request('POST', '/incidents/INC-EV2/evidence/EVD-1/confirm', {
      token: responder,
      body: {},
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('EVIDENCE_HASH_MISMATCH');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('object.sha256');
    expect(await stack.snapshot()).toBe(before);
    const read = await stack.request('GET', '/incidents/INC-EV2/evidence/EVD-1', { token: viewer });
    expect(read.body.status).toBe('pending_upload');
  });

  it('records every download in the custody history, and custody transfers', async () => {
    await incident('INC-EV3');
    const file = Buffer.from('pcap bytes');
    const id = await registered('INC-EV3', file);
    for (const reason of ['analysis', 'second look']) {
      const res = await stack.request('POST', `/incidents/INC-EV3/evidence/${id}/download`, {
        token: responder,
        body: { reason },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const got = await fetch(res.body.download.url);
      expect(got.status).toBe(200);
      expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(file));
    }
    const transfer = await stack.request('POST', `/incidents/INC-EV3/evidence/${id}/transfers`, {
      token: coordinator,
      body: { to: 'National Cyber Crime Unit (ref NCCU-2030-17)', reason: 'handed over on request' },
    });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(201);
    expect(transfer.body).toMatchObject({ kind: 'transfer', from: 'rita' });
    const wrongFrom = await stack.request('POST', `/incidents/INC-EV3/evidence/${id}/transfers`, {
      token: coordinator,
      body: { from: 'someone else', to: 'x', reason: 'y' },
    });
    expect(wrongFrom.body.error.code).toBe('CUSTODIAN_MISMATCH');

    const detail = await stack.request('GET', `/incidents/INC-EV3/evidence/${id}`, { token: viewer });
    expect(detail.body.custody.map((c: { kind: string }) => c.kind)).toEqual([
      'collected',
      'uploaded',
      'download',
      'download',
      'transfer',
    ]);
    expect(detail.body.custody[2]).toMatchObject({ by: 'rita', reason: 'analysis' });
    expect(detail.body.custodian).toBe('National Cyber Crime Unit (ref NCCU-2030-17)');
  });

  it('a held item cannot be deleted (409 LEGAL_HOLD, nothing written) and its S3 version is locked; after release it can', async () => {
    await incident('INC-EV4');
    const id = await registered('INC-EV4', Buffer.from('disk image'));
    const hold = await stack.request('POST', '/incidents/INC-EV4/holds', {
      token: coordinator,
      body: { kind: 'legal', reason: 'preservation order', requestedBy: 'Public prosecutor, case 17/2030' },
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    expect(hold.body).toMatchObject({ holdId: 'HOLD-1', kind: 'legal', status: 'active', objectLocks: 1 });
    const key = `incidents/INC-EV4/evidence/${id}`;
    expect(stack.s3.versions(stack.evidenceBucket, key).map((v) => v.legalHold)).toEqual([true]);

    const before = await stack.snapshot();
    const refused = await stack.request('DELETE', `/incidents/INC-EV4/evidence/${id}`, {
      token: coordinator,
      body: { reason: 'duplicate' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'LEGAL_HOLD', details: [{ holdId: 'HOLD-1' }] });
    expect(await stack.snapshot()).toBe(before);
    expect(stack.s3.versions(stack.evidenceBucket, key)).toHaveLength(1);

    // An item registered while the incident is held is locked as it is confirmed.
    const later = await registered('INC-EV4', Buffer.from('second image'));
    expect(stack.s3.versions(stack.evidenceBucket, `incidents/INC-EV4/evidence/${later}`)[0]?.legalHold).toBe(
      true,
    );
    const read = await stack.request('GET', `/incidents/INC-EV4/evidence/${later}`, { token: viewer });
    expect(read.body.legalHolds).toEqual(['HOLD-1']);

    const released = await stack.request('POST', '/incidents/INC-EV4/holds/HOLD-1/release', {
      token: coordinator,
      body: { reason: 'order lifted' },
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body).toMatchObject({ status: 'released', objectLocks: 2 });
    expect(stack.s3.versions(stack.evidenceBucket, key)[0]?.legalHold).toBe(false);

    const deleted = await stack.request('DELETE', `/incidents/INC-EV4/evidence/${id}`, {
      token: coordinator,
      body: { reason: 'duplicate' },
    });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body.status).toBe('deleted');
    expect(stack.s3.versions(stack.evidenceBucket, key)).toHaveLength(0);

    const holds = await stack.request('GET', '/incidents/INC-EV4/holds', { token: viewer });
    expect(holds.body.items.map((h: { status: string }) => h.status)).toEqual(['released']);
    const timeline = await stack.request('GET', '/incidents/INC-EV4/timeline', { token: viewer });
    const types = timeline.body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['hold.placed', 'hold.released', 'evidence.deleted']));
  });

  it('a legal hold on one item locks that item only', async () => {
    await incident('INC-EV5');
    const a = await registered('INC-EV5', Buffer.from('a'));
    const b = await registered('INC-EV5', Buffer.from('b'));
    const hold = await stack.request('POST', '/incidents/INC-EV5/holds', {
      token: coordinator,
      body: { kind: 'legal', evidenceId: a, reason: 'exhibit 1' },
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    const refused = await stack.request('DELETE', `/incidents/INC-EV5/evidence/${a}`, {
      token: coordinator,
      body: { reason: 'x' },
    });
    expect(refused.body.error.code).toBe('LEGAL_HOLD');
    const ok = await stack.request('DELETE', `/incidents/INC-EV5/evidence/${b}`, {
      token: coordinator,
      body: { reason: 'x' },
    });
    expect(ok.status).toBe(200);
  });
});

describe('disclosure hold', () => {
  it('refuses an outbound customer communication with 409 naming the hold; an admin override is recorded', async () => {
    await incident('INC-DH1');
    const hold = await stack.request('POST', '/incidents/INC-DH1/holds', {
      token: coordinator,
      body: { kind: 'disclosure', reason: 'police asked to delay customer notice', requestedBy: 'NCCU' },
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    expect(hold.body.audiences).toEqual(['customers', 'media', 'public']);
    const obligations = await stack.request('GET', '/incidents/INC-DH1/obligations', { token: viewer });
    expect(obligations.status).toBe(200);
    expect(obligations.body.disclosureHolds).toEqual([
      { holdId: 'HOLD-1', audiences: ['customers', 'media', 'public'] },
    ]);
    const message = {
      type: 'email',
      direction: 'outbound',
      subject: 'Service incident',
      content: 'We are investigating an incident.',
      sentTo: ['customers@example.com'],
      audience: 'customers',
    };
    const before = await stack.snapshot();
    const refused = await stack.request('POST', '/incidents/INC-DH1/communications', {
      token: coordinator,
      body: message,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'DISCLOSURE_HOLD',
      details: [{ field: 'body.audience', holdId: 'HOLD-1' }],
    });
    expect(refused.body.error.message).toContain('HOLD-1');
    expect(await stack.snapshot()).toBe(before);

    const partners = await stack.request('POST', '/incidents/INC-DH1/communications', {
      token: coordinator,
      body: { ...message, audience: 'partners', sentTo: ['soc@partner.example'] },
    });
    expect(partners.status, JSON.stringify(partners.body)).toBe(201);

    const notAdmin = await stack.request('POST', '/incidents/INC-DH1/communications', {
      token: coordinator,
      body: { ...message, overrideReason: 'urgent' },
    });
    expect(notAdmin.status).toBe(403);

    const override = await stack.request('POST', '/incidents/INC-DH1/communications', {
      token: admin,
      body: { ...message, overrideReason: 'customers must rotate credentials now; agreed with NCCU' },
    });
    expect(override.status, JSON.stringify(override.body)).toBe(201);
    expect(override.body.disclosureOverride).toEqual({
      holds: ['HOLD-1'],
      reason: 'customers must rotate credentials now; agreed with NCCU',
      by: 'ada',
    });
    const timeline = await stack.request('GET', '/incidents/INC-DH1/timeline', { token: viewer });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain(
      'communication.disclosure_override',
    );

    await stack.request('POST', '/incidents/INC-DH1/holds/HOLD-1/release', {
      token: coordinator,
      body: { reason: 'lifted' },
    });
    const after = await stack.request('POST', '/incidents/INC-DH1/communications', {
      token: coordinator,
      body: message,
    });
    expect(after.status).toBe(201);
  });
});
