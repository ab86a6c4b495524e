/**
 * POST /incidents/{incidentId}/communications/preview (issue 13): the same body as
 * createCommunication, nothing written, every recipient allowed or refused by the same TLP rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;
let coordinator: string;

const post = (path: string, body: unknown, token = coordinator) =>
  stack.request('POST', path, { body, token });

beforeAll(async () => {
  stack = await startLocalStack();
  coordinator = await stack.token('coordinator', { sub: 'carol' });
  for (const [id, kind] of [
    ['PV-ACME', 'partner'],
    ['PV-GLOBEX', 'partner'],
    ['PV-NOAGR', 'customer'],
  ] as const) {
    expect((await post('/organizations', { id, name: id, kind })).status).toBe(201);
  }
  for (const [org, tlpCeiling] of [
    ['PV-ACME', 'RED'],
    ['PV-GLOBEX', 'AMBER'],
  ] as const) {
    const agr = await post(`/organizations/${org}/agreements`, {
      type: 'nda',
      reference: `NDA-${org}`,
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling,
    });
    expect(agr.status).toBe(201);
  }
  for (const [id, organizationId] of [
    ['PV-A1', 'PV-ACME'],
    ['PV-A2', 'PV-ACME'],
    ['PV-G1', 'PV-GLOBEX'],
    ['PV-N1', 'PV-NOAGR'],
  ] as const) {
    const res = await post('/contacts', {
      id,
      organizationId,
      name: `Contact ${id}`,
      stakeholderGroup: 'partners',
      channels: [{ type: 'email', address: `${id.toLowerCase()}@example.com`, priority: 'primary' }],
    });
    expect(res.status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function incident(tlp: string) {
  const res = await post('/incidents', {
    title: 'Supplier breach',
    description: 'Credentials exposed',
    severity: 'high',
    category: 'data_breach',
    tlp,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const outbound = (recipients: Record<string, string[]>, extra: Record<string, unknown> = {}) => ({
  type: 'email',
  direction: 'outbound',
  subject: 'Rotate your keys',
  content: 'Please rotate the credentials.',
  recipients,
  ...extra,
});

describe('previewCommunication', () => {
  it('RED: named contacts allowed, an organization’s contacts refused; nothing written', async () => {
    const id = await incident('RED');
    const snapshot = await stack.snapshot();
    const body = outbound({ contacts: ['PV-A1'], organizations: ['PV-ACME'] });
    const res = await post(`/incidents/${id}/communications/preview`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tlp: 'RED', subject: 'Rotate your keys', allowed: false });
    expect(res.body.recipients).toEqual([
      {
        contactId: 'PV-A1',
        organizationId: 'PV-ACME',
        via: 'contact',
        field: 'body.recipients.contacts.0',
        allowed: true,
      },
      expect.objectContaining({
        contactId: 'PV-A1',
        via: 'organization',
        allowed: false,
        code: 'RED_NAMED_CONTACTS_ONLY',
        reason: expect.stringContaining('TLP:RED goes only to individually named contacts'),
      }),
      expect.objectContaining({ contactId: 'PV-A2', allowed: false, code: 'RED_NAMED_CONTACTS_ONLY' }),
    ]);
    expect(await stack.snapshot()).toBe(snapshot);

    // The very refusals createCommunication answers with the same body.
    const sent = await post(`/incidents/${id}/communications`, body);
    expect(sent.status).toBe(422);
    const refused = res.body.recipients.filter((r: { allowed: boolean }) => !r.allowed);
    expect(
      sent.body.error.details.map((d: Record<string, string>) => [d.contactId, d.code, d.field, d.message]),
    ).toEqual(refused.map((r: Record<string, string>) => [r.contactId, r.code, r.field, r.reason]));
    expect(await stack.snapshot()).toBe(snapshot);
  });

  it('AMBER: above an agreement ceiling or without agreement refused, the rest allowed', async () => {
    const id = await incident('AMBER');
    const res = await post(
      `/incidents/${id}/communications/preview`,
      outbound({ contacts: ['PV-A1', 'PV-G1', 'PV-N1'] }),
    );
    expect(res.status).toBe(200);
    expect(
      res.body.recipients.map((r: { contactId: string; allowed: boolean; code?: string }) => [
        r.contactId,
        r.allowed,
        r.code,
      ]),
    ).toEqual([
      ['PV-A1', true, undefined],
      ['PV-G1', true, undefined],
      ['PV-N1', false, 'ABOVE_AGREEMENT_CEILING'],
    ]);
    expect(res.body.allowed).toBe(false);
    const lowered = await post(
      `/incidents/${id}/communications/preview`,
      outbound({ contacts: ['PV-A1', 'PV-G1'] }, { tlp: 'GREEN' }),
    );
    expect(lowered.body).toMatchObject({ tlp: 'GREEN', tlpLoweredFrom: 'AMBER', allowed: true });
  });

  it('answers the errors createCommunication answers: unknown contact, TLP above the incident, shape', async () => {
    const id = await incident('AMBER');
    const unknown = await post(
      `/incidents/${id}/communications/preview`,
      outbound({ contacts: ['PV-NOPE'] }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      expect.objectContaining({ field: 'body.recipients.contacts.0' }),
    ]);
    const above = await post(
      `/incidents/${id}/communications/preview`,
      outbound({ contacts: ['PV-A1'] }, { tlp: 'RED' }),
    );
    expect(above.status).toBe(400);
    expect(above.body.error.details).toEqual([expect.objectContaining({ code: 'ABOVE_INCIDENT_TLP' })]);
    const inbound = await post(`/incidents/${id}/communications/preview`, {
      type: 'call',
      direction: 'inbound',
      subject: 'Supplier called',
      content: 'They confirm',
      sentTo: ['us'],
    });
    expect(inbound.status).toBe(200);
    expect(inbound.body).toMatchObject({ recipients: [], allowed: true, subject: 'Supplier called' });
    expect(
      (await post('/incidents/INC-NOPE/communications/preview', outbound({ contacts: ['PV-A1'] }))).status,
    ).toBe(404);
    const viewer = await stack.token('viewer');
    expect(
      (await post(`/incidents/${id}/communications/preview`, outbound({ contacts: ['PV-A1'] }), viewer))
        .status,
    ).toBe(403);
  });
});
