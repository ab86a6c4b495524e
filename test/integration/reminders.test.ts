/**
 * Reminders end to end on the local stack (docs/reminders.md): due-date reminders and overdue
 * notices of response and coordinated actions, regulatory-clock reminders and the overdue
 * escalation (issue 6), with a controlled clock and the local Scheduler; deliveries read from the
 * local SNS mailbox (sms subscriptions: no confirmation needed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as reminder } from '../../functions/scheduled/reminder.js';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let clock: ControlledClock;
let stack: LocalStack;

// Signed per request: the controlled clock moves days ahead, past any token's lifetime.
const carol = () => stack.token('coordinator', { sub: 'carol' });
const post = async (path: string, body: unknown) =>
  stack.request('POST', path, { body, token: await carol() });
const patch = async (path: string, body: unknown) =>
  stack.request('PATCH', path, { body, token: await carol() });
const put = async (path: string, body: unknown) => stack.request('PUT', path, { body, token: await carol() });
const get = async (path: string, query?: Record<string, string>) =>
  stack.request('GET', path, { token: await carol(), ...(query ? { query } : {}) });

const PHONES: Record<string, string> = {
  'CON-ASSIGNEE': '+15555550101',
  'CON-LEGAL': '+15555550102',
  'CON-COMP': '+15555550103',
  'CON-COORD': '+15555550104',
  'CON-EXEC': '+15555550105',
  'CON-IC': '+15555550106',
  'CON-PART1': '+15555550107',
  'CON-PART2': '+15555550108',
};

interface Message {
  kind: string;
  incidentId: string;
  recipients: string[];
  subject: string;
}
/** Messages an sms contact received, of these kinds (other features send notices too). */
const inbox = (contactId: string, kinds: readonly string[]) =>
  stack.sns
    .mailbox({ to: PHONES[contactId] as string })
    .filter((m) => m.type === 'Notification')
    .map((m) => JSON.parse(m.message) as Message)
    .filter((m) => kinds.includes(m.kind));

const ACTION_KINDS = ['action.reminder', 'action.overdue'];
const OBLIGATION_KINDS = ['obligation.reminder', 'obligation.overdue'];

/** Pending schedule names under `prefix`, without their planned-instant part (`.t<epoch>`). */
const scheduleNames = (prefix: string) =>
  stack.scheduler
    .schedules()
    .map((s) => s.Name)
    .filter((n) => n.startsWith(prefix))
    .map((n) => n.replace(/\.t\d+$/, ''))
    .sort();
/** The expression of the pending schedule `name` (given without its planned-instant part). */
const expressionOf = (name: string) =>
  stack.scheduler.schedules().find((s) => s.Name.replace(/\.t\d+$/, '') === name)?.ScheduleExpression;
/** Fires what is due; the names of the reminder firings (other jobs may fire too). */
/** Fires what is due; the names fired under `prefix`, without their planned-instant part. */
const tick = async (prefix = '') =>
  (await stack.scheduler.tick())
    .map((r) => r.name)
    .filter((n) => n.startsWith(prefix))
    .map((n) => n.replace(/\.t\d+$/, ''))
    .sort();
const settle = () => stack.sns.flush();

async function timelineOf(incidentId: string) {
  const res = await get(`/incidents/${incidentId}/timeline`, { limit: '100' });
  expect(res.status).toBe(200);
  return res.body.items as { type: string; actor: string; summary: string; data?: Record<string, unknown> }[];
}

