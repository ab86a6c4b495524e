/**
 * An exercise end to end on the local stack (issue 15, docs/exercises.md): two participating
 * organizations run a shared playbook on an exercise incident; injects fire through the local
 * Scheduler at their offsets; one organization acknowledges and completes its action, the other
 * stays silent; the report measures both against the playbook's timeframes; every notice is
 * marked [EXERCISE]; nothing counts in the production dashboard or incident list. At the debrief
 * each kind of finding is raised as what it proposes (an agreement update whose reminder fires on
 * the exercise incident, a new playbook version, a contact re-verified through the sweep), in one
 * transaction each; refused raises write nothing. A scenario exercise's organizations take part in
 * its incident; starting is one transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDynamoDb, measure } from '../../bench/metrics.js';
import { handler as injectHandler } from '../../functions/scheduled/exercise-inject.js';
import { handler as sweep } from '../../functions/scheduled/verification-sweep.js';
import { documentClient } from '../../shared/db/client.js';
import { defaultDeps } from '../../shared/deps.js';
import { createExercise } from '../../shared/domain/exercises/service.js';
import { escalationRuntime } from '../../shared/escalation-runtime.js';
import { CreateExerciseBody } from '../../shared/schemas/exercises.js';
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

/** Messages of one kind a contact's queue received (any incident or none). */
const received = (contactId: string, kind: string): Record<string, unknown>[] =>
  stack.sns
    .mailbox({ to: queue(contactId) })
    .filter((m) => m.type === 'Notification')
    .map((m) => JSON.parse(m.message) as Record<string, unknown>)
    .filter((m) => m.kind === kind);

const raise = (findingId: string, body: unknown) =>
  post(`/exercises/${exerciseId}/findings/${findingId}/raise`, body);

