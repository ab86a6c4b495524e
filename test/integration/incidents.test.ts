import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let coordinator: string;
let responder: string;
let viewer: string;

const snapshot = () => stack.snapshot();

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, responder, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const { post, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);

describe('third parties', () => {
  it('registers, reads, lists with filters and pages, and patches', async () => {
    const created = await post('/third-parties', {
      id: 'TP-001',
      name: 'Cloud Provider',
      type: 'cloud_provider',
      criticality: 'high',
      contactInfo: { email: 'security@cloudprovider.example' },
      incidentContact: { email: 'incidents@cloudprovider.example' },
      dataShared: ['customer_data', 'financial_data'],
      systemsAccessed: ['production_db', 'backup_systems'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'TP-001',
      incidentCount: 0,
      lastIncident: null,
      criticality: 'high',
      kind: 'supplier',
    });

    const generated = await post('/third-parties', { name: 'Payroll SaaS', type: 'saas' });
    expect(generated.status).toBe(201);
    expect(generated.body.criticality).toBe('medium');
    expect(generated.body.id).toMatch(/^TP-/);

    expect((await post('/third-parties', { id: 'TP-001', name: 'Again', type: 'saas' })).status).toBe(409);
    expect((await get('/third-parties/TP-001')).body.name).toBe('Cloud Provider');
    expect((await get('/third-parties/TP-404')).status).toBe(404);

    for (let i = 0; i < 3; i++)
      await post('/third-parties', { id: `TP-L${i}`, name: `Lister ${i}`, type: 'msp', criticality: 'low' });
    const low = await get('/third-parties?criticality=low&limit=2');
    expect(low.status).toBe(200);
    expect(low.body.items).toHaveLength(2);
    const next = await get(`/third-parties?criticality=low&limit=2&cursor=${low.body.nextCursor}`);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    expect((await get('/third-parties?type=msp')).body.items).toHaveLength(3);
    expect((await get('/third-parties?criticality=low&type=saas')).body.items).toHaveLength(0);
    expect((await get(`/third-parties?criticality=high&cursor=${low.body.nextCursor}`)).status).toBe(400);

    const patched = await stack.request('PATCH', '/third-parties/TP-L0', {
      body: { criticality: 'critical' },
      token: coordinator,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ criticality: 'critical', version: 2 });
    expect(
      (await get('/third-parties?criticality=critical')).body.items.map((t: { id: string }) => t.id),
    ).toEqual(['TP-L0']);
    expect(
      (await stack.request('PATCH', '/third-parties/TP-L0', { body: {}, token: coordinator })).status,
    ).toBe(400);
  });
});

describe('the third-party incident lifecycle', () => {
  it('runs the seed scenario from creation to closure, reopening and report', async () => {
    const discoveryDate = new Date(Date.now() - 3_600_000).toISOString();
    const created = await post('/incidents', {
      id: 'INC-001',
      title: 'Data Breach at Cloud Provider',
      description: 'Suspected data breach affecting customer data',
      severity: 'high',
      category: 'data_breach',
      affectedThirdParties: ['TP-001'],
      discoveredBy: 'Security Team',
      discoveryDate,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'INC-001',
      status: 'open',
      priority: 'high',
      createdBy: 'carol',
    });

    const tp = await get('/third-parties/TP-001');
    expect(tp.body).toMatchObject({ incidentCount: 1, lastIncident: discoveryDate });

    const assessed = await stack.request('PUT', '/incidents/INC-001/impact-assessment', {
      token: coordinator,
      body: {
        businessImpact: 'critical',
        financialImpact: 2_000_000,
        reputationImpact: 'moderate',
        regulatoryImpact: 'moderate',
        dataCompromised: ['customer_data'],
        customersAffected: 5_000,
      },
    });
    expect(assessed.status).toBe(200);
    expect(assessed.body.priority).toBe('critical'); // 2 + 2 + 1 + 1 + 1 = 7
    expect(assessed.body.impactAssessment).toMatchObject({ impactFactors: 7, assessedBy: 'carol' });
    // The answer is the incident as stored: new version and updatedAt.
    const afterAssessment = await get('/incidents/INC-001');
    expect(assessed.body.version).toBe(afterAssessment.body.version);
    expect(assessed.body.version).toBe(2);
    expect(assessed.body.updatedAt).toBe(afterAssessment.body.updatedAt);

    const a1 = await post(
      '/incidents/INC-001/actions',
      {
        description: 'Contact cloud provider for incident details',
        assignedTo: 'Security Team',
        thirdParty: 'TP-001',
        actionType: 'communication',
        priority: 'high',
      },
      responder,
    );
    expect(a1.status).toBe(201);
    expect(a1.body).toMatchObject({ actionId: 'ACTION-1', status: 'pending', createdBy: 'rita' });
    const a2 = await post('/incidents/INC-001/actions', {
      description: 'Rotate shared keys',
      assignedTo: 'IT',
    });
    expect(a2.body.actionId).toBe('ACTION-2');
    expect(a2.body.priority).toBe('critical'); // inherits the incident's priority

    const comm = await post(
      '/incidents/INC-001/communications',
      {
        type: 'email',
        direction: 'outbound',
        thirdParty: 'TP-001',
        subject: 'Request for details',
        content: 'Please share logs',
        sentTo: ['incidents@cloudprovider.example'],
      },
      responder,
    );
    expect(comm.status).toBe(201);
    expect(comm.body.communicationId).toBe('COMM-1');

    const esc = await post('/incidents/INC-001/escalations', {
      reason: 'Customer data confirmed',
      escalatedTo: 'CISO',
    });
    expect(esc.status).toBe(201);
    expect(esc.body).toMatchObject({ escalationId: 'ESC-1', priority: 'high' });

    // Closing is refused while actions are open, and the refusal lists them.
    const refused = await post('/incidents/INC-001/close', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('OPEN_ACTIONS');
    expect(refused.body.error.details.map((d: { actionId: string }) => d.actionId)).toEqual([
      'ACTION-1',
      'ACTION-2',
    ]);

    const done = await stack.request('PATCH', '/incidents/INC-001/actions/ACTION-1', {
      token: responder,
      body: { status: 'completed', notes: 'Provider sent logs' },
    });
    expect(done.status).toBe(200);
    expect(done.body.completedDate).toBeDefined();
    await stack.request('PATCH', '/incidents/INC-001/actions/ACTION-2', {
      token: responder,
      body: { status: 'in_progress' },
    });
    await stack.request('PATCH', '/incidents/INC-001/actions/ACTION-2', {
      token: responder,
      body: { status: 'cancelled' },
    });
    const finalState = await stack.request('PATCH', '/incidents/INC-001/actions/ACTION-2', {
      token: responder,
      body: { status: 'pending' },
    });
    expect(finalState.status).toBe(409);
    expect(
      (
        await stack.request('PATCH', '/incidents/INC-001/actions/ACTION-9', {
          token: responder,
          body: { status: 'pending' },
        })
      ).status,
    ).toBe(404);

    const closed = await post('/incidents/INC-001/close', { notes: 'Provider remediated' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closureReason: 'resolved',
      closureNotes: 'Provider remediated',
    });
    expect(closed.body.closureDate).toBeDefined();
    expect(closed.body.version).toBe((await get('/incidents/INC-001')).body.version);

    // A closed incident refuses changes except lessons learned.
    const before = await snapshot();
    expect((await post('/incidents/INC-001/actions', { description: 'x', assignedTo: 'y' })).status).toBe(
      409,
    );
    expect((await post('/incidents/INC-001/escalations', { reason: 'x', escalatedTo: 'y' })).status).toBe(
      409,
    );
    expect((await post('/incidents/INC-001/close', {})).status).toBe(409);
    expect(await snapshot()).toBe(before);
    const lesson = await post('/incidents/INC-001/lessons-learned', {
      lesson: 'Keep provider contacts verified',
      category: 'communication',
    });
    expect(lesson.status).toBe(201);
    expect(lesson.body.lessonId).toBe('LESSON-1');

    const report = await get('/incidents/INC-001/report');
    expect(report.status).toBe(200);
    expect(report.body.responseMetrics).toEqual({
      totalActions: 2,
      completedActions: 1,
      pendingActions: 0,
      openActions: 0,
      completionRate: 50,
    });
    expect(report.body.communicationMetrics).toEqual({ totalCommunications: 1, escalations: 1 });
    expect(report.body.duration.seconds).toBeGreaterThanOrEqual(3_599);
    expect(report.body.lessonsLearned).toHaveLength(1);
    expect(report.body.recommendations).toEqual([]);

    const reopened = await post('/incidents/INC-001/reopen', {
      reason: 'Provider found more affected tenants',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.closureDate).toBeUndefined();
    expect((await post('/incidents/INC-001/reopen', {})).status).toBe(409);

    // One read returns the aggregate; the timeline records every step with the token's subject.
    const detail = await get('/incidents/INC-001');
    expect(detail.status).toBe(200);
    expect(detail.body.actions).toHaveLength(2);
    expect(detail.body.communications).toHaveLength(1);
    expect(detail.body.escalations).toHaveLength(1);
    expect(detail.body.lessonsLearned).toHaveLength(1);
    const types = detail.body.timeline.map((t: { type: string }) => t.type);
    expect(types).toEqual([
      'incident.created',
      'impact.assessed',
      'priority.changed',
      'action.created',
      'action.created',
      'communication.recorded',
      'escalation.created',
      'action.updated',
      'action.updated',
      'action.updated',
      'incident.closed',
      'lesson.recorded',
      'incident.reopened',
    ]);
    const change = detail.body.timeline.find((t: { type: string }) => t.type === 'priority.changed');
    expect(change.data).toMatchObject({ from: 'high', to: 'critical', total: 7 });
    expect(change.summary).toContain('business impact critical (+2)');
    expect(detail.body.timeline.find((t: { type: string }) => t.type === 'action.created').actor).toBe(
      'rita',
    );

    const page1 = await get('/incidents/INC-001/timeline?limit=5');
    expect(page1.body.items.map((t: { seq: number }) => t.seq)).toEqual([1, 2, 3, 4, 5]);
    const page2 = await get(`/incidents/INC-001/timeline?limit=10&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].seq).toBe(6);
    expect((await get('/incidents/INC-404/timeline')).status).toBe(404);
  });

  it('derives priority from severity and the number of affected third parties, and a critical escalation raises it', async () => {
    for (let i = 0; i < 6; i++) await post('/third-parties', { id: `TP-P${i}`, name: `P${i}`, type: 'saas' });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `TP-P${i}`);
    const make = async (id: string, severity: string, n: number) =>
      (
        await post('/incidents', {
          id,
          title: id,
          description: 'd',
          severity,
          category: 'outage',
          affectedThirdParties: ids(n),
        })
      ).body;
    expect((await make('INC-P1', 'medium', 6)).priority).toBe('high');
    expect((await make('INC-P2', 'medium', 3)).priority).toBe('medium');
    expect((await make('INC-P3', 'low', 6)).priority).toBe('medium');
    expect((await get('/third-parties/TP-P0')).body.incidentCount).toBe(3);

    const esc = await post('/incidents/INC-P2/escalations', {
      reason: 'Ransom note',
      escalatedTo: 'CEO',
      priority: 'critical',
    });
    expect(esc.status).toBe(201);
    expect((await get('/incidents/INC-P2')).body.priority).toBe('critical');

    // Lists: newest first, filters, pages.
    const byTp = await get('/incidents?thirdParty=TP-P5');
    expect(byTp.body.items.map((i: { id: string }) => i.id)).toEqual(['INC-P3', 'INC-P1']);
    const critical = await get('/incidents?priority=critical');
    expect(critical.body.items.map((i: { id: string }) => i.id)).toContain('INC-P2');
    expect(
      (await get('/incidents?thirdParty=TP-P0&priority=critical')).body.items.map(
        (i: { id: string }) => i.id,
      ),
    ).toEqual(['INC-P2']);
    const open = await get('/incidents?status=open&limit=2');
    expect(open.body.items).toHaveLength(2);
    const rest = await get(`/incidents?status=open&limit=100&cursor=${open.body.nextCursor}`);
    const all = [...open.body.items, ...rest.body.items].map((i: { id: string }) => i.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['INC-P1', 'INC-P2', 'INC-P3']));
  });
});

describe('bad input writes nothing', () => {
  it('refuses an unknown third party naming it, and leaves every counter alone', async () => {
    await post('/third-parties', { id: 'TP-B1', name: 'B1', type: 'saas' });
    const before = await snapshot();
    const res = await post('/incidents', {
      id: 'INC-BAD',
      title: 't',
      description: 'd',
      severity: 'low',
      category: 'c',
      affectedThirdParties: ['TP-B1', 'TP-NOPE'],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'body.affectedThirdParties.1', message: 'third party TP-NOPE does not exist' },
    ]);
    expect(await snapshot()).toBe(before);
    expect((await get('/incidents/INC-BAD')).status).toBe(404);
    expect((await get('/third-parties/TP-B1')).body.incidentCount).toBe(0);
  });

  it('answers malformed JSON, wrong types, unknown enums and fields, oversize and non-JSON bodies with 4xx naming fields', async () => {
    const before = await snapshot();
    const raw = (body: string, contentType = 'application/json') =>
      stack.request('POST', '/incidents', {
        rawBody: body,
        token: coordinator,
        headers: { 'content-type': contentType },
      });
    const malformed = await raw('{"title": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].field).toBe('body');
    const wrong = await post('/incidents', {
      title: 42,
      description: 'd',
      severity: 'urgent',
      category: 'c',
      extra: true,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrong.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.extra',
      'body.severity',
      'body.title',
    ]);
    expect(
      (await post('/incidents', {})).body.error.details.map((d: { field: string }) => d.field).sort(),
    ).toEqual(['body.category', 'body.description', 'body.severity', 'body.title']);
    expect((await raw('title=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await raw(JSON.stringify({ title: 'x'.repeat(100_000) }))).status).toBe(413);
    expect(
      (
        await post('/incidents', {
          title: 't',
          description: 'd',
          severity: 'low',
          category: 'c',
          id: 'bad id!',
        })
      ).status,
    ).toBe(400);
    const future = await post('/incidents', {
      title: 't',
      description: 'd',
      severity: 'low',
      category: 'c',
      discoveryDate: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.body.error.details[0].field).toBe('body.discoveryDate');
    expect((await post('/incidents/INC-404/actions', { description: 'x', assignedTo: 'y' })).status).toBe(
      404,
    );
    expect(
      (await post('/incidents/INC-P1/actions', { description: 'x', assignedTo: 'y', thirdParty: 'TP-NOPE' }))
        .body.error.details,
    ).toEqual([{ field: 'body.thirdParty', message: 'third party TP-NOPE does not exist' }]);
    expect((await get('/incidents?status=sleeping')).status).toBe(400);
    expect((await get('/incidents?cursor=garbage')).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});

describe('authentication and roles', () => {
  it('needs a token (401) and the right role (403); rejected requests write nothing', async () => {
    const before = await snapshot();
    expect((await stack.request('GET', '/incidents', {})).status).toBe(401);
    expect((await stack.request('GET', '/incidents', { token: 'not.a.jwt' })).status).toBe(401);
    const denied = await post(
      '/incidents',
      { title: 't', description: 'd', severity: 'low', category: 'c' },
      viewer,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect(
      (await post('/incidents/INC-P1/actions', { description: 'x', assignedTo: 'y' }, viewer)).status,
    ).toBe(403);
    expect((await post('/incidents/INC-P1/close', {}, responder)).status).toBe(403);
    expect(
      (await post('/incidents/INC-P1/escalations', { reason: 'x', escalatedTo: 'y' }, responder)).status,
    ).toBe(403);
    expect((await post('/third-parties', { name: 'x', type: 'saas' }, responder)).status).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await get('/incidents/INC-P1', viewer)).status).toBe(200);
    const admin = await stack.token('admin', { sub: 'ada' });
    expect(
      (await post('/incidents/INC-P1/lessons-learned', { lesson: 'admins may do everything' }, admin)).status,
    ).toBe(201);
  });
});

describe('concurrency', () => {
  it('loses no update when 30 actions, communications and escalations race on one incident', async () => {
    await post('/incidents', {
      id: 'INC-RACE',
      title: 'race',
      description: 'd',
      severity: 'low',
      category: 'c',
    });
    const calls = Array.from({ length: 30 }, (_, i) => {
      const kind = i % 3;
      if (kind === 0)
        return post('/incidents/INC-RACE/actions', { description: `a${i}`, assignedTo: 'x' }, responder);
      if (kind === 1)
        return post(
          '/incidents/INC-RACE/communications',
          { type: 'email', direction: 'inbound', subject: `c${i}`, content: 'c', sentTo: ['x'] },
          responder,
        );
      return post('/incidents/INC-RACE/escalations', { reason: `e${i}`, escalatedTo: 'x' });
    });
    const results = await Promise.all(calls);
    const accepted = results.filter((r) => r.status === 201);
    for (const r of results) expect([201, 409]).toContain(r.status);
    const detail = (await get('/incidents/INC-RACE')).body;
    const total = detail.actions.length + detail.communications.length + detail.escalations.length;
    expect(total).toBe(accepted.length);
    expect(detail.actions.map((a: { actionId: string }) => a.actionId).sort()).toEqual(
      detail.actions.map((_: unknown, i: number) => `ACTION-${i + 1}`).sort(),
    );
    expect(detail.timeline).toHaveLength(1 + accepted.length);
    expect(detail.timeline.map((t: { seq: number }) => t.seq)).toEqual(
      detail.timeline.map((_: unknown, i: number) => i + 1),
    );
    expect(detail.version).toBe(1 + accepted.length);
  });
});
