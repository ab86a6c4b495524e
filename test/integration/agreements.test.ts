/**
 * Contract and agreement updates, contractual SLAs and the joint post-incident review end to end on
 * the local stack (docs/agreements.md), with a controlled clock, the local Scheduler (agreement
 * update reminders) and the local SNS (the review's shared result).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let clock: ControlledClock;
let stack: LocalStack;

const carol = () => stack.token('coordinator', { sub: 'carol' });
const partnerOf = (organization: string) =>
  stack.token('partner', { sub: `duty@${organization.toLowerCase()}.example`, organization });
const as = async (token: Promise<string> | string) => ({
  get: async (path: string) => stack.request('GET', path, { token: await token }),
  post: async (path: string, body: unknown) => stack.request('POST', path, { body, token: await token }),
  patch: async (path: string, body: unknown) => stack.request('PATCH', path, { body, token: await token }),
});

const PHONES: Record<string, string> = {
  'CON-OWNER': '+15555550201',
  'CON-TPA': '+15555550202',
  'CON-TPB': '+15555550203',
};
const texts = (contactId: string) =>
  stack.sns
    .mailbox({ to: PHONES[contactId] as string })
    .filter((m) => m.type === 'Notification')
    .map((m) => JSON.parse(m.message) as { kind: string; subject: string; incidentId: string });

const agreementSchedules = () =>
  stack.scheduler
    .schedules()
    .map((s) => s.Name)
    .filter((n) => n.startsWith('agr.'))
    .map((n) => n.replace(/\.t\d+$/, ''))
    .sort();

beforeAll(async () => {
  clock = controlledClock('2030-03-04T09:00:00Z');
  stack = await startLocalStack({ sns: true, scheduler: { clock: clock.now } });
  const c = await as(carol());
  expect((await c.post('/organizations', { id: 'ORG-HQ', name: 'HQ', kind: 'internal' })).status).toBe(201);
  for (const [id, sla] of [
    ['TP-SLA', { notificationHours: 1, acknowledgementHours: 2 }],
    ['TP-A', undefined],
    ['TP-B', undefined],
    ['TP-OTHER', undefined],
  ] as const) {
    const res = await c.post('/third-parties', {
      id,
      name: `Supplier ${id}`,
      type: 'saas',
      ...(sla ? { slaRequirements: sla } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  // TP-A may receive AMBER; TP-B has no agreement (GREEN).
  const nda = await c.post('/organizations/TP-A/agreements', {
    type: 'nda',
    reference: 'NDA-A',
    signedAt: '2020-01-01T00:00:00Z',
    tlpCeiling: 'AMBER',
  });
  expect(nda.status).toBe(201);
  for (const [id, organizationId, stakeholderGroup] of [
    ['CON-OWNER', 'ORG-HQ', 'legal'],
    ['CON-TPA', 'TP-A', 'suppliers'],
    ['CON-TPB', 'TP-B', 'suppliers'],
  ] as const) {
    const res = await c.post('/contacts', {
      id,
      organizationId,
      name: `Contact ${id}`,
      stakeholderGroup,
      channels: [{ type: 'sms', address: PHONES[id], priority: 'primary' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  clock?.restore();
});

describe('contractual SLAs and agreement updates', () => {
  it('detects a breach from the timeline, records it with an agreement update, and takes it to signed', async () => {
    const c = await as(carol());
    const created = await c.post('/incidents', {
      id: 'INC-SLA',
      title: 'Supplier portal outage',
      description: 'Portal down',
      severity: 'high',
      category: 'service_outage',
      affectedThirdParties: ['TP-SLA'],
      discoveryDate: '2030-03-04T09:00:00Z',
    });
    expect(created.status).toBe(201);
    // Nothing yet: notification pending (due 10:00), acknowledgement not started (we wrote nothing).
    let sla = await c.get('/incidents/INC-SLA/sla');
    expect(sla.status).toBe(200);
    expect(sla.body.measurements).toMatchObject([
      {
        thirdPartyId: 'TP-SLA',
        metric: 'notification',
        status: 'pending',
        dueAt: '2030-03-04T10:00:00.000Z',
      },
      { thirdPartyId: 'TP-SLA', metric: 'acknowledgement', status: 'not_started' },
    ]);
    expect(
      (await c.post('/incidents/INC-SLA/sla/breaches', { owner: 'x', dueDate: '2030-04-01T00:00:00Z' })).body,
    ).toMatchObject({ error: { code: 'NO_SLA_BREACH' } });

    // 09:30 we write to the supplier (acknowledgement due 11:30); 11:00 it answers: notification
    // 2 h after awareness (limit 1 h: breached), acknowledgement 1.5 h after our message (met).
    clock.set('2030-03-04T09:30:00Z');
    const outbound = await c.post('/incidents/INC-SLA/communications', {
      type: 'email',
      direction: 'outbound',
      thirdParty: 'TP-SLA',
      subject: 'Are you affected?',
      content: 'Please confirm the outage and its scope.',
      sentTo: ['soc@tp-sla.example'],
    });
    expect(outbound.status).toBe(201);
    clock.set('2030-03-04T11:00:00Z');
    const partner = await as(partnerOf('TP-SLA'));
    const inbound = await partner.post('/incidents/INC-SLA/communications', {
      type: 'email',
      direction: 'inbound',
      subject: 'Outage confirmed',
      content: 'Our load balancer failed at 08:40.',
      sentTo: ['Acme SOC'],
    });
    expect(inbound.status, JSON.stringify(inbound.body)).toBe(201);

    sla = await c.get('/incidents/INC-SLA/sla');
    expect(sla.body.measurements).toEqual([
      expect.objectContaining({
        metric: 'notification',
        status: 'breached',
        metAt: '2030-03-04T11:00:00.000Z',
        hoursTaken: 2,
        evidence: inbound.body.communicationId,
      }),
      expect.objectContaining({
        metric: 'acknowledgement',
        status: 'met',
        startedAt: '2030-03-04T09:30:00.000Z',
        hoursTaken: 1.5,
      }),
    ]);
    expect(sla.body.breaches).toHaveLength(1);

    // One call records the breach on the third party and proposes the agreement update.
    const recorded = await c.post('/incidents/INC-SLA/sla/breaches', {
      owner: 'CON-OWNER',
      dueDate: '2030-03-11T11:00:00Z',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const [update] = recorded.body.agreementUpdates as { id: string }[];
    expect(recorded.body).toMatchObject({
      recorded: [{ thirdPartyId: 'TP-SLA', incidentId: 'INC-SLA', metric: 'notification', limitHours: 1 }],
      agreementUpdates: [
        {
          organizationId: 'TP-SLA',
          source: { kind: 'incident', id: 'INC-SLA' },
          topic: 'notification_sla',
          status: 'proposed',
          owner: 'CON-OWNER',
          slaBreach: { incidentId: 'INC-SLA', metric: 'notification' },
        },
      ],
    });
    const id = (update as { id: string }).id;
    // Recorded once: a second call has nothing left to record.
    const again = await c.post('/incidents/INC-SLA/sla/breaches', {
      owner: 'x',
      dueDate: '2030-04-01T00:00:00Z',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('NO_SLA_BREACH');
    // The third party's record shows the breach; the update is listed per third party and incident.
    const tp = await c.get('/third-parties/TP-SLA');
    expect(tp.body.slaBreaches).toMatchObject([
      { incidentId: 'INC-SLA', metric: 'notification', agreementUpdateId: id },
    ]);
    expect(
      (await c.get('/organizations/TP-SLA/agreement-updates')).body.items.map((u: { id: string }) => u.id),
    ).toEqual([id]);
    expect(
      (await c.get('/incidents/INC-SLA/agreement-updates')).body.items.map((u: { id: string }) => u.id),
    ).toEqual([id]);
    // Its due date reminds like an action's.
    expect(agreementSchedules()).toEqual([`agr.${id}.overdue`, `agr.${id}.remind`]);

    // proposed → drafted skips agreed: 409 INVALID_TRANSITION naming from and to; nothing written.
    const skip = await c.patch(`/agreement-updates/${id}`, { status: 'drafted' });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: [
        {
          field: 'body.status',
          from: 'proposed',
          to: 'drafted',
          allowed: ['agreed', 'rejected', 'withdrawn'],
        },
      ],
    });
    for (const status of ['agreed', 'drafted', 'signed'] as const) {
      const res = await c.patch(`/agreement-updates/${id}`, { status, note: `now ${status}` });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const signed = (await c.get('/incidents/INC-SLA/agreement-updates')).body.items[0];
    expect(signed.history.map((h: { from: string | null; to: string }) => `${h.from}→${h.to}`)).toEqual([
      'null→proposed',
      'proposed→agreed',
      'agreed→drafted',
      'drafted→signed',
    ]);
    expect(signed.version).toBe(4);
    // Signed is final, and its reminders are gone.
    expect(agreementSchedules()).toEqual([]);
    const after = await c.patch(`/agreement-updates/${id}`, { status: 'withdrawn' });
    expect(after.body.error).toMatchObject({
      code: 'INVALID_TRANSITION',
      details: [{ from: 'signed', to: 'withdrawn' }],
    });

    // The report carries both.
    const report = await c.get('/incidents/INC-SLA/report');
    expect(report.status).toBe(200);
    expect(report.body.slaMeasurements.map((m: { status: string }) => m.status)).toEqual(['breached', 'met']);
    expect(report.body.agreementUpdates).toMatchObject([{ id, status: 'signed' }]);
  });

  it("reminds an open update's owner before its due date and at it, once", async () => {
    clock.set('2030-03-05T09:00:00Z');
    const c = await as(carol());
    const opened = await c.post('/incidents', {
      id: 'INC-REM',
      title: 'Audit gap',
      description: 'No audit evidence',
      severity: 'low',
      category: 'compliance',
      affectedThirdParties: ['TP-SLA'],
    });
    expect(opened.status).toBe(201);
    const res = await c.post('/agreement-updates', {
      organizationId: 'TP-SLA',
      source: { kind: 'incident', id: 'INC-REM' },
      topic: 'right_to_audit',
      proposedChange: 'Add an annual right-to-audit clause',
      owner: 'CON-OWNER',
      dueDate: '2030-03-07T09:00:00Z',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as string;
    expect(agreementSchedules()).toEqual([`agr.${id}.overdue`, `agr.${id}.remind`]);
    clock.set('2030-03-06T09:00:01Z');
    await stack.scheduler.tick();
    await stack.sns.flush();
    clock.set('2030-03-07T09:00:01Z');
    await stack.scheduler.tick();
    await stack.scheduler.tick(); // nothing left to fire
    await stack.sns.flush();
    const kinds = texts('CON-OWNER').map((m) => m.kind);
    expect(kinds).toEqual(['agreement_update.reminder', 'agreement_update.overdue']);
    // An unknown organization, agreement or incident is a 400 naming the field; nothing written.
    const bad = await (await as(carol())).post('/agreement-updates', {
      organizationId: 'TP-NOPE',
      agreementId: 'AGR-NOPE',
      source: { kind: 'incident', id: 'INC-NOPE' },
      topic: 'other',
      proposedChange: 'x',
      owner: 'y',
      dueDate: '2030-04-01T00:00:00Z',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.agreementId',
      'body.organizationId',
      'body.source.id',
    ]);
  });
});

describe('joint post-incident review', () => {
  it("scopes a partner's contributions by TLP and shares the consolidated result at the chosen TLP", async () => {
    clock.set('2030-03-08T09:00:00Z');
    const c = await as(carol());
    const created = await c.post('/incidents', {
      id: 'INC-REV',
      title: 'Shared credential leak',
      description: 'Credentials of a shared service leaked',
      severity: 'high',
      category: 'data_breach',
      affectedThirdParties: ['TP-A', 'TP-B'],
    });
    expect(created.status).toBe(201);
    // Only organizations taking part in the incident.
    const outside = await c.post('/incidents/INC-REV/review', { participants: ['TP-A', 'TP-OTHER'] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toMatchObject([{ field: 'body.participants.1' }]);
    const opened = await c.post('/incidents/INC-REV/review', { participants: ['TP-A', 'TP-B'] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ status: 'open', tlp: 'AMBER', participants: ['TP-A', 'TP-B'] });
    expect((await c.post('/incidents/INC-REV/review', { participants: ['TP-A'] })).status).toBe(409);

    const a = await as(partnerOf('TP-A'));
    const b = await as(partnerOf('TP-B'));
    const other = await as(partnerOf('TP-OTHER'));
    const amber = await a.post('/incidents/INC-REV/review/contributions', {
      kind: 'finding',
      text: 'Our SOC saw the first login from the leaked key at 02:10',
    }); // the review's TLP: AMBER
    const lesson = await a.post('/incidents/INC-REV/review/contributions', {
      kind: 'lesson',
      text: 'Rotate shared keys monthly',
      tlp: 'GREEN',
    });
    const mine = await b.post('/incidents/INC-REV/review/contributions', {
      kind: 'finding',
      text: 'Our duty phone was unanswered',
      recommendation: 'Verify duty contacts quarterly',
      tlp: 'GREEN',
    });
    const internal = await c.post('/incidents/INC-REV/review/contributions', {
      kind: 'finding',
      text: 'The key was in a public repository',
      tlp: 'AMBER',
    });
    for (const r of [amber, lesson, mine, internal]) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(amber.body).toMatchObject({ contributionId: 'CONTRIB-1', organizationId: 'TP-A', tlp: 'AMBER' });
    expect(internal.body.organizationId).toBe('acme');
    // Never above the incident's TLP; a non-participant cannot tell the review exists.
    const red = await b.post('/incidents/INC-REV/review/contributions', {
      kind: 'lesson',
      text: 'x',
      tlp: 'RED',
    });
    expect(red.status).toBe(400);
    expect(red.body.error.details).toMatchObject([{ field: 'body.tlp', code: 'ABOVE_INCIDENT_TLP' }]);
    expect(
      (await other.post('/incidents/INC-REV/review/contributions', { kind: 'lesson', text: 'x' })).status,
    ).toBe(404);
    expect((await other.get('/incidents/INC-REV/review')).status).toBe(404);

    // What each reader sees: TP-B (GREEN ceiling) its own and the GREEN ones; TP-A (AMBER) all.
    const seenByB = await b.get('/incidents/INC-REV/review');
    expect(seenByB.status).toBe(200);
    expect(seenByB.body.contributions.map((x: { contributionId: string }) => x.contributionId)).toEqual([
      'CONTRIB-2',
      'CONTRIB-3',
    ]);
    expect(seenByB.body.withheldContributions).toBe(2);
    const seenByA = await a.get('/incidents/INC-REV/review');
    expect(seenByA.body.contributions).toHaveLength(4);
    expect(seenByA.body.withheldContributions).toBe(0);
    expect((await c.get('/incidents/INC-REV/review')).body.contributions).toHaveLength(4);

    // A GREEN result may not carry an AMBER contribution: 422, nothing sent nor written.
    const tooHigh = await c.post('/incidents/INC-REV/review/consolidate', {
      summary: 'Rotate keys; verify duty contacts',
      include: ['CONTRIB-1', 'CONTRIB-2'],
      tlp: 'GREEN',
    });
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body.error).toMatchObject({
      code: 'CONTRIBUTION_ABOVE_TLP',
      details: [{ field: 'body.include.0' }],
    });
    expect((await c.get('/incidents/INC-REV/review')).body.status).toBe('open');

    // Reviews are held after the incident closed: the result is shared all the same, and the
    // incident stays closed (an ordinary communication on it would be 409 INCIDENT_CLOSED).
    const closed = await c.post('/incidents/INC-REV/close', { notes: 'Keys rotated' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const ordinary = await c.post('/incidents/INC-REV/communications', {
      type: 'email',
      direction: 'outbound',
      subject: 'Late note',
      content: 'x',
      recipients: { organizations: ['TP-A'] },
    });
    expect(ordinary.body.error?.code).toBe('INCIDENT_CLOSED');

    const shared = await c.post('/incidents/INC-REV/review/consolidate', {
      summary: 'Rotate keys; verify duty contacts',
      include: ['CONTRIB-2', 'CONTRIB-3'],
      tlp: 'GREEN',
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body).toMatchObject({
      status: 'shared',
      result: { tlp: 'GREEN', included: ['CONTRIB-2', 'CONTRIB-3'], sharedBy: 'carol' },
    });
    // Through the normal notification path: an outbound communication to both participants.
    const incident = await c.get('/incidents/INC-REV');
    const communication = incident.body.communications.find(
      (x: { communicationId: string }) => x.communicationId === shared.body.result.communicationId,
    );
    expect(communication).toMatchObject({ direction: 'outbound', tlp: 'GREEN', tlpLoweredFrom: 'AMBER' });
    expect(incident.body.status).toBe('closed');
    expect(
      communication.delivery.organizations.map((o: { organizationId: string }) => o.organizationId).sort(),
    ).toEqual(['TP-A', 'TP-B']);
    expect(communication.content).toContain('Verify duty contacts quarterly');
    expect(communication.content).not.toContain('02:10');
    await stack.sns.flush();
    for (const contact of ['CON-TPA', 'CON-TPB']) {
      expect(texts(contact).map((m) => m.incidentId)).toContain('INC-REV');
    }
    // The partners see the result; the review takes no more contributions.
    expect((await b.get('/incidents/INC-REV/review')).body.result).toMatchObject({ tlp: 'GREEN' });
    const late = await a.post('/incidents/INC-REV/review/contributions', { kind: 'lesson', text: 'late' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REVIEW_SHARED');
  });
});
