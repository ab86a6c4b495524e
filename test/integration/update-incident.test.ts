/** PATCH /incidents/{id} (issue 13): edit, third parties added/removed with their counters and links. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let coordinator: string;
let responder: string;
let viewer: string;

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, responder, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const { post, patch, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);

const thirdParty = (id: string) => post('/third-parties', { id, name: `Supplier ${id}`, type: 'saas' });

describe('PATCH /incidents/{id}', () => {
  it('edits fields, adds and removes third parties with counters and links, re-derives priority', async () => {
    for (const id of ['TP-E1', 'TP-E2', 'TP-E3', 'TP-E4']) expect((await thirdParty(id)).status).toBe(201);
    const created = await post('/incidents', {
      id: 'INC-E1',
      title: 'Supplier breach',
      description: 'Logs exposed',
      severity: 'medium',
      category: 'data_breach',
      affectedThirdParties: ['TP-E1'],
    });
    expect(created.status).toBe(201);
    expect(created.body.priority).toBe('medium');

    const edited = await patch('/incidents/INC-E1', {
      title: 'Supplier breach (confirmed)',
      severity: 'high',
      addThirdParties: ['TP-E2', 'TP-E3', 'TP-E4'],
    });
    expect(edited.status).toBe(200);
    // high (3) + 0.5 for more than 2 third parties → high
    expect(edited.body).toMatchObject({
      title: 'Supplier breach (confirmed)',
      severity: 'high',
      priority: 'high',
      affectedThirdParties: ['TP-E1', 'TP-E2', 'TP-E3', 'TP-E4'],
      version: 2,
    });
    expect((await get('/third-parties/TP-E2')).body.incidentCount).toBe(1);
    expect((await get('/incidents?thirdParty=TP-E3')).body.items.map((i: { id: string }) => i.id)).toEqual([
      'INC-E1',
    ]);

    const removed = await patch('/incidents/INC-E1', { removeThirdParties: ['TP-E3'], severity: 'critical' });
    expect(removed.status).toBe(200);
    expect(removed.body.affectedThirdParties).toEqual(['TP-E1', 'TP-E2', 'TP-E4']);
    expect(removed.body.priority).toBe('critical');
    expect((await get('/third-parties/TP-E3')).body.incidentCount).toBe(0);
    expect((await get('/incidents?thirdParty=TP-E3')).body.items).toEqual([]);
    expect((await get('/incidents?thirdParty=TP-E2')).body.items[0]).toMatchObject({ priority: 'critical' });

    const timeline = await get('/incidents/INC-E1/timeline?limit=50');
    const types = timeline.body.items.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === 'incident.updated')).toHaveLength(2);
    expect(types).toContain('priority.changed');
  });

  it('names the field of a bad edit (400) and refuses an unknown third party without writing', async () => {
    await post('/incidents', {
      id: 'INC-E2',
      title: 'Outage',
      description: 'Down',
      severity: 'low',
      category: 'service_outage',
    });
    const empty = await patch('/incidents/INC-E2', {});
    expect(empty.status).toBe(400);
    const bad = await patch('/incidents/INC-E2', { severity: 'urgent' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('body.severity');
    const notAffected = await patch('/incidents/INC-E2', { removeThirdParties: ['TP-E1'] });
    expect(notAffected.status).toBe(400);
    expect(notAffected.body.error.details[0].field).toBe('body.removeThirdParties.0');
    const unknown = await patch('/incidents/INC-E2', { addThirdParties: ['TP-NOPE'], title: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('body.addThirdParties.0');
    expect((await get('/incidents/INC-E2')).body).toMatchObject({ title: 'Outage', version: 1 });
  });

  it('answers 409 INCIDENT_CLOSED on a closed incident, 403 to responders and viewers', async () => {
    await post('/incidents', {
      id: 'INC-E3',
      title: 'Phishing',
      description: 'Mail',
      severity: 'low',
      category: 'phishing',
    });
    expect((await patch('/incidents/INC-E3', { title: 'y' }, responder)).status).toBe(403);
    expect((await patch('/incidents/INC-E3', { title: 'y' }, viewer)).status).toBe(403);
    expect((await post('/incidents/INC-E3/close', {})).status).toBe(200);
    const closed = await patch('/incidents/INC-E3', { title: 'y' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('INCIDENT_CLOSED');
    expect((await patch('/incidents/INC-404', { title: 'y' })).status).toBe(404);
  });
});
