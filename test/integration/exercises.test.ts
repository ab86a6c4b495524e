/**
 * An exercise end to end on the local stack (issue 15, docs/exercises.md): two participating
 * organizations run a shared playbook on an exercise incident; injects fire through the local
 * Scheduler at their offsets; one organization acknowledges and completes its action, the other
 * stays silent; the report measures both against the playbook's timeframes; every notice is
 * marked [EXERCISE]; nothing counts in the production dashboard or incident list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as injectHandler } from '../../functions/scheduled/exercise-inject.js';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let clock: ControlledClock;
let stack: LocalStack;

const carol = () => stack.token('coordinator', { sub: 'carol' });
const post = async (path: string, body: unknown, token?: string) =>
  stack.request('POST', path, { body, token: token ?? (await carol()) });
const patch = async (path: string, body: unknown, token?: string) =>
  stack.request('PATCH', path, { body, token: token ?? (await carol()) });
const get = async (path: string, query?: Record<string, string>) =>
  stack.request('GET', path, { token: await carol(), ...(query ? { query } : {}) });

/** Each contact's only channel: a queue (its mailbox entries keep the SNS Subject). */
const queue = (contactId: string) => `arn:aws:sqs:us-east-1:000000000000:${contactId.toLowerCase()}`;

interface Sent {
  subject: string | null;
  attributes: Record<string, { Type: string; Value: string }>;
  body: { kind: string; incidentId: string; subject: string; exercise?: boolean };
}
/** Notifications a contact received about `incidentId`. */
const inbox = (contactId: string, incidentId: string): Sent[] =>
  stack.sns
    .mailbox({ to: queue(contactId) })
    .filter((m) => m.type === 'Notification')
    .map((m) => ({ subject: m.subject, attributes: m.attributes, body: JSON.parse(m.message) }))
    .filter((m) => m.body.incidentId === incidentId);

const tick = async (prefix: string) =>
  (await stack.scheduler.tick()).map((r) => r.name).filter((n) => n.startsWith(prefix));

const playbook = {
  id: 'PB-DRILL',
  name: 'Supplier ransomware drill',
  incidentType: 'ransomware',
  participatingOrganizations: ['ORG-A', 'ORG-B'],
  rolesResponsibilities: { 'ORG-A': ['containment'], 'ORG-B': ['forensics'] },
  communicationProtocols: { primary: 'sms' },
  escalationProcedures: ['Escalate to the coordination group after 2 hours'],
  responseActions: [
    { action: 'Isolate the shared file transfer host', responsible: 'ORG-A', timeframe: 'PT1H' },
    { action: 'Confirm backups are intact', responsible: 'ORG-B', timeframe: 'PT2H' },
  ],
};

let dashboardBefore: { openByStatus: unknown; openByPriority: unknown; metrics: unknown };
let exerciseId: string;
let incidentId: string;
let activationId: string;