async function incident(id: string) {
  const res = await post('/incidents', {
    id,
    title: `Incident ${id}`,
    description: 'Customer records exposed through a supplier portal',
    severity: 'low',
    category: 'data_breach',
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  clock = controlledClock('2030-03-04T09:00:00Z');
  stack = await startLocalStack({ sns: true, scheduler: { clock: clock.now } });
  for (const [id, kind] of [
    ['ORG-HQ', 'internal'],
    ['ORG-PART', 'partner'],
  ] as const) {
    expect((await post('/organizations', { id, name: id, kind })).status).toBe(201);
    const agreement = await post(`/organizations/${id}/agreements`, {
      type: 'nda',
      reference: `NDA-${id}`,
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling: 'RED',
    });
    expect(agreement.status).toBe(201);
  }
  for (const [id, organizationId, stakeholderGroup] of [
    ['CON-ASSIGNEE', 'ORG-HQ', 'technical'],
    ['CON-LEGAL', 'ORG-HQ', 'legal'],
    ['CON-COMP', 'ORG-HQ', 'compliance'],
    ['CON-COORD', 'ORG-HQ', 'coordination'],
    ['CON-EXEC', 'ORG-HQ', 'executives'],
    ['CON-IC', 'ORG-HQ', 'management'],
    ['CON-PART1', 'ORG-PART', 'partners'],
    ['CON-PART2', 'ORG-PART', 'partners'],
  ] as const) {
    const res = await post('/contacts', {
      id,
      organizationId,
      name: `Contact ${id}`,
      stakeholderGroup,
      channels: [{ type: 'sms', address: PHONES[id], priority: 'primary' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}, 30_000);

afterAll(async () => {
  await stack?.stop();
  clock?.restore();
});

describe('response actions with a due date', () => {
  it('get a reminder before the due date and an overdue notice at it, to the assignee', async () => {
    await incident('INC-DUE');
    const created = await post('/incidents/INC-DUE/actions', {
      description: 'Rotate the portal signing keys',
      assignedTo: 'CON-ASSIGNEE',
      dueDate: '2030-03-06T09:00:00Z',
    });
    expect(created.status).toBe(201);
    expect(scheduleNames('due.INC-DUE.')).toEqual([
      'due.INC-DUE.ACTION-1.overdue',
      'due.INC-DUE.ACTION-1.remind',
    ]);
    // Default offset: 24 h before the due date.
    expect(expressionOf('due.INC-DUE.ACTION-1.remind')).toBe('at(2030-03-05T09:00:00)');
    expect(expressionOf('due.INC-DUE.ACTION-1.overdue')).toBe('at(2030-03-06T09:00:00)');
    expect(await tick('due.')).toEqual([]);

    clock.advance('P1D');
    expect(await tick('due.')).toEqual(['due.INC-DUE.ACTION-1.remind']);
    await settle();
    expect(inbox('CON-ASSIGNEE', ACTION_KINDS)).toEqual([
      expect.objectContaining({
        kind: 'action.reminder',
        incidentId: 'INC-DUE',
        recipients: ['CON-ASSIGNEE'],
      }),
    ]);
    expect(inbox('CON-LEGAL', ACTION_KINDS)).toEqual([]);
    expect((await get('/incidents/INC-DUE')).body.overdueActions).toBeUndefined();

    clock.advance('P1D');
    expect(await tick('due.')).toEqual(['due.INC-DUE.ACTION-1.overdue']);
    await settle();
    expect(inbox('CON-ASSIGNEE', ACTION_KINDS).map((m) => m.kind)).toEqual([
      'action.reminder',
      'action.overdue',
    ]);
    expect((await get('/incidents/INC-DUE')).body.overdueActions).toEqual(['ACTION-1']);
    const timeline = await timelineOf('INC-DUE');
    expect(timeline.filter((e) => ACTION_KINDS.includes(e.type))).toEqual([
      expect.objectContaining({
        type: 'action.reminder',
        actor: 'liaison:reminder',
        data: expect.objectContaining({ actionId: 'ACTION-1', sentTo: ['CON-ASSIGNEE'] }),
      }),
      expect.objectContaining({
        type: 'action.overdue',
        actor: 'liaison:reminder',
        data: expect.objectContaining({ actionId: 'ACTION-1', overdueAction: 'ACTION-1' }),
      }),
    ]);
    // Fired schedules are gone (ActionAfterCompletion: DELETE).
    expect(scheduleNames('due.INC-DUE.')).toEqual([]);

    // Completing the action takes it off the incident's overdue list.
    const done = await patch('/incidents/INC-DUE/actions/ACTION-1', { status: 'completed' });
    expect(done.status).toBe(200);
    expect((await get('/incidents/INC-DUE')).body.overdueActions).toBeUndefined();
  });

  it('completing an action deletes its pending schedules: nothing fires later', async () => {
    const created = await post('/incidents/INC-DUE/actions', {
      description: 'Notify the portal vendor',
      assignedTo: 'CON-ASSIGNEE',
      dueDate: '2030-03-09T09:00:00Z',
    });
    expect(created.body.actionId).toBe('ACTION-2');
    expect(scheduleNames('due.INC-DUE.ACTION-2')).toHaveLength(2);
    expect((await patch('/incidents/INC-DUE/actions/ACTION-2', { status: 'completed' })).status).toBe(200);
    expect(scheduleNames('due.INC-DUE.ACTION-2')).toEqual([]);
    const before = inbox('CON-ASSIGNEE', ACTION_KINDS).length;
    clock.advance('P4D');
    expect(await tick('due.')).toEqual([]);
    await settle();
    expect(inbox('CON-ASSIGNEE', ACTION_KINDS)).toHaveLength(before);
  });

  it('an assignee that is not a contact is recorded as not addressable; the third party is reminded', async () => {
    await incident('INC-FREE');
    const now = clock.now().getTime();
    const created = await post('/incidents/INC-FREE/actions', {
      description: 'Confirm the supplier patched the portal',
      assignedTo: 'Bob from IT',
      thirdParty: 'ORG-PART',
      dueDate: new Date(now + 2 * 3_600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    // Less than 24 h left: the reminder half-way.
    expect(expressionOf('due.INC-FREE.ACTION-1.remind')).toBe(
      `at(${new Date(now + 3_600_000).toISOString().slice(0, 19)})`,
    );
    clock.advance('PT1H');
    expect(await tick('due.')).toEqual(['due.INC-FREE.ACTION-1.remind']);
    await settle();
    for (const id of ['CON-PART1', 'CON-PART2']) {
      expect(inbox(id, ACTION_KINDS)).toEqual([
        expect.objectContaining({ kind: 'action.reminder', incidentId: 'INC-FREE' }),
      ]);
    }
    const entry = (await timelineOf('INC-FREE')).find((e) => e.type === 'action.reminder');
    expect(entry?.data).toMatchObject({
      notAddressable: [{ assignedTo: 'Bob from IT', reason: expect.stringContaining('not a contact id') }],
      organizations: ['ORG-PART'],
    });
  });

  it('a changed due date replaces the schedules; a stale, late or duplicate firing does nothing', async () => {
    await incident('INC-MOVE');
    const created = await post('/incidents/INC-MOVE/actions', {
      description: 'Re-issue customer credentials',
      assignedTo: 'CON-ASSIGNEE',
      dueDate: '2030-03-20T09:00:00Z',
    });
    expect(created.status).toBe(201);
    const moved = await patch('/incidents/INC-MOVE/actions/ACTION-1', {
      status: 'in_progress',
      dueDate: '2030-03-12T09:00:00Z',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.dueDate).toBe('2030-03-12T09:00:00.000Z');
    expect(expressionOf('due.INC-MOVE.ACTION-1.remind')).toBe('at(2030-03-11T09:00:00)');
    expect(expressionOf('due.INC-MOVE.ACTION-1.overdue')).toBe('at(2030-03-12T09:00:00)');

    // Whatever else falls due before then fires now, so the counts below are this action's only.
    clock.set('2030-03-11T08:59:00Z');
    await tick();
    await settle();
    // A firing planned for the old due date (e.g. delivered late by Scheduler) re-reads and does nothing.
    const publishes = stack.sns.calls('Publish');
    const snapshot = await stack.snapshot();
    const stale = {
      kind: 'action',
      incidentId: 'INC-MOVE',
      actionId: 'ACTION-1',
      stage: 'remind',
      dueDate: '2030-03-20T09:00:00.000Z',
    };
    expect(await reminder(stale)).toMatchObject({
      acted: false,
      reason: expect.stringContaining('due date changed'),
    });
    expect(await reminder({ kind: 'nonsense' })).toMatchObject({ acted: false, reason: 'malformed event' });

    clock.set('2030-03-11T09:00:00Z');
    expect(await tick('due.INC-MOVE')).toEqual(['due.INC-MOVE.ACTION-1.remind']);
    await settle();
    const sent = stack.sns.calls('Publish');
    expect(sent).toBe(publishes + 1);
    const afterFire = await stack.snapshot();
    expect(afterFire).not.toBe(snapshot);

    // The same firing again (Scheduler delivers at least once): already sent, nothing written.
    const current = { ...stale, dueDate: '2030-03-12T09:00:00.000Z' };
    expect(await reminder(current)).toMatchObject({
      acted: false,
      reason: expect.stringContaining('already sent'),
    });
    // A reminder firing after the due date: the overdue notice covers it.
    clock.set('2030-03-12T10:00:00Z');
    expect(await reminder(current)).toMatchObject({
      acted: false,
      reason: expect.stringContaining('after the due date'),
    });
    expect(stack.sns.calls('Publish')).toBe(sent);
    expect(await stack.snapshot()).toBe(afterFire);
  });
});

describe('coordinated actions', () => {
  let activationId = '';

  it('remind the responsible organization; completing deletes the pending overdue notice', async () => {
    await incident('INC-COORD');
    const playbook = await post('/playbooks', {
      id: 'PB-REM',
      name: 'Portal breach',
      incidentType: 'data_breach',
      participatingOrganizations: ['ORG-HQ', 'ORG-PART'],
      rolesResponsibilities: { 'ORG-HQ': ['incident_commander'], 'ORG-PART': ['containment'] },
      communicationProtocols: { primary: 'secure_email', backup: 'phone' },
      escalationProcedures: ['Escalate per the channel rules'],
      responseActions: [
        { action: 'Contain the supplier portal', responsible: 'ORG-PART', timeframe: 'PT4H' },
      ],
    });
    expect(playbook.status).toBe(201);
    const activated = await post('/playbooks/PB-REM/activations', { incidentId: 'INC-COORD' });
    expect(activated.status).toBe(201);
    activationId = activated.body.activationId;
    const names = scheduleNames(`due.INC-COORD.`);
    expect(names).toHaveLength(2); // remind + overdue of COORD-1 (hashed: the activation id is long)

    const before = inbox('CON-PART1', ACTION_KINDS).length;
    clock.advance('PT2H'); // 4 h timeframe < 24 h offset: reminded half-way
    expect(await tick('due.INC-COORD.')).toHaveLength(1);
    await settle();
    for (const id of ['CON-PART1', 'CON-PART2']) {
      expect(inbox(id, ACTION_KINDS).slice(before)).toEqual([
        expect.objectContaining({ kind: 'action.reminder', incidentId: 'INC-COORD' }),
      ]);
    }
    expect(inbox('CON-ASSIGNEE', ACTION_KINDS).filter((m) => m.incidentId === 'INC-COORD')).toEqual([]);
    expect(scheduleNames('due.INC-COORD.')).toHaveLength(1);

    const done = await patch(`/activations/${activationId}/actions/COORD-1`, { status: 'completed' });
    expect(done.status).toBe(200);
    expect(scheduleNames('due.INC-COORD.')).toEqual([]);
    clock.advance('PT3H');
    expect(await tick('due.INC-COORD.')).toEqual([]);
  });

  it('an overdue coordinated action joins the incident overdue list until it is done', async () => {
    const created = await post(`/activations/${activationId}/actions`, {
      description: 'Send the forensic image',
      responsibleOrganization: 'ORG-PART',
      dueDate: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    expect(created.status).toBe(201);
    clock.advance('PT2M');
    expect(await tick('due.INC-COORD.')).toHaveLength(2); // the reminder (half-way) and the overdue notice
    const ref = `${activationId}/COORD-2`;
    expect((await get('/incidents/INC-COORD')).body.overdueActions).toEqual([ref]);
    const declined = await patch(`/activations/${activationId}/actions/COORD-2`, {
      status: 'declined',
      reason: 'No image was taken',
    });
    expect(declined.status).toBe(200);
    expect((await get('/incidents/INC-COORD')).body.overdueActions).toBeUndefined();
  });
});

describe('issue 6: regulatory obligations remind, escalate when overdue, and the report shows them', () => {
  it('GDPR and NIS2 clocks remind legal, compliance and the commander, then escalate at the deadline', async () => {
    clock.set('2030-04-01T08:00:00Z');
    await tick(); // anything left over from earlier tests
    await incident('INC-REG');
    const commander = await post('/incidents/INC-REG/roles', {
      role: 'incident_commander',
      holder: { subject: 'carol', name: 'Carol', contactId: 'CON-IC' },
    });
    expect(commander.status).toBe(200);
    for (const regime of ['gdpr', 'nis2']) {
      expect((await post('/incidents/INC-REG/obligations', { regime })).status).toBe(201);
    }
    expect(scheduleNames('obl.INC-REG.')).toEqual([
      'obl.INC-REG.gdpr.authority.p100',
      'obl.INC-REG.gdpr.authority.p50',
      'obl.INC-REG.gdpr.authority.p80',
      'obl.INC-REG.nis2.early-warning.p100',
      'obl.INC-REG.nis2.early-warning.p50',
      'obl.INC-REG.nis2.early-warning.p80',
      'obl.INC-REG.nis2.notification.p100',
      'obl.INC-REG.nis2.notification.p50',
      'obl.INC-REG.nis2.notification.p80',
    ]);
    expect(expressionOf('obl.INC-REG.gdpr.authority.p50')).toBe('at(2030-04-02T20:00:00)'); // 36 h
    expect(expressionOf('obl.INC-REG.nis2.early-warning.p80')).toBe('at(2030-04-02T03:12:00)'); // 19.2 h

    // 12 h: half of NIS2's 24 h early warning.
    clock.advance('PT12H');
    expect(await tick('obl.')).toEqual(['obl.INC-REG.nis2.early-warning.p50']);
    await settle();
    for (const id of ['CON-LEGAL', 'CON-COMP', 'CON-IC']) {
      expect(inbox(id, OBLIGATION_KINDS), id).toEqual([
        expect.objectContaining({ kind: 'obligation.reminder', incidentId: 'INC-REG' }),
      ]);
    }
    expect(inbox('CON-EXEC', OBLIGATION_KINDS)).toEqual([]);
    expect(inbox('CON-COORD', OBLIGATION_KINDS)).toEqual([]);

    // Submitting the early warning cancels its remaining reminders.
    const submitted = await post('/incidents/INC-REG/obligations/nis2/submissions', {
      clock: 'early-warning',
      recipient: 'CSIRT',
      coveredItems: ['suspected-malicious'],
    });
    expect(submitted.status).toBe(201);
    expect(scheduleNames('obl.INC-REG.nis2.early-warning')).toEqual([]);

    // 36 h: half of both 72 h clocks; 57.6 h: 80 %.
    clock.set('2030-04-02T20:00:00Z');
    expect(await tick('obl.')).toEqual([
      'obl.INC-REG.gdpr.authority.p50',
      'obl.INC-REG.nis2.notification.p50',
    ]);
    clock.set('2030-04-03T17:36:00Z');
    expect(await tick('obl.')).toEqual([
      'obl.INC-REG.gdpr.authority.p80',
      'obl.INC-REG.nis2.notification.p80',
    ]);
    await settle();
    expect(inbox('CON-LEGAL', OBLIGATION_KINDS)).toHaveLength(5);

    // Past the 72 h deadline, unsubmitted: escalated to coordination and executives too, ESC-n recorded.
    clock.set('2030-04-04T08:00:01Z');
    expect(await tick('obl.')).toEqual([
      'obl.INC-REG.gdpr.authority.p100',
      'obl.INC-REG.nis2.notification.p100',
    ]);
    await settle();
    for (const id of ['CON-LEGAL', 'CON-COMP', 'CON-COORD', 'CON-EXEC']) {
      expect(
        inbox(id, OBLIGATION_KINDS).filter((m) => m.kind === 'obligation.overdue'),
        id,
      ).toHaveLength(2);
    }
    const detail = (await get('/incidents/INC-REG')).body;
    expect(detail.escalations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: expect.stringMatching(
            /^Regulatory deadline missed: GDPR .*Notification of the supervisory authority/,
          ),
          escalatedBy: 'liaison:reminder',
        }),
        expect.objectContaining({
          reason: expect.stringMatching(/^Regulatory deadline missed: NIS2 .*Incident notification/),
        }),
      ]),
    );
    expect(scheduleNames('obl.INC-REG.')).toEqual([]);

    // The report shows both obligations, the missed ones overdue with their lateness.
    const report = await get('/incidents/INC-REG/report');
    expect(report.status).toBe(200);
    const clocks = Object.fromEntries(
      (report.body.obligations as { obligationId: string; clocks: { clockId: string }[] }[]).flatMap((o) =>
        o.clocks.map((c) => [`${o.obligationId}.${c.clockId}`, c]),
      ),
    );
    expect(clocks['gdpr.authority']).toMatchObject({
      status: 'overdue',
      lateness: { seconds: 1, iso8601: 'PT1S' },
    });
    expect(clocks['nis2.notification']).toMatchObject({ status: 'overdue', lateness: { seconds: 1 } });
    expect(clocks['nis2.early-warning']).toMatchObject({ status: 'submitted' });
    expect(report.body.recommendations).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'regulatory_compliance', priority: 'high' })]),
    );

    // A late submission afterwards: the report shows it submitted late.
    const late = await post('/incidents/INC-REG/obligations/gdpr/submissions', {
      clock: 'authority',
      recipient: 'Lead supervisory authority',
      coveredItems: ['nature'],
      reasonsForDelay: 'Scope of the breach unclear until the supplier forensic report',
    });
    expect(late.status).toBe(201);
    const after = await get('/incidents/INC-REG/report');
    const gdpr = (after.body.obligations as { obligationId: string; clocks: { clockId: string }[] }[]).find(
      (o) => o.obligationId === 'gdpr',
    );
    expect(gdpr?.clocks.find((c) => c.clockId === 'authority')).toMatchObject({
      status: 'submitted',
      lateness: { iso8601: expect.stringMatching(/^PT/) },
    });
  });

  it('moving a trigger re-plans the reminders of the clocks it moves', async () => {
    clock.set('2030-05-01T08:00:00Z');
    await incident('INC-DORA');
    expect((await post('/incidents/INC-DORA/obligations', { regime: 'nis2' })).status).toBe(201);
    expect(expressionOf('obl.INC-DORA.nis2.early-warning.p100')).toBe('at(2030-05-02T08:00:00)');
    clock.advance('PT2H');
    const moved = await patch('/incidents/INC-DORA/obligations/nis2', {
      triggers: { awareness: '2030-05-01T09:00:00Z' },
      reason: 'Awareness confirmed an hour after discovery',
    });
    expect(moved.status).toBe(200);
    expect(expressionOf('obl.INC-DORA.nis2.early-warning.p100')).toBe('at(2030-05-02T09:00:00)');
    expect(expressionOf('obl.INC-DORA.nis2.notification.p50')).toBe('at(2030-05-02T21:00:00)');
    // The old firing, planned for the old deadline, does nothing.
    const old = {
      kind: 'obligation',
      incidentId: 'INC-DORA',
      obligationId: 'nis2',
      clockId: 'early-warning',
      pct: 100,
      due: '2030-05-02T08:00:00.000Z',
    };
    // Without an incident commander, the reminder says so on the timeline.
    clock.set('2030-05-01T21:00:00Z'); // 50 % of the early warning, from the new awareness time
    expect(await tick('obl.')).toEqual(['obl.INC-DORA.nis2.early-warning.p50']);
    const entry = (await timelineOf('INC-DORA')).find((e) => e.type === 'obligation.reminder');
    expect(entry?.data).toMatchObject({
      incidentCommander: 'no incident commander assigned',
      sentTo: expect.arrayContaining(['CON-LEGAL', 'CON-COMP']),
    });
    clock.set('2030-05-02T08:00:00Z');
    expect(await reminder(old)).toMatchObject({
      acted: false,
      reason: expect.stringContaining('deadline moved'),
    });
  });
});

describe('regulator draft', () => {
  it('renders a template with what the incident knows and lists the empty checklist items', async () => {
    const plain = await get('/incidents/INC-REG/obligations/gdpr/draft', { clock: 'authority' });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ clockId: 'authority', template: null });
    expect(plain.body.missing).toEqual(expect.arrayContaining(['records', 'consequences', 'measures']));
    expect(plain.body.checklist).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: 'nature', satisfied: true, source: 'submission SUB-1' }),
      ]),
    );

    const template = await post('/templates', {
      id: 'TPL-DPA',
      name: 'Supervisory authority notice',
      audience: 'regulators',
      channelTypes: ['email'],
      subject: 'Personal data breach {{id}}',
      body: '{{title}}: about {{impact.customersAffected}} data subjects ({{impact.dataCompromised}}).',
      maxTlp: 'AMBER',
    });
    expect(template.status).toBe(201);
    const before = await get('/incidents/INC-REG/obligations/gdpr/draft', { templateId: 'TPL-DPA' });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      template: { templateId: 'TPL-DPA', version: 1 },
      subject: 'Personal data breach INC-REG',
      body: 'Incident INC-REG: about [missing: impact.customersAffected] data subjects ([missing: impact.dataCompromised]).',
      missingPlaceholders: ['impact.customersAffected', 'impact.dataCompromised'],
    });

    expect(
      (
        await put('/incidents/INC-REG/impact-assessment', {
          businessImpact: 'high',
          financialImpact: 50000,
          reputationImpact: 'moderate',
          regulatoryImpact: 'severe',
          customersAffected: 1200,
          dataCompromised: ['names', 'emails'],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post('/incidents/INC-REG/actions', {
          description: 'Reset passwords',
          assignedTo: 'CON-ASSIGNEE',
        })
      ).status,
    ).toBe(201);
    const after = await get('/incidents/INC-REG/obligations/gdpr/draft', {
      templateId: 'TPL-DPA',
      clock: 'authority',
    });
    expect(after.body.body).toBe('Incident INC-REG: about 1200 data subjects (names, emails).');
    expect(after.body.missingPlaceholders).toEqual([]);
    expect(after.body.missing).not.toEqual(expect.arrayContaining(['records', 'consequences', 'measures']));
  });

  it('answers 400 naming the field for an unknown template or clock, 404 for an unknown obligation', async () => {
    const template = await get('/incidents/INC-REG/obligations/gdpr/draft', { templateId: 'TPL-NONE' });
    expect(template.status).toBe(400);
    expect(template.body.error.details[0].field).toBe('query.templateId');
    const badClock = await get('/incidents/INC-REG/obligations/gdpr/draft', { clock: 'nope' });
    expect(badClock.status).toBe(400);
    expect(badClock.body.error.details[0].field).toBe('query.clock');
    expect((await get('/incidents/INC-REG/obligations/dora/draft')).status).toBe(404);
    expect((await get('/incidents/INC-NONE/obligations/gdpr/draft')).status).toBe(404);
  });
});
