/**
 * Notices (Liaison's own messages: escalation levels, reminders …) and the contact references they
 * rely on: an organization's escalation contacts (ordered, its own live contacts, protected from
 * deletion), stale contacts replaced by their first verified alternate, unreachable recipients
 * recorded instead of refused.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../shared/db/keys.js';
import { defaultDeps } from '../../shared/deps.js';
import { sendNotice, systemActor } from '../../shared/domain/notifications/notice.js';
import { notifyDepsIfConfigured } from '../../shared/notify-deps.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;
let coordinator: string;
const phone = (n: number) => `+1415555${String(n).padStart(4, '0')}`;

const post = (path: string, body: unknown) => stack.request('POST', path, { body, token: coordinator });
const patch = (path: string, body: unknown) => stack.request('PATCH', path, { body, token: coordinator });

async function contact(id: string, organizationId: string, n: number, alternates: string[] = []) {
  const res = await post('/contacts', {
    id,
    organizationId,
    name: `Contact ${id}`,
    stakeholderGroup: 'partners',
    channels: [{ type: 'sms', address: phone(n), priority: 'primary' }],
    alternates,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function setVerification(id: string, status: 'verified' | 'stale') {
  await stack.documentClient.send(
    new UpdateCommand({
      TableName: stack.tableName,
      Key: keys.contact(id),
      UpdateExpression: 'SET verificationStatus = :s, version = version + :one',
      ExpressionAttributeValues: { ':s': status, ':one': 1 },
    }),
  );
}

beforeAll(async () => {
  stack = await startLocalStack({ sns: true });
  coordinator = await stack.token('coordinator', { sub: 'carol' });
  for (const id of ['ORG-NTC', 'ORG-NTC-OTHER']) {
    expect((await post('/organizations', { id, name: id, kind: 'partner' })).status).toBe(201);
  }
  const agreement = await post('/organizations/ORG-NTC/agreements', {
    type: 'nda',
    reference: 'NDA-NTC',
    signedAt: '2020-01-01T00:00:00Z',
    tlpCeiling: 'AMBER',
  });
  expect(agreement.status).toBe(201);
  await contact('NTC-2', 'ORG-NTC', 2);
  await contact('NTC-1', 'ORG-NTC', 1, ['NTC-2']);
  await contact('NTC-3', 'ORG-NTC', 3);
  await contact('NTC-X', 'ORG-NTC-OTHER', 9);
  await setVerification('NTC-1', 'stale');
  await setVerification('NTC-2', 'verified');
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

describe('organization escalation contacts', () => {
  it('must be live contacts of the organization itself (400 naming the field, nothing written)', async () => {
    const before = await stack.snapshot();
    const res = await patch('/organizations/ORG-NTC', { escalationContactIds: ['NTC-1', 'NTC-X', 'NOPE'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.escalationContactIds.1',
      'body.escalationContactIds.2',
    ]);
    expect(await stack.snapshot()).toBe(before);
  });

  it('are stored in order, and the contacts know they are referenced', async () => {
    const res = await patch('/organizations/ORG-NTC', {
      escalationContactIds: ['NTC-1', 'NTC-3'],
      ownerContactId: 'NTC-X',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ escalationContactIds: ['NTC-1', 'NTC-3'], ownerContactId: 'NTC-X' });
    const c3 = await stack.request('GET', '/contacts/NTC-3', { token: coordinator });
    expect(c3.body.referencedBy).toEqual(['organization:ORG-NTC#escalation']);
    const cx = await stack.request('GET', '/contacts/NTC-X', { token: coordinator });
    expect(cx.body.referencedBy).toEqual(['organization:ORG-NTC#owner']);
  });

  it('a contact cannot gain the owner and an escalation reference in one request (400, nothing written)', async () => {
    const before = await stack.snapshot();
    const res = await patch('/organizations/ORG-NTC', {
      escalationContactIds: ['NTC-1', 'NTC-2'],
      ownerContactId: 'NTC-2',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.ownerContactId');
    expect(await stack.snapshot()).toBe(before);
  });

  it('cannot be deleted while named; can once released', async () => {
    const refused = await stack.request('DELETE', '/contacts/NTC-3', { token: coordinator });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONTACT_IN_USE');
    expect((await patch('/organizations/ORG-NTC', { escalationContactIds: ['NTC-1'] })).status).toBe(200);
    expect((await stack.request('GET', '/contacts/NTC-3', { token: coordinator })).body.referencedBy).toEqual(
      [],
    );
    expect((await stack.request('DELETE', '/contacts/NTC-3', { token: coordinator })).status).toBe(200);
    expect(
      (await patch('/organizations/ORG-NTC', { ownerContactId: null })).body.ownerContactId,
    ).toBeUndefined();
    expect((await stack.request('DELETE', '/contacts/NTC-X', { token: coordinator })).status).toBe(200);
  });
});

describe('sendNotice', () => {
  it('reaches the escalation contacts, replaces a stale one by its verified alternate, records the rest', async () => {
    const created = await post('/incidents', {
      title: 'Notice test',
      description: 'x',
      severity: 'high',
      category: 'data_breach',
    });
    expect(created.status).toBe(201);
    const incidentId = created.body.id as string;
    const result = await sendNotice(defaultDeps(), notifyDepsIfConfigured(), systemActor('test'), {
      incidentId,
      kind: 'escalation.level',
      subject: 'Level 1: please acknowledge',
      content: 'The incident needs you.',
      recipients: { organizations: ['ORG-NTC'], contacts: ['NOBODY'], groups: ['board'] },
    });
    expect(result.communicationId).toBe('COMM-1');
    expect(result.organizations).toEqual([{ organizationId: 'ORG-NTC', contactIds: ['NTC-2'] }]);
    expect(result.replaced).toEqual([{ contactId: 'NTC-1', alternateId: 'NTC-2' }]);
    expect(result.skipped.map((s) => s.recipient)).toEqual(['contact:NOBODY', 'group:board']);
    const sms = stack.sns.mailbox({ to: phone(2) });
    expect(sms).toHaveLength(1);
    expect(stack.sns.mailbox({ to: phone(1) })).toHaveLength(0);
    const detail = await stack.request('GET', `/incidents/${incidentId}`, { token: coordinator });
    expect(detail.body.communications[0]).toMatchObject({
      communicationId: 'COMM-1',
      type: 'notification',
      notice: { kind: 'escalation.level' },
      sentTo: ['NTC-2'],
      delivery: { status: 'sent' },
    });
    const timeline = await stack.request('GET', `/incidents/${incidentId}/timeline`, { token: coordinator });
    const entry = timeline.body.items.find((e: { type: string }) => e.type === 'escalation.level');
    expect(entry.summary).toContain('stale NTC-1 replaced by NTC-2');
    expect(entry.actor).toBe('liaison:test');
  });

  it("reaches only the deploying organization's contacts of a vertical or horizontal group", async () => {
    expect((await post('/organizations', { id: 'ORG-NTC-HQ', name: 'HQ', kind: 'internal' })).status).toBe(
      201,
    );
    const hqAgreement = await post('/organizations/ORG-NTC-HQ/agreements', {
      type: 'other',
      reference: 'HQ-POLICY',
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling: 'AMBER',
    });
    expect(hqAgreement.status).toBe(201);
    for (const [id, organizationId, n] of [
      ['NTC-LEGAL-HQ', 'ORG-NTC-HQ', 21],
      ['NTC-LEGAL-PARTNER', 'ORG-NTC', 22],
    ] as const) {
      const res = await post('/contacts', {
        id,
        organizationId,
        name: id,
        stakeholderGroup: 'legal',
        channels: [{ type: 'sms', address: phone(n), priority: 'primary' }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const created = await post('/incidents', {
      title: 'g',
      description: 'x',
      severity: 'low',
      category: 'other',
    });
    const result = await sendNotice(defaultDeps(), notifyDepsIfConfigured(), systemActor('test'), {
      incidentId: created.body.id,
      kind: 'obligation.reminder',
      subject: 'GDPR clock at 80 %',
      content: 'x',
      recipients: { groups: ['legal'] },
    });
    expect(result.skipped).toEqual([]);
    // The partner's "legal" contact (ORG-NTC has an AMBER agreement, so TLP would admit it) is not
    // the deploying organization's legal team.
    expect(result.organizations).toEqual([{ organizationId: 'ORG-NTC-HQ', contactIds: ['NTC-LEGAL-HQ'] }]);
    expect(stack.sns.mailbox({ to: phone(22) })).toHaveLength(0);
  });

  it('records an undeliverable notice without a communication', async () => {
    const created = await post('/incidents', {
      title: 'n',
      description: 'x',
      severity: 'low',
      category: 'other',
    });
    const result = await sendNotice(defaultDeps(), notifyDepsIfConfigured(), systemActor('test'), {
      incidentId: created.body.id,
      kind: 'action.reminder',
      subject: 'Reminder',
      content: 'x',
      recipients: { groups: ['board'] },
    });
    expect(result.communicationId).toBeNull();
    const timeline = await stack.request('GET', `/incidents/${created.body.id}/timeline`, {
      token: coordinator,
    });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain('notice.undeliverable');
  });
});