beforeAll(async () => {
  clock = controlledClock('2030-05-06T09:00:00Z');
  stack = await startLocalStack({ sns: true, scheduler: { clock: clock.now } });
  for (const id of ['ORG-A', 'ORG-B']) {
    expect((await post('/organizations', { id, name: id, kind: 'partner' })).status).toBe(201);
    const agreement = await post(`/organizations/${id}/agreements`, {
      type: 'nda',
      reference: `NDA-${id}`,
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling: 'RED',
    });
    expect(agreement.status).toBe(201);
  }
  for (const [id, organizationId] of [
    ['CON-A1', 'ORG-A'],
    ['CON-B1', 'ORG-B'],
  ] as const) {
    const res = await post('/contacts', {
      id,
      organizationId,
      name: `Contact ${id}`,
      stakeholderGroup: 'partners',
      channels: [{ type: 'sqs', address: queue(id), priority: 'primary' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  expect((await post('/playbooks', playbook)).status).toBe(201);
  // A real incident: the production figures the exercise must leave alone.
  const real = await post('/incidents', {
    id: 'INC-REAL',
    title: 'Real outage',
    description: 'A supplier portal is down',
    severity: 'high',
    category: 'service_outage',
  });
  expect(real.status).toBe(201);
  const dashboard = await get('/dashboard');
  expect(dashboard.status).toBe(200);
  dashboardBefore = dashboard.body;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  clock?.restore();
});

describe('an exercise with two organizations', () => {
  it('starts: an exercise incident, the playbook activated on it, injects scheduled at their offsets', async () => {
    const res = await post('/exercises', {
      id: 'EX-RANSOM-1',
      title: 'Ransomware at the file transfer supplier',
      mode: 'tabletop',
      playbookId: 'PB-DRILL',
      injects: [
        {
          kind: 'message',
          offsetMinutes: 30,
          subject: 'Ransom note found on the transfer host',
          content: 'Operators report a ransom note on the shared host.',
        },
        {
          kind: 'state_change',
          offsetMinutes: 90,
          severity: 'critical',
          priority: 'critical',
          note: 'Data exfiltration confirmed',
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    exerciseId = res.body.id;
    incidentId = res.body.incidentId;
    activationId = res.body.activationId;
    expect(res.body).toMatchObject({
      id: 'EX-RANSOM-1',
      status: 'running',
      playbookId: 'PB-DRILL',
      playbookVersion: 1,
      participatingOrganizations: ['ORG-A', 'ORG-B'],
      startAt: '2030-05-06T09:00:00.000Z',
    });
    expect(res.body.injects.map((i: { at: string; scheduleName: string }) => [i.at, i.scheduleName])).toEqual(
      [
        ['2030-05-06T09:30:00.000Z', 'exr.EX-RANSOM-1.i1'],
        ['2030-05-06T10:30:00.000Z', 'exr.EX-RANSOM-1.i2'],
      ],
    );
    const names = stack.scheduler.schedules().map((s) => s.Name);
    expect(names).toEqual(expect.arrayContaining(['exr.EX-RANSOM-1.i1', 'exr.EX-RANSOM-1.i2']));

    const incident = await get(`/incidents/${incidentId}`);
    expect(incident.body).toMatchObject({ exercise: true, category: 'exercise' });
    expect(incident.body.activations[0].activationId).toBe(activationId);
    // The marker is set at creation only.
    const change = await patch(`/incidents/${incidentId}`, { exercise: false });
    expect(change.status).toBe(400);
    expect((await get(`/incidents/${incidentId}`)).body.exercise).toBe(true);
  });

  it('marks the activation notice [EXERCISE]: subject, Message field and attribute', async () => {
    await stack.sns.flush();
    for (const contact of ['CON-A1', 'CON-B1']) {
      const [started] = inbox(contact, incidentId);
      expect(started?.body.kind).toBe('activation.started');
      expect(started?.subject).toMatch(/^\[EXERCISE\] \[TLP:AMBER\] /);
      expect(started?.body.exercise).toBe(true);
      expect(started?.attributes.exercise).toEqual({ Type: 'String', Value: 'true' });
    }
  });

  it('fires the message inject through the local Scheduler at its offset, once', async () => {
    clock.advance('PT29M');
    expect(await tick('exr.')).toEqual([]);
    clock.advance('PT1M');
    expect(await tick('exr.')).toEqual(['exr.EX-RANSOM-1.i1']);
    await stack.sns.flush();
    for (const contact of ['CON-A1', 'CON-B1']) {
      const injected = inbox(contact, incidentId).filter((m) => m.body.kind === 'exercise.inject');
      expect(injected).toHaveLength(1);
      expect(injected[0]?.subject).toBe('[EXERCISE] [TLP:AMBER] Ransom note found on the transfer host');
    }
    // A duplicate firing of the same schedule does nothing.
    expect(await injectHandler({ exerciseId, n: 1 })).toMatchObject({
      acted: false,
      reason: 'fired already',
    });
    const exercise = await get(`/exercises/${exerciseId}`);
    expect(exercise.body.injects[0]).toMatchObject({ firedAt: '2030-05-06T09:30:00.000Z' });
    expect(exercise.body.injects[0].communicationId).toMatch(/^COMM-\d+$/);
    expect(exercise.body.injects[1].firedAt).toBeUndefined();
  });

  it('lets a participant acknowledge and complete its action as in a real incident', async () => {
    const paula = await stack.token('partner', { sub: 'paula', organization: 'ORG-A' });
    clock.advance('PT10M'); // 09:40
    const ack = await patch(
      `/activations/${activationId}/actions/COORD-1`,
      { status: 'acknowledged' },
      paula,
    );
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.acknowledgedAt).toBe('2030-05-06T09:40:00.000Z');
    clock.advance('PT10M'); // 09:50
    const done = await patch(`/activations/${activationId}/actions/COORD-1`, { status: 'completed' }, paula);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      acknowledgedAt: '2030-05-06T09:40:00.000Z',
      completedAt: '2030-05-06T09:50:00.000Z',
    });
  });

  it('fires the state change inject: the exercise incident becomes critical', async () => {
    clock.set('2030-05-06T10:30:00Z');
    expect(await tick('exr.')).toEqual(['exr.EX-RANSOM-1.i2']);
    const incident = await get(`/incidents/${incidentId}`);
    expect(incident.body).toMatchObject({ severity: 'critical', priority: 'critical' });
    const timeline = await get(`/incidents/${incidentId}/timeline`, { limit: '100' });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain('exercise.inject');
  });

  it('simulates regulator clocks: an obligation of the exercise is marked simulated', async () => {
    const gdpr = await post(`/incidents/${incidentId}/obligations`, { regime: 'gdpr' });
    expect(gdpr.status, JSON.stringify(gdpr.body)).toBe(201);
    expect(gdpr.body.simulated).toBe(true);
    const real = await post('/incidents/INC-REAL/obligations', { regime: 'gdpr' });
    expect(real.body.simulated).toBeUndefined();
    // Its clocks count in no production dashboard figure either (checked below).
  });

  it('reports per organization and action against the playbook timeframes, and who was unreachable', async () => {
    const res = await get(`/exercises/${exerciseId}/report`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body;
    expect(report.exercise).toBe(true);
    expect(report.actions).toEqual([
      {
        actionId: 'COORD-1',
        description: 'Isolate the shared file transfer host',
        organizationId: 'ORG-A',
        status: 'completed',
        timeframeMinutes: 60,
        acknowledgeMinutes: 40,
        completeMinutes: 50,
        withinTimeframe: true,
      },
      {
        actionId: 'COORD-2',
        description: 'Confirm backups are intact',
        organizationId: 'ORG-B',
        status: 'pending',
        timeframeMinutes: 120,
        acknowledgeMinutes: null,
        completeMinutes: null,
        withinTimeframe: null,
      },
    ]);
    expect(report.organizations).toEqual([
      {
        organizationId: 'ORG-A',
        actions: 1,
        acknowledged: 1,
        completed: 1,
        completedWithinTimeframe: 1,
        medianAcknowledgeMinutes: 40,
        medianCompleteMinutes: 50,
      },
      {
        organizationId: 'ORG-B',
        actions: 1,
        acknowledged: 0,
        completed: 0,
        completedWithinTimeframe: 0,
        medianAcknowledgeMinutes: null,
        medianCompleteMinutes: null,
      },
    ]);
    // Contacts are not verified in this directory yet; ORG-B never acknowledged.
    expect(report.unreachableContacts).toEqual([
      { contactId: 'CON-A1', organizationId: 'ORG-A', reason: 'unverified' },
      { contactId: 'CON-B1', organizationId: 'ORG-B', reason: 'unverified' },
      { contactId: 'CON-B1', organizationId: 'ORG-B', reason: 'no_ack' },
    ]);
    expect(report.injects.every((i: { firedAt?: string }) => i.firedAt !== undefined)).toBe(true);
    expect(report.regulatoryClocks.length).toBeGreaterThan(0);
    expect(report.regulatoryClocks.every((c: { simulated: boolean }) => c.simulated === true)).toBe(true);
    expect(report.results).toMatchObject({
      actions: 2,
      acknowledged: 1,
      completed: 1,
      completedWithinTimeframe: 1,
      medianAcknowledgeMinutes: 40,
      unreachableContacts: 2,
      findings: 0,
    });
  });

  it('records findings with what they propose; a bad one writes nothing', async () => {
    const before = await stack.snapshot();
    const bad = await post(`/exercises/${exerciseId}/findings`, {
      finding: 'x',
      proposes: 'contact_fix',
      contactId: 'CON-NOPE',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('body.contactId');
    const missing = await post(`/exercises/${exerciseId}/findings`, {
      finding: 'x',
      proposes: 'contract_update',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('body.organizationId');
    expect(await stack.snapshot()).toBe(before);

    const finding = await post(`/exercises/${exerciseId}/findings`, {
      finding: 'ORG-B did not acknowledge within two hours',
      recommendation: 'Name a second escalation contact at ORG-B',
      organizationId: 'ORG-B',
      contactId: 'CON-B1',
      proposes: 'contact_fix',
    });
    expect(finding.status, JSON.stringify(finding.body)).toBe(201);
    expect(finding.body).toMatchObject({ findingId: 'FINDING-1', proposes: 'contact_fix', link: null });
    const contract = await post(`/exercises/${exerciseId}/findings`, {
      finding: 'No contractual acknowledgement SLA with ORG-B',
      organizationId: 'ORG-B',
      proposes: 'contract_update',
    });
    expect(contract.body.findingId).toBe('FINDING-2');
  });

  it('ends: figures frozen, compared across the playbook’s exercises; ending twice is a 409', async () => {
    const ended = await post(`/exercises/${exerciseId}/end`, { notes: 'Debrief held' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endedBy: 'carol' });
    expect(ended.body.results).toMatchObject({ acknowledged: 1, findings: 2 });
    const again = await post(`/exercises/${exerciseId}/end`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXERCISE_ENDED');
    const compared = await get('/playbooks/PB-DRILL/exercises');
    expect(compared.status).toBe(200);
    expect(compared.body.items).toEqual([
      expect.objectContaining({ exerciseId, status: 'ended', results: ended.body.results }),
    ]);
    expect((await get('/playbooks/PB-NONE/exercises')).status).toBe(404);
  });

  it('marks every notice of the exercise [EXERCISE]', async () => {
    await stack.sns.flush();
    const all = [...inbox('CON-A1', incidentId), ...inbox('CON-B1', incidentId)];
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const m of all) {
      expect(m.subject).toMatch(/^\[EXERCISE\] /);
      expect(m.attributes.exercise?.Value).toBe('true');
    }
    const comms = (await get(`/incidents/${incidentId}`)).body.communications as { subject: string }[];
    expect(comms.length).toBeGreaterThanOrEqual(2);
    for (const c of comms) expect(c.subject).toMatch(/^\[EXERCISE\] /);
  });

  it('counts nothing in the production dashboard or the default incident list', async () => {
    // Two days on, both GDPR clocks (72 h) are within the dashboard's 24 h window.
    clock.advance('P2D');
    const after = await get('/dashboard');
    expect(after.body.openByStatus).toEqual(dashboardBefore.openByStatus);
    expect(after.body.openByPriority).toEqual(dashboardBefore.openByPriority);
    expect(after.body.metrics).toEqual(dashboardBefore.metrics);
    const clockIncidents = after.body.clocksDue.map((c: { incidentId: string }) => c.incidentId);
    expect(clockIncidents).toContain('INC-REAL');
    expect(clockIncidents).not.toContain(incidentId);
    const list = await get('/incidents');
    const ids = list.body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain('INC-REAL');
    expect(ids).not.toContain(incidentId);
    const only = await get('/incidents', { exercise: 'only' });
    expect(only.body.items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    const both = await get('/incidents', { exercise: 'include' });
    expect(both.body.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([incidentId, 'INC-REAL']),
    );
    const partnerList = await stack.request('GET', '/incidents', {
      token: await stack.token('partner', { sub: 'paula', organization: 'ORG-A' }),
      query: { exercise: 'only' },
    });
    expect(partnerList.body.items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
  });
});