describe('raising findings at the debrief (the exercise has ended)', () => {
  let updateId: string;

  it('refuses a contract update body without its fields or with another kind’s, naming each field; nothing written', async () => {
    const before = await stack.snapshot();
    const empty = await raise('FINDING-2', {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.dueDate',
      'body.owner',
      'body.proposedChange', // the finding has no recommendation to default to
      'body.topic',
    ]);
    const foreign = await raise('FINDING-2', {
      topic: 'other',
      proposedChange: 'x',
      owner: 'legal',
      dueDate: '2030-06-01T09:00:00Z',
      timeframe: 'PT1H',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([
      { field: 'body.timeframe', message: 'not used when the finding proposes contract_update' },
    ]);
    const badTopic = await raise('FINDING-2', {
      topic: 'price',
      owner: 'legal',
      dueDate: '2030-06-01T09:00:00Z',
    });
    expect(badTopic.status).toBe(400);
    expect(badTopic.body.error.details[0].field).toBe('body.topic');
    // Refused by the transaction's own check: neither the update nor the link is written.
    const unknownAgreement = await raise('FINDING-2', {
      topic: 'notification_sla',
      proposedChange: 'Acknowledge within 4 hours',
      owner: 'CON-A1',
      dueDate: '2030-06-01T09:00:00Z',
      agreementId: 'AGR-NOPE',
    });
    expect(unknownAgreement.status, JSON.stringify(unknownAgreement.body)).toBe(400);
    expect(unknownAgreement.body.error.details[0].field).toBe('body.agreementId');
    expect(await stack.snapshot()).toBe(before);
  });

  it('raises a contract update as an agreement update of the finding’s organization, source the exercise', async () => {
    const res = await raise('FINDING-2', {
      topic: 'notification_sla',
      proposedChange: 'Acknowledge within 4 hours',
      owner: 'CON-A1',
      dueDate: '2030-06-01T09:00:00Z',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      findingId: 'FINDING-2',
      link: { kind: 'agreement_update', id: expect.stringMatching(/^AGU-/), linkedBy: 'carol' },
    });
    updateId = res.body.link.id;
    const listed = await get('/organizations/ORG-B/agreement-updates');
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: updateId,
        organizationId: 'ORG-B',
        source: { kind: 'exercise', id: exerciseId },
        findingId: 'FINDING-2',
        topic: 'notification_sla',
        status: 'proposed',
        dueDate: '2030-06-01T09:00:00.000Z',
      }),
    ]);
    const report = (await get(`/exercises/${exerciseId}/report`)).body;
    expect(report.agreementUpdates.map((u: { id: string }) => u.id)).toEqual([updateId]);
    expect(report.findings.find((f: { findingId: string }) => f.findingId === 'FINDING-2').link).toEqual(
      res.body.link,
    );
    // Not an incident's update: the exercise incident's list does not show it.
    expect((await get(`/incidents/${incidentId}/agreement-updates`)).body.items).toEqual([]);
    // Its due date reminds like any agreement update's.
    const names = stack.scheduler.schedules().map((s) => s.Name);
    expect(names.filter((n) => n.startsWith(`agr.${updateId}.`))).toHaveLength(2);
  });

  it('a second raise is a 409 naming the link, and writes nothing', async () => {
    const before = await stack.snapshot();
    const again = await raise('FINDING-2', {
      topic: 'right_to_audit',
      proposedChange: 'Audit yearly',
      owner: 'legal',
      dueDate: '2030-07-01T09:00:00Z',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FINDING_RAISED');
    expect(again.body.error.message).toContain(updateId);
    expect(again.body.error.details[0]).toMatchObject({
      field: 'path.findingId',
      link: { kind: 'agreement_update', id: updateId },
    });
    expect(await stack.snapshot()).toBe(before);
  });

  it('raises a playbook action as a new version of the exercise’s playbook', async () => {
    const finding = await post(`/exercises/${exerciseId}/findings`, {
      finding: 'Nobody at ORG-B owned the backup check',
      recommendation: 'Name a backup owner at ORG-B',
      organizationId: 'ORG-B',
      proposes: 'playbook_action',
    });
    expect(finding.body.findingId).toBe('FINDING-3');
    const before = await stack.snapshot();
    const badTimeframe = await raise('FINDING-3', { timeframe: 'soon' });
    expect(badTimeframe.status).toBe(400);
    expect(badTimeframe.body.error.details[0].field).toBe('body.timeframe');
    const outsider = await raise('FINDING-3', { timeframe: 'PT30M', responsible: 'ORG-NOPE' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.details[0].field).toBe('body.responsible');
    const foreign = await raise('FINDING-3', { timeframe: 'PT30M', owner: 'legal' });
    expect(foreign.body.error.details).toEqual([
      { field: 'body.owner', message: 'not used when the finding proposes playbook_action' },
    ]);
    expect(await stack.snapshot()).toBe(before);

    const res = await raise('FINDING-3', { timeframe: 'PT30M' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.link).toMatchObject({
      kind: 'playbook_action',
      id: 'PB-DRILL',
      playbookVersion: 2,
      actionIndex: 2,
    });
    const pb = (await get('/playbooks/PB-DRILL')).body;
    expect(pb.version).toBe(2);
    expect(pb.updatedBy).toBe('carol');
    expect(pb.responseActions).toEqual([
      ...playbook.responseActions,
      { action: 'Name a backup owner at ORG-B', responsible: 'ORG-B', timeframe: 'PT30M' },
    ]);
    // The exercise keeps the version it ran.
    expect((await get(`/exercises/${exerciseId}`)).body.playbookVersion).toBe(1);
    expect((await raise('FINDING-3', { timeframe: 'PT1H' })).body.error.code).toBe('FINDING_RAISED');
  });

  it('raises a contact fix: the contact is flagged and due now, re-verified by the sweep, cleared when confirmed', async () => {
    const res = await raise('FINDING-1', { reason: 'No answer during the drill' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.link).toMatchObject({ kind: 'contact_reverification', id: 'CON-B1' });
    const now = clock.now().toISOString();
    const contact = (await get('/contacts/CON-B1')).body;
    expect(contact).toMatchObject({
      reverification: {
        reason: 'No answer during the drill',
        exerciseId,
        findingId: 'FINDING-1',
        flaggedAt: now,
        flaggedBy: 'carol',
      },
      nextVerificationDue: now,
    });
    // The next sweep asks it (and only it: the other contact is not due) and lists it as needing attention.
    const result = await sweep({}, { getRemainingTimeInMillis: () => 600_000 });
    await stack.sns.flush();
    expect(result).toMatchObject({ status: 'done', counts: { sent: 1 } });
    const links = received('CON-B1', 'contact.verification');
    expect(links).toHaveLength(1);
    expect(received('CON-A1', 'contact.verification')).toEqual([]);
    const health = (await get('/directory/health')).body;
    expect(health.contactsToReverify).toEqual([
      {
        contactId: 'CON-B1',
        organizationId: 'ORG-B',
        reason: 'No answer during the drill',
        exerciseId,
        findingId: 'FINDING-1',
        flaggedAt: now,
      },
    ]);
    const url = String((links[0]?.verification as { url?: string } | undefined)?.url);
    const token = url.split('/verify/')[1] as string;
    const confirmed = await stack.request('POST', `/verify/${token}`, { body: {} });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const after = (await get('/contacts/CON-B1')).body;
    expect(after.verificationStatus).toBe('verified');
    expect(after.reverification).toBeUndefined();
    await sweep({}, { getRemainingTimeInMillis: () => 600_000 });
    expect((await get('/directory/health')).body.contactsToReverify).toEqual([]);
  });

  it('an update of the contact clears its flag too', async () => {
    const finding = await post(`/exercises/${exerciseId}/findings`, {
      finding: 'CON-A1 has a retired title',
      contactId: 'CON-A1',
      proposes: 'contact_fix',
    });
    const res = await raise(finding.body.findingId, {});
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await get('/contacts/CON-A1')).body.reverification).toMatchObject({
      reason: 'CON-A1 has a retired title', // the finding, by default
    });
    const patched = await patch('/contacts/CON-A1', { title: 'Duty manager' });
    expect(patched.status).toBe(200);
    expect(patched.body.reverification).toBeUndefined();
  });

  it('a finding that proposes nothing is a 422; an unknown finding a 404', async () => {
    const finding = await post(`/exercises/${exerciseId}/findings`, {
      finding: 'The bridge line worked',
      proposes: 'none',
    });
    const none = await raise(finding.body.findingId, {});
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('FINDING_PROPOSES_NOTHING');
    expect((await raise('FINDING-99', {})).status).toBe(404);
  });

  it('sends the agreement update’s reminder on the exercise incident', async () => {
    clock.set('2030-06-01T09:00:00Z');
    const fired = (await stack.scheduler.tick()).filter((r) => r.name.startsWith(`agr.${updateId}.`));
    expect(fired.map((f) => f.ok)).toEqual([true, true]);
    await stack.sns.flush();
    const reminders = inbox('CON-A1', incidentId).filter((m) => m.body.kind.startsWith('agreement_update.'));
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect(reminders[0]?.subject).toMatch(new RegExp(`^\\[EXERCISE\\] .*${updateId}`));
  });
});

describe('a scenario exercise (no playbook)', () => {
  let scenarioId: string;
  let scenarioIncident: string;

  it('starts in ONE transaction, its organizations participants of the exercise incident', async () => {
    countDynamoDb(documentClient());
    const { result, counts } = await measure(() =>
      post('/exercises', {
        id: 'EX-SCENARIO-1',
        title: 'Phishing wave',
        participatingOrganizations: ['ORG-A'],
        injects: [{ kind: 'message', offsetMinutes: 15, subject: 'Phish', content: 'A lure arrives' }],
      }),
    );
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    scenarioId = result.body.id;
    scenarioIncident = result.body.incidentId;
    expect(counts.commands.filter((c) => /Write|Put|Update|Delete/.test(c))).toEqual(['TransactWriteItems']);
    const incident = (await get(`/incidents/${scenarioIncident}`)).body;
    expect(incident.exercise).toBe(true);
    const paula = await stack.token('partner', { sub: 'paula', organization: 'ORG-A' });
    const seen = await stack.request('GET', `/incidents/${scenarioIncident}`, { token: paula });
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    const other = await stack.token('partner', { sub: 'bob', organization: 'ORG-B' });
    expect((await stack.request('GET', `/incidents/${scenarioIncident}`, { token: other })).status).toBe(404);
  });

  it('a playbook exercise is one transaction too', async () => {
    const { result, counts } = await measure(() =>
      post('/exercises', { id: 'EX-RANSOM-2', title: 'Second drill', playbookId: 'PB-DRILL' }),
    );
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body.playbookVersion).toBe(2);
    // The writes of the start; after it only the notice's delivery bookkeeping (outbox attempts).
    expect(counts.commands.filter((c) => c === 'TransactWriteItems')).toHaveLength(1);
    const activation = (await get(`/incidents/${result.body.incidentId}`)).body.activations[0];
    expect(activation.actions).toHaveLength(3);
  });

  it('a start refused by its transaction writes nothing and deletes the inject schedules it created', async () => {
    const before = await stack.snapshot();
    const deps = defaultDeps();
    // As if another start took the id between the check and the transaction.
    const racing = {
      ...deps,
      repos: { ...deps.repos, exercises: { ...deps.repos.exercises, get: async () => undefined } },
    };
    // Two injects: i1's schedule is the running exercise's (left alone), i2's is created and deleted again.
    const inject = { kind: 'message', offsetMinutes: 20, subject: 'Again', content: 'Again' };
    const body = CreateExerciseBody.parse({
      id: scenarioId,
      title: 'Again',
      playbookId: 'PB-DRILL',
      injects: [inject, inject],
    });
    await expect(
      createExercise(
        racing,
        { subject: 'carol', organization: 'acme', roles: ['coordinator'] },
        body,
        escalationRuntime(),
      ),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await stack.snapshot()).toBe(before);
    const names = stack.scheduler.schedules().map((x) => x.Name);
    expect(names).toContain(`exr.${scenarioId}.i1`);
    expect(names).not.toContain(`exr.${scenarioId}.i2`);
    // A firing before its exercise is written fails, so the Scheduler retries it.
    await expect(injectHandler({ exerciseId: 'EX-NOT-YET', n: 1 })).rejects.toThrow(/does not exist \(yet\)/);
  });

  it('refuses to raise a playbook action without a playbook (422 NO_PLAYBOOK)', async () => {
    const finding = await post(`/exercises/${scenarioId}/findings`, {
      finding: 'The lure was reported late',
      recommendation: 'Report within 15 minutes',
      organizationId: 'ORG-A',
      proposes: 'playbook_action',
    });
    expect(finding.status, JSON.stringify(finding.body)).toBe(201);
    const before = await stack.snapshot();
    const res = await post(`/exercises/${scenarioId}/findings/${finding.body.findingId}/raise`, {
      timeframe: 'PT15M',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NO_PLAYBOOK');
    expect(await stack.snapshot()).toBe(before);
  });
});
