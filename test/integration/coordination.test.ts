/**
 * Coordination over HTTP on the local stack: coordination channels (participants must be registered
 * organizations, escalation rules with timeframes). Rejected requests are shown to write nothing
 * with a table snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let coordinator: string;
let admin: string;
let responder: string;
let viewer: string;

const snapshot = () => stack.snapshot();

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, admin, responder, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const { post, patch, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);

const channel = {
  id: 'CH-BREACH',
  name: 'Cloud breach bridge',
  type: 'bilateral',
  participants: ['ORG-ACME', 'TP-CLOUD'],
  purpose: 'Coordinate the data breach response with the cloud provider',
  communicationMethods: ['secure_email', 'phone', 'video_bridge'],
  primaryMethod: 'secure_email',
  backupMethod: 'phone',
  escalationRules: [
    { level: 1, contact: 'soc@cloud.example', timeframe: '30 minutes' },
    { level: 2, contact: 'ciso@cloud.example', timeframe: 'PT2H' },
    { level: 3, contact: 'ceo@cloud.example', timeframe: '1 day' },
  ],
};

describe('coordination channels', () => {
  beforeAll(async () => {
    expect(
      (
        await post('/third-parties', {
          id: 'TP-CLOUD',
          name: 'Cloud Provider',
          type: 'cloud_provider',
          criticality: 'critical',
        })
      ).status,
    ).toBe(201);
    expect(
      (await post('/organizations', { id: 'ORG-ACME', name: 'Acme', kind: 'internal' }, admin)).status,
    ).toBe(201);
  });

  it('sets up a channel with three escalation levels, reads, lists and changes it', async () => {
    const created = await post('/channels', channel);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'CH-BREACH', version: 1, createdBy: 'carol' });
    expect(created.body.escalationRules).toHaveLength(3);

    const read = await get('/channels/CH-BREACH');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const generated = await post('/channels', { ...channel, id: undefined, name: 'Another bridge' }, admin);
    expect(generated.body.id).toMatch(/^CH-/);
    const list = await get('/channels?limit=10');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
      'Another bridge',
      'Cloud breach bridge',
    ]);

    const changed = await patch('/channels/CH-BREACH', { backupMethod: 'video_bridge' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ backupMethod: 'video_bridge', version: 2, updatedBy: 'carol' });
    expect((await get('/channels/CH-BREACH')).body.version).toBe(2);
  });

  it('refuses unknown participants, bad timeframes and a taken id, writing nothing', async () => {
    const before = await snapshot();
    const unknown = await post('/channels', {
      ...channel,
      id: 'CH-X',
      participants: ['ORG-ACME', 'ORG-NOPE'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'body.participants.1' })]);
    const badPatch = await patch('/channels/CH-BREACH', { participants: ['ORG-NOPE'] });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.error.details[0].field).toBe('body.participants.0');
    const timeframe = await post('/channels', {
      ...channel,
      id: 'CH-Y',
      escalationRules: [{ level: 1, contact: 'x', timeframe: 'soon' }],
    });
    expect(timeframe.status).toBe(400);
    expect(timeframe.body.error.details[0].field).toBe('body.escalationRules.0.timeframe');
    for (const zero of ['PT0S', '0 seconds', 'P0D']) {
      const instant = await post('/channels', {
        ...channel,
        id: 'CH-Z',
        escalationRules: [{ level: 1, contact: 'x', timeframe: zero }],
      });
      expect(instant.status, zero).toBe(400);
      expect(instant.body.error.details[0].field).toBe('body.escalationRules.0.timeframe');
      expect(instant.body.error.details[0].message).toContain('at least 1 second');
    }
    expect((await post('/channels', channel)).status).toBe(409);
    expect((await get('/channels/CH-NONE')).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('coordinators and admins change channels; every role reads them', async () => {
    expect((await post('/channels', { ...channel, id: 'CH-R' }, responder)).status).toBe(403);
    expect((await patch('/channels/CH-BREACH', { purpose: 'x' }, viewer)).status).toBe(403);
    expect((await get('/channels/CH-BREACH', responder)).status).toBe(200);
    expect((await get('/channels', viewer)).status).toBe(200);
  });
});

const playbook = {
  id: 'PB-BREACH',
  name: 'Data Breach Response',
  incidentType: 'data_breach',
  participatingOrganizations: ['ORG-ACME', 'TP-CLOUD'],
  rolesResponsibilities: { 'ORG-ACME': ['incident_commander'], 'TP-CLOUD': ['forensics', 'containment'] },
  communicationProtocols: { primary: 'secure_email', backup: 'phone' },
  escalationProcedures: ['Escalate per the channel rules', 'Inform the board after 24 hours'],
  responseActions: [
    { action: 'Contain the affected storage', responsible: 'TP-CLOUD', timeframe: 'PT4H' },
    { action: 'Preserve forensic evidence', responsible: 'TP-CLOUD', timeframe: '1 day' },
    { action: 'Assess notification duties', responsible: 'ORG-ACME', timeframe: '2 days' },
  ],
};

describe('shared playbooks', () => {
  it('creates the Data Breach Response playbook with three response actions; edits make new versions', async () => {
    const created = await post('/playbooks', playbook);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'PB-BREACH', version: 1, name: 'Data Breach Response' });
    expect(created.body.responseActions).toHaveLength(3);
    expect((await get('/playbooks/PB-BREACH')).body).toEqual(created.body);

    const edited = await patch('/playbooks/PB-BREACH', {
      escalationProcedures: 'Escalate per the channel rules',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, escalationProcedures: 'Escalate per the channel rules' });
    const list = await get('/playbooks?limit=10');
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain('PB-BREACH');
  });

  it('refuses unknown organizations and outsiders, writing nothing', async () => {
    const before = await snapshot();
    const unknown = await post('/playbooks', {
      ...playbook,
      id: 'PB-X',
      participatingOrganizations: ['ORG-ACME', 'TP-CLOUD', 'ORG-NOPE'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('body.participatingOrganizations.2');
    const outsider = await post('/playbooks', {
      ...playbook,
      id: 'PB-Y',
      responseActions: [{ action: 'x', responsible: 'ORG-OTHER', timeframe: 'PT1H' }],
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.details[0].field).toBe('body.responseActions.0.responsible');
    for (const zero of ['PT0S', '0 seconds', 'P0D']) {
      const instant = await post('/playbooks', {
        ...playbook,
        id: 'PB-ZERO',
        responseActions: [{ action: 'x', responsible: 'ORG-ACME', timeframe: zero }],
      });
      expect(instant.status, zero).toBe(400);
      expect(instant.body.error.details[0].field).toBe('body.responseActions.0.timeframe');
    }
    const shrink = await patch('/playbooks/PB-BREACH', { participatingOrganizations: ['ORG-ACME'] });
    expect(shrink.status).toBe(400);
    expect(shrink.body.error.details.map((d: { field: string }) => d.field)).toContain(
      'body.rolesResponsibilities.TP-CLOUD',
    );
    expect((await post('/playbooks', playbook)).status).toBe(409);
    expect((await post('/playbooks', { ...playbook, id: 'PB-Z' }, responder)).status).toBe(403);
    expect((await get('/playbooks/PB-NONE')).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});

describe('playbook activations and coordinated actions', () => {
  let activationId: string;

  it('activates the playbook for the data-breach incident: coordinated actions with due dates, on the timeline', async () => {
    const incident = await post('/incidents', {
      id: 'INC-BREACH',
      title: 'Customer data exposed by the cloud provider',
      description: 'A misconfigured bucket exposed customer records',
      severity: 'critical',
      category: 'data_breach',
      affectedThirdParties: ['TP-CLOUD'],
    });
    expect(incident.status).toBe(201);

    const activated = await post('/playbooks/PB-BREACH/activations', {
      incidentId: 'INC-BREACH',
      coordinationChannel: 'CH-BREACH',
      escalationContacts: ['ciso@acme.example'],
    });
    expect(activated.status).toBe(201);
    activationId = activated.body.activationId;
    expect(activationId).toMatch(/^ACT-/);
    expect(activated.body).toMatchObject({
      status: 'active',
      playbookId: 'PB-BREACH',
      playbookVersion: 2,
      participatingOrganizations: ['ORG-ACME', 'TP-CLOUD'],
      coordinationChannel: 'CH-BREACH',
    });
    expect(activated.body.escalationRules).toHaveLength(3);
    const actions = activated.body.actions as {
      actionId: string;
      dueDate: string;
      responsibleOrganization: string;
    }[];
    expect(actions.map((a) => a.actionId)).toEqual(['COORD-1', 'COORD-2', 'COORD-3']);
    const at = Date.parse(activated.body.activatedAt);
    expect(Date.parse(actions[0]?.dueDate ?? '') - at).toBe(4 * 3_600_000);
    expect(Date.parse(actions[2]?.dueDate ?? '') - at).toBe(2 * 86_400_000);
    expect(actions[0]?.responsibleOrganization).toBe('TP-CLOUD');

    const other = await post('/playbooks/PB-BREACH/activations', { incidentId: 'INC-BREACH' });
    expect(other.body.activationId).not.toBe(activationId);

    const detail = await get('/incidents/INC-BREACH');
    expect(detail.body.activations.map((a: { activationId: string }) => a.activationId)).toEqual(
      expect.arrayContaining([activationId, other.body.activationId]),
    );
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toContain('playbook.activated');
  });

  it('adds a coordinated action, escalates, moves actions and reads the reports', async () => {
    const added = await post(`/activations/${activationId}/actions`, {
      description: 'Share indicators of compromise',
      responsibleOrganization: 'TP-CLOUD',
      supportingOrganizations: ['ORG-ACME'],
      priority: 'high',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ actionId: 'COORD-4', status: 'pending' });

    const esc = await post(`/activations/${activationId}/escalations`, {
      reason: 'No acknowledgement within 30 minutes',
      escalatedTo: 'ciso@cloud.example',
    });
    expect(esc.status).toBe(201);
    expect(esc.body).toMatchObject({ escalationId: 'ESC-1', priority: 'high' });

    const ack = await patch(
      `/activations/${activationId}/actions/COORD-1`,
      { status: 'acknowledged' },
      responder,
    );
    expect(ack.status).toBe(200);
    // An acknowledged action is open, no longer pending (issue 16).
    const acknowledged = await get(`/activations/${activationId}/report`);
    expect(acknowledged.body.coordinationMetrics).toEqual({
      totalActions: 4,
      completedActions: 0,
      pendingActions: 3,
      openActions: 4,
      completionRate: 0,
    });
    expect(acknowledged.body.recommendations[0]).toEqual({
      type: 'action_completion',
      priority: 'high',
      description: 'Complete 4 open coordinated actions',
    });
    expect(
      (await patch(`/activations/${activationId}/actions/COORD-1`, { status: 'completed' })).status,
    ).toBe(200);

    const report = await get(`/activations/${activationId}/report`);
    expect(report.status).toBe(200);
    expect(report.body.coordinationMetrics).toEqual({
      totalActions: 4,
      completedActions: 1,
      pendingActions: 3,
      openActions: 3,
      completionRate: 25,
    });
    expect(report.body.escalations).toHaveLength(1);
    expect(report.body.recommendations).toEqual([
      { type: 'action_completion', priority: 'high', description: 'Complete 3 open coordinated actions' },
      {
        type: 'action_acknowledgement',
        priority: 'high',
        description:
          '3 coordinated actions not yet acknowledged by their organizations; follow up with the responsible organizations',
      },
    ]);

    const incidentReport = await get('/incidents/INC-BREACH/report');
    expect(incidentReport.status).toBe(200);
    expect(incidentReport.body.activations).toHaveLength(2);
    const types = (await get('/incidents/INC-BREACH')).body.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'coordinated_action.created',
        'activation.escalated',
        'coordinated_action.updated',
      ]),
    );
  });

  it('refuses to complete the activation or close the incident while coordinated actions are open (409)', async () => {
    const before = await snapshot();
    const complete = await post(`/activations/${activationId}/complete`, {});
    expect(complete.status).toBe(409);
    expect(complete.body.error.code).toBe('OPEN_COORDINATED_ACTIONS');
    const close = await post('/incidents/INC-BREACH/close', { reason: 'resolved' });
    expect(close.status).toBe(409);
    expect(close.body.error.code).toBe('OPEN_COORDINATED_ACTIONS');
    const final = await patch(`/activations/${activationId}/actions/COORD-1`, { status: 'pending' });
    expect(final.status).toBe(409);
    expect(await snapshot()).toBe(before);

    for (const id of ['COORD-2', 'COORD-3']) {
      expect(
        (await patch(`/activations/${activationId}/actions/${id}`, { status: 'completed' })).status,
      ).toBe(200);
    }
    const declined = await patch(`/activations/${activationId}/actions/COORD-4`, {
      status: 'declined',
      reason: 'Indicators already shared through the ISAC',
    });
    expect(declined.status).toBe(200);
    const done = await post(`/activations/${activationId}/complete`, { notes: 'all actions closed' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed' });
    expect(
      (
        await post(`/activations/${activationId}/actions`, {
          description: 'x',
          responsibleOrganization: 'TP-CLOUD',
        })
      ).status,
    ).toBe(409);
  });

  it('bad input writes nothing; roles are enforced', async () => {
    const before = await snapshot();
    const noReason = await patch(`/activations/${activationId}/actions/COORD-1`, { status: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].field).toBe('body.reason');
    expect((await post('/playbooks/PB-BREACH/activations', { incidentId: 'INC-NONE' })).status).toBe(400);
    expect(
      (
        await post('/playbooks/PB-BREACH/activations', {
          incidentId: 'INC-BREACH',
          coordinationChannel: 'CH-NONE',
        })
      ).status,
    ).toBe(400);
    expect((await post('/playbooks/PB-NONE/activations', { incidentId: 'INC-BREACH' })).status).toBe(404);
    expect((await get('/activations/ACT-NONE/report')).status).toBe(404);
    expect(
      (await patch(`/activations/${activationId}/actions/COORD-99`, { status: 'completed' })).status,
    ).toBe(404);
    expect(
      (await post('/playbooks/PB-BREACH/activations', { incidentId: 'INC-BREACH' }, responder)).status,
    ).toBe(403);
    expect(
      (await post(`/activations/${activationId}/escalations`, { reason: 'x', escalatedTo: 'y' }, responder))
        .status,
    ).toBe(403);
    expect(
      (await patch(`/activations/${activationId}/actions/COORD-1`, { status: 'completed' }, viewer)).status,
    ).toBe(403);
    expect((await get(`/activations/${activationId}/report`, viewer)).status).toBe(200);
    expect(await snapshot()).toBe(before);
  });

  it('an unknown responsible organization is a 400 naming the field, writing nothing', async () => {
    const other = await post('/playbooks/PB-BREACH/activations', { incidentId: 'INC-BREACH' });
    const before = await snapshot();
    const bad = await post(`/activations/${other.body.activationId}/actions`, {
      description: 'x',
      responsibleOrganization: 'TP-CLOUD',
      supportingOrganizations: ['ORG-NOPE'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('body.supportingOrganizations.0');
    expect(await snapshot()).toBe(before);
  });
});
