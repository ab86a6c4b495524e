/**
 * Incident command and partner access over HTTP on the local stack, on the seed's data-breach
 * scenario: the cloud provider (TP-CLOUD) takes part in the incident through the Data Breach
 * Response playbook; a partner user of the cloud provider sees that incident only, with TLP:RED
 * content not addressed to it withheld, works on its own coordinated actions and records inbound
 * communications; decisions (close, reopen, lower TLP, change commander) follow the incident
 * commander once one is named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, type Response, startLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;
let carol: string; // coordinator, first incident commander
let dave: string; // coordinator, takes over as commander
let ada: string; // admin
let cloud: string; // partner of TP-CLOUD
let other: string; // partner of TP-OTHER (does not take part in INC-BREACH)
let activationId: string;

const INC = 'INC-BREACH';
const post = (path: string, body: unknown, token = carol) => stack.request('POST', path, { body, token });
const put = (path: string, body: unknown, token = carol) => stack.request('PUT', path, { body, token });
const patch = (path: string, body: unknown, token = carol) => stack.request('PATCH', path, { body, token });
const get = (path: string, token = carol) => stack.request('GET', path, { token });

async function must(res: Promise<Response>, status = 201): Promise<Response> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

const contact = (id: string, organizationId: string, stakeholderGroup: string) =>
  must(
    post('/contacts', {
      id,
      organizationId,
      name: `Contact ${id}`,
      stakeholderGroup,
      channels: [{ type: 'email', address: `${id.toLowerCase()}@example.com`, priority: 'primary' }],
    }),
  );

beforeAll(async () => {
  stack = await startLocalStack({ sns: true });
  carol = await stack.token('coordinator', { sub: 'carol' });
  dave = await stack.token('coordinator', { sub: 'dave' });
  ada = await stack.token('admin', { sub: 'ada' });
  cloud = await stack.token('partner', { sub: 'paula', organization: 'TP-CLOUD' });
  other = await stack.token('partner', { sub: 'oscar', organization: 'TP-OTHER' });

  await must(
    post('/third-parties', {
      id: 'TP-CLOUD',
      name: 'Cloud Provider',
      type: 'cloud_provider',
      criticality: 'critical',
    }),
  );
  await must(post('/third-parties', { id: 'TP-OTHER', name: 'Other Supplier', type: 'saas' }));
  await must(post('/organizations', { id: 'ORG-ACME', name: 'Acme', kind: 'internal' }, ada));
  await must(
    post('/organizations/TP-CLOUD/agreements', {
      type: 'nda',
      reference: 'NDA-CLOUD',
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling: 'RED',
    }),
  );
  await contact('CON-CLOUD-SOC', 'TP-CLOUD', 'suppliers');
  await contact('CON-OTHER', 'TP-OTHER', 'suppliers');
  await contact('CON-ACME-CEO', 'ORG-ACME', 'executives');
  await must(
    post('/incidents', {
      id: INC,
      title: 'Customer data exposed in cloud storage',
      description: 'A misconfigured bucket exposed customer records',
      severity: 'critical',
      category: 'data_breach',
      affectedThirdParties: ['TP-CLOUD'],
    }),
  );
  await must(
    post('/incidents', {
      id: 'INC-OTHER',
      title: 'Other supplier outage',
      description: 'Unrelated',
      severity: 'low',
      category: 'outage',
      affectedThirdParties: ['TP-OTHER'],
    }),
  );
  await must(
    post('/playbooks', {
      id: 'PB-BREACH',
      name: 'Data Breach Response',
      incidentType: 'data_breach',
      participatingOrganizations: ['ORG-ACME', 'TP-CLOUD'],
      rolesResponsibilities: { 'ORG-ACME': ['incident_commander'], 'TP-CLOUD': ['forensics'] },
      communicationProtocols: { primary: 'secure_email' },
      escalationProcedures: 'Escalate per the channel rules',
      responseActions: [
        { action: 'Contain the affected storage', responsible: 'TP-CLOUD', timeframe: 'PT4H' },
        { action: 'Preserve forensic evidence', responsible: 'TP-CLOUD', timeframe: '1 day' },
        { action: 'Assess notification duties', responsible: 'ORG-ACME', timeframe: '2 days' },
      ],
    }),
  );
}, 30_000);

afterAll(async () => {
  await stack?.stop();
});

describe('activation notifications', () => {
  it('tells every participating organization through a notice recorded on the timeline', async () => {
    const publishes = stack.sns.calls('Publish');
    const activated = await must(post('/playbooks/PB-BREACH/activations', { incidentId: INC }));
    activationId = String((activated.body as { activationId: string }).activationId);
    const detail = (await must(get(`/incidents/${INC}`), 200)).body as {
      communications: { communicationId: string; type: string; delivery?: { organizations: unknown[] } }[];
      timeline: { type: string; data?: Record<string, unknown> }[];
    };
    const entry = detail.timeline.find((e) => e.type === 'activation.started');
    expect(entry?.data).toMatchObject({ activationId, kind: 'activation.started' });
    // TP-CLOUD's contact is reached (RED agreement); ORG-ACME's too: it is internal (the deploying
    // organization), so the incident's AMBER needs no agreement there.
    expect(entry?.data?.organizations).toEqual(['ORG-ACME', 'TP-CLOUD']);
    expect(entry?.data?.sentTo).toEqual(expect.arrayContaining(['CON-CLOUD-SOC', 'CON-ACME-CEO']));
    expect(entry?.data?.skipped ?? []).toEqual([]);
    const notice = detail.communications.find((c) => c.communicationId === entry?.data?.communicationId);
    expect(notice).toMatchObject({ type: 'notification', direction: 'outbound' });
    expect(stack.sns.calls('Publish') - publishes).toBe(2);
  });
});

describe('incident command', () => {
  it('names a commander and the other roles; partner roles need a participating organization', async () => {
    const named = await must(
      post(`/incidents/${INC}/roles`, {
        role: 'incident_commander',
        holder: { subject: 'carol', name: 'Carol', contactId: 'CON-ACME-CEO' },
      }),
      200,
    );
    expect(named.body).toMatchObject({
      role: 'incident_commander',
      holder: { subject: 'carol', name: 'Carol', contactId: 'CON-ACME-CEO', assignedBy: 'carol' },
    });
    await must(
      post(
        `/incidents/${INC}/roles`,
        {
          role: 'partner_incident_manager',
          holder: { subject: 'paula', name: 'Paula', organizationId: 'TP-CLOUD', contactId: 'CON-CLOUD-SOC' },
        },
        dave,
      ),
      200,
    );
    const before = await stack.snapshot();
    const foreign = await post(`/incidents/${INC}/roles`, {
      role: 'partner_technical_lead',
      holder: { subject: 'oscar', name: 'Oscar', organizationId: 'TP-OTHER' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].field).toBe('body.holder.organizationId');
    const wrongContact = await post(`/incidents/${INC}/roles`, {
      role: 'partner_technical_lead',
      holder: { subject: 'pete', name: 'Pete', organizationId: 'TP-CLOUD', contactId: 'CON-OTHER' },
    });
    expect(wrongContact.status).toBe(400);
    expect(wrongContact.body.error.details[0].field).toBe('body.holder.contactId');
    expect(await stack.snapshot()).toBe(before);
    // the commander's contact is in use: it cannot be deleted
    expect((await stack.request('DELETE', '/contacts/CON-ACME-CEO', { token: carol, body: {} })).status).toBe(
      409,
    );
  });

  it('only the commander (or an admin) closes, reopens, lowers the TLP or changes the commander', async () => {
    const before = await stack.snapshot();
    expect((await post(`/incidents/${INC}/close`, {}, dave)).status).toBe(403);
    expect((await put(`/incidents/${INC}/tlp`, { tlp: 'GREEN', reason: 'public' }, dave)).status).toBe(403);
    const change = await post(
      `/incidents/${INC}/roles`,
      { role: 'incident_commander', holder: { subject: 'dave', name: 'Dave' } },
      dave,
    );
    expect(change.status).toBe(403);
    expect(change.body.error.message).toContain('Only the incident commander (Carol)');
    const lowered = await post(
      `/incidents/${INC}/communications`,
      { type: 'email', direction: 'outbound', subject: 's', content: 'c', sentTo: ['x'], tlp: 'GREEN' },
      dave,
    );
    expect(lowered.status).toBe(403);
    expect(await stack.snapshot()).toBe(before);
    // raising the TLP stays with coordinators
    const raised = await must(
      put(`/incidents/${INC}/tlp`, { tlp: 'RED', reason: 'board involved' }, dave),
      200,
    );
    expect(raised.body).toMatchObject({ tlp: 'RED' });
  });

  it('hands the command over and keeps who held it from when to when', async () => {
    const handed = await must(
      post(`/incidents/${INC}/roles`, {
        role: 'incident_commander',
        holder: { subject: 'dave', name: 'Dave' },
        note: 'shift change',
      }),
      200,
    );
    expect(handed.body).toMatchObject({
      holder: { subject: 'dave', assignedBy: 'carol' },
      previous: { subject: 'carol', handedOverBy: 'carol', handedOverTo: 'dave', note: 'shift change' },
    });
    const detail = (await must(get(`/incidents/${INC}`), 200)).body;
    expect(detail.command.incident_commander).toEqual({
      subject: 'dave',
      name: 'Dave',
      since: expect.any(String),
      assignedBy: 'carol',
    });
    expect(detail.command.partner_incident_manager).toMatchObject({ organizationId: 'TP-CLOUD' });
    const commanders = detail.commandHistory.filter((t: { role: string }) => t.role === 'incident_commander');
    expect(commanders).toEqual([
      expect.objectContaining({ subject: 'carol', until: expect.any(String), handedOverBy: 'carol' }),
      expect.not.objectContaining({ until: expect.anything() }),
    ]);
    expect(commanders[1].subject).toBe('dave');
    const types = detail.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['command.assigned', 'command.handed_over', 'incident.tlp_changed']),
    );
    // carol is no longer the commander; dave now decides (409: the activation's actions are open)
    expect((await post(`/incidents/${INC}/close`, {}, carol)).status).toBe(403);
    expect((await post(`/incidents/${INC}/close`, {}, dave)).status).toBe(409);
    // the old commander's contact is free again
    expect(
      (await stack.request('GET', '/contacts/CON-ACME-CEO', { token: carol })).body.referencedBy,
    ).toEqual([]);
    expect(
      (await stack.request('GET', '/contacts/CON-CLOUD-SOC', { token: carol })).body.referencedBy,
    ).toEqual([`incident:${INC}#partner_incident_manager`]);
  });
});

describe('partner access', () => {
  beforeAll(async () => {
    // RED, recorded internally (not addressed to the cloud provider)
    await must(
      post(
        `/incidents/${INC}/communications`,
        {
          type: 'meeting',
          direction: 'outbound',
          subject: 'Board briefing',
          content: 'Exposure may be wider than the cloud provider admits',
          sentTo: ['board@acme.example'],
        },
        dave,
      ),
    );
    // RED, addressed to the cloud provider's SOC contact
    await must(
      post(
        `/incidents/${INC}/communications`,
        {
          type: 'email',
          direction: 'outbound',
          subject: 'Forensic hand-off',
          content: 'Bucket access logs attached',
          recipients: { contacts: ['CON-CLOUD-SOC'] },
        },
        dave,
      ),
    );
    // lowered by the commander: GREEN, shareable
    await must(
      post(
        `/incidents/${INC}/communications`,
        {
          type: 'portal',
          direction: 'outbound',
          subject: 'Status page',
          content: 'We are investigating',
          sentTo: ['status page'],
          tlp: 'GREEN',
        },
        dave,
      ),
    );
  });

  it('lists only the incidents its organization takes part in', async () => {
    const mine = await must(get('/incidents', cloud), 200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([INC]);
    const theirs = await must(get('/incidents', other), 200);
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toEqual(['INC-OTHER']);
    expect((await must(get('/incidents?thirdParty=TP-OTHER', cloud), 200)).body.items).toEqual([]);
  });

  it('reads the incident with RED content not addressed to it withheld server-side', async () => {
    const full = (await must(get(`/incidents/${INC}`), 200)).body;
    const seen = (await must(get(`/incidents/${INC}`, cloud), 200)).body;
    const subjects = (d: { communications: { subject: string }[] }) => d.communications.map((c) => c.subject);
    expect(subjects(full)).toEqual(
      expect.arrayContaining(['Board briefing', 'Forensic hand-off', 'Status page']),
    );
    expect(subjects(seen)).toEqual(expect.arrayContaining(['Forensic hand-off', 'Status page']));
    expect(subjects(seen)).not.toContain('Board briefing');
    const raw = JSON.stringify(seen);
    expect(raw).not.toContain('Board briefing');
    expect(raw).not.toContain('wider than the cloud provider admits');
    const boardId = full.communications.find(
      (c: { subject: string }) => c.subject === 'Board briefing',
    ).communicationId;
    expect(
      seen.timeline.some((e: { data?: { communicationId?: string } }) => e.data?.communicationId === boardId),
    ).toBe(false);
    expect(seen.obligations).toEqual([]);
    expect(seen.activations.map((a: { activationId: string }) => a.activationId)).toEqual([activationId]);
    // the paginated timeline withholds the same entries
    const timeline = (await must(get(`/incidents/${INC}/timeline?limit=100`, cloud), 200)).body.items;
    expect(timeline.length).toBeGreaterThan(0);
    expect(JSON.stringify(timeline)).not.toContain('Board briefing');
    expect(timeline.length).toBe(seen.timeline.length);
    expect(timeline.length).toBeLessThan(full.timeline.length);
  });

  it('is 404 on an incident it does not take part in, exactly like a missing one', async () => {
    const hidden = await get('/incidents/INC-OTHER', cloud);
    const missing = await get('/incidents/INC-NOPE', cloud);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual({
      ...missing.body,
      error: { ...missing.body.error, message: 'Incident INC-OTHER not found' },
    });
    expect(missing.body.error.message).toBe('Incident INC-NOPE not found');
    expect((await get(`/incidents/${INC}/timeline`, other)).status).toBe(404);
    expect((await get(`/incidents/${INC}`, other)).status).toBe(404);
    expect((await get(`/activations/${activationId}/report`, other)).status).toBe(404);
  });

  it('updates its own coordinated actions; 404 on another organization’s', async () => {
    const ack = await must(
      patch(`/activations/${activationId}/actions/COORD-1`, { status: 'acknowledged' }, cloud),
      200,
    );
    expect(ack.body).toMatchObject({ actionId: 'COORD-1', status: 'acknowledged', updatedBy: 'paula' });
    await must(
      patch(
        `/activations/${activationId}/actions/COORD-2`,
        { status: 'declined', reason: 'Evidence is preserved by the customer' },
        cloud,
      ),
      200,
    );
    const before = await stack.snapshot();
    const acme = await patch(`/activations/${activationId}/actions/COORD-3`, { status: 'completed' }, cloud);
    const none = await patch(`/activations/${activationId}/actions/COORD-99`, { status: 'completed' }, cloud);
    expect(acme.status).toBe(404);
    expect(acme.body.error.code).toBe(none.body.error.code);
    expect(acme.body.error.message).toBe(`Coordinated action COORD-3 not found on ${activationId}`);
    expect(
      (await patch(`/activations/${activationId}/actions/COORD-1`, { status: 'completed' }, other)).status,
    ).toBe(404);
    expect(await stack.snapshot()).toBe(before);
  });

  it('reads the activation report with participants grouped by dimension', async () => {
    const report = (await must(get(`/activations/${activationId}/report`, cloud), 200)).body;
    expect(report.coordinationMetrics).toMatchObject({ totalActions: 3 });
    expect(report.participantsByDimension).toEqual({
      vertical: [{ organizationId: 'ORG-ACME', name: 'Acme', kind: 'internal', dimension: 'vertical' }],
      horizontal: [],
      external: [
        { organizationId: 'TP-CLOUD', name: 'Cloud Provider', kind: 'supplier', dimension: 'external' },
      ],
    });
    // the incident report groups the same way (affected third parties included)
    const incidentReport = (await must(get(`/incidents/${INC}/report`), 200)).body;
    expect(incidentReport.participantsByDimension).toEqual(report.participantsByDimension);
  });

  it('adds inbound communications only, to its own incidents', async () => {
    const inbound = await must(
      post(
        `/incidents/${INC}/communications`,
        {
          type: 'email',
          direction: 'inbound',
          subject: 'Containment done',
          content: 'Bucket locked',
          sentTo: ['acme SOC'],
        },
        cloud,
      ),
    );
    expect(inbound.body).toMatchObject({ direction: 'inbound', thirdParty: 'TP-CLOUD', recordedBy: 'paula' });
    const before = await stack.snapshot();
    const outbound = await post(
      `/incidents/${INC}/communications`,
      { type: 'email', direction: 'outbound', subject: 's', content: 'c', sentTo: ['x'] },
      cloud,
    );
    expect(outbound.status).toBe(403);
    const elsewhere = await post(
      `/incidents/INC-OTHER/communications`,
      { type: 'email', direction: 'inbound', subject: 's', content: 'c', sentTo: ['x'] },
      cloud,
    );
    expect(elsewhere.status).toBe(404);
    const spoofed = await post(
      `/incidents/${INC}/communications`,
      {
        type: 'email',
        direction: 'inbound',
        thirdParty: 'TP-OTHER',
        subject: 's',
        content: 'c',
        sentTo: ['x'],
      },
      cloud,
    );
    expect(spoofed.status).toBe(400);
    // routes a partner can never use
    expect((await post(`/incidents/${INC}/close`, {}, cloud)).status).toBe(403);
    expect((await get(`/incidents/${INC}/report`, cloud)).status).toBe(403);
    expect((await get('/third-parties', cloud)).status).toBe(403);
    expect(await stack.snapshot()).toBe(before);
    // its own inbound message is visible to it even at the incident's RED
    const seen = (await must(get(`/incidents/${INC}`, cloud), 200)).body;
    expect(seen.communications.map((c: { subject: string }) => c.subject)).toContain('Containment done');
  });

  it("never shows the operator's obligations, acknowledgements or other organizations' recipients", async () => {
    await must(post(`/incidents/${INC}/obligations`, { regime: 'gdpr' }, dave));
    await must(post(`/incidents/${INC}/acknowledge`, {}, dave), 200);
    const full = (await must(get(`/incidents/${INC}`), 200)).body;
    const types = (entries: { type: string }[]) => entries.map((e) => e.type);
    // what the operator sees (so the partner's view below is filtered, not merely empty)
    expect(types(full.timeline)).toEqual(
      expect.arrayContaining(['obligation.attached', 'incident.acknowledged']),
    );
    expect(full.acknowledgedBy).toBe('dave');
    expect(JSON.stringify(full)).toContain('CON-ACME-CEO');

    const seen = (await must(get(`/incidents/${INC}`, cloud), 200)).body;
    const timeline = (await must(get(`/incidents/${INC}/timeline?limit=100`, cloud), 200)).body.items;
    for (const entries of [seen.timeline, timeline]) {
      const internal = types(entries).filter(
        (t) =>
          t.startsWith('obligation.') ||
          t.startsWith('trigger.') ||
          t === 'incident.acknowledged' ||
          t === 'notice.undeliverable',
      );
      expect(internal).toEqual([]);
      expect(types(entries)).toContain('activation.started');
      for (const e of entries as { data?: Record<string, unknown> }[]) {
        for (const field of ['sentTo', 'organizations', 'skipped', 'replaced', 'recipients']) {
          expect(e.data ?? {}).not.toHaveProperty(field);
        }
      }
    }
    expect(timeline).toEqual(seen.timeline);
    // command: the partner's own role stays; the internal commander's assignment is not on its timeline
    const commandEntries = seen.timeline.filter((e: { type: string }) => e.type.startsWith('command.'));
    expect(commandEntries.map((e: { data: { role: string } }) => e.data.role)).toEqual([
      'partner_incident_manager',
    ]);
    for (const field of ['firedTriggers', 'overdueActions', 'acknowledgedAt', 'acknowledgedBy']) {
      expect(seen).not.toHaveProperty(field);
    }
    expect(seen.obligations).toEqual([]);
    expect(seen.escalations).toEqual([]);
    expect(seen.command.incident_commander).toEqual({
      subject: '',
      name: 'Dave',
      since: expect.any(String),
      assignedBy: '',
    });
    // a recorded communication not addressed to the partner keeps its addressees to itself
    const status = seen.communications.find((c: { subject: string }) => c.subject === 'Status page');
    expect(status.sentTo).toEqual([]);
    const raw = JSON.stringify([seen, timeline]);
    expect(raw).not.toContain('CON-ACME-CEO'); // another organization's contact (skipped, old commander)
    expect(raw).not.toContain('status page');
  });
});

describe('decisions by the commander after the handover', () => {
  it('the commander closes and reopens; the previous commander may not; an admin lowers the TLP', async () => {
    await must(patch(`/activations/${activationId}/actions/COORD-1`, { status: 'completed' }, cloud), 200);
    await must(patch(`/activations/${activationId}/actions/COORD-3`, { status: 'completed' }, carol), 200);
    expect((await post(`/incidents/${INC}/close`, {}, carol)).status).toBe(403);
    const closed = await must(post(`/incidents/${INC}/close`, { notes: 'contained' }, dave), 200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect((await post(`/incidents/${INC}/reopen`, {}, carol)).status).toBe(403);
    await must(post(`/incidents/${INC}/reopen`, { reason: 'more tenants' }, dave), 200);
    // setting the level the incident has changes nothing
    const version = (await must(get(`/incidents/${INC}`), 200)).body.version;
    expect(
      (await must(put(`/incidents/${INC}/tlp`, { tlp: 'RED', reason: 'same' }, carol), 200)).body.version,
    ).toBe(version);
    // an admin overrides the commander; "Board briefing" (no own marking) now reads as AMBER
    const lowered = await must(put(`/incidents/${INC}/tlp`, { tlp: 'AMBER', reason: 'contained' }, ada), 200);
    expect(lowered.body).toMatchObject({ tlp: 'AMBER', version: version + 1 });
    const seen = (await must(get(`/incidents/${INC}`, cloud), 200)).body;
    expect(seen.communications.map((c: { subject: string }) => c.subject)).toContain('Board briefing');
    const entry = seen.timeline.find(
      (e: { type: string; data?: { to?: string } }) =>
        e.type === 'incident.tlp_changed' && e.data?.to === 'AMBER',
    );
    expect(entry).toMatchObject({ actor: 'ada', data: { from: 'RED', to: 'AMBER', direction: 'lowered' } });
  });
});

describe('command is per incident, not a directory role', () => {
  it('a responder named incident commander closes, reopens and hands over; other responders may not', async () => {
    const rita = await stack.token('responder', { sub: 'rita' });
    const rob = await stack.token('responder', { sub: 'rob' });
    const created = await must(
      post('/incidents', { title: 'Night shift', description: 'd', severity: 'low', category: 'other' }),
      201,
    );
    const id = created.body.id as string;
    // No commander yet: a responder may not close (coordinators decide), nor name roles.
    expect((await post(`/incidents/${id}/close`, { notes: 'x' }, rita)).status).toBe(403);
    expect(
      (
        await post(
          `/incidents/${id}/roles`,
          { role: 'incident_commander', holder: { subject: 'rita', name: 'Rita' } },
          rita,
        )
      ).status,
    ).toBe(403);
    await must(
      post(`/incidents/${id}/roles`, {
        role: 'incident_commander',
        holder: { subject: 'rita', name: 'Rita' },
      }),
      200,
    );
    expect((await post(`/incidents/${id}/close`, { notes: 'x' }, rob)).status).toBe(403);
    await must(post(`/incidents/${id}/close`, { notes: 'handled overnight' }, rita), 200);
    await must(post(`/incidents/${id}/reopen`, { reason: 'one more check' }, rita), 200);
    await must(
      post(
        `/incidents/${id}/roles`,
        { role: 'incident_commander', holder: { subject: 'rob', name: 'Rob' } },
        rita,
      ),
      200,
    );
    expect((await post(`/incidents/${id}/close`, { notes: 'x' }, rita)).status).toBe(403);
    await must(post(`/incidents/${id}/close`, { notes: 'done' }, rob), 200);
  });
});
