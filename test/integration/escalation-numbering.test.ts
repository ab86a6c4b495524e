/**
 * One ESC-n series per incident: escalations of the incident and of its playbook activations take
 * numbers from the same counter, so an escalation id names exactly one escalation of the incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { type Personas, personas, requests } from '../helpers/personas.js';

let stack: LocalStack;
let p: Personas;
const { post, get } = requests(
  () => stack,
  () => ({ write: p.coordinator, read: p.viewer }),
);

beforeAll(async () => {
  stack = await startLocalStack();
  p = await personas(stack);
  for (const [id, kind] of [
    ['ORG-EXEC', 'internal'],
    ['ORG-P', 'partner'],
  ] as const) {
    expect((await post('/organizations', { id, name: id, kind })).status).toBe(201);
  }
  const incident = await post('/incidents', {
    id: 'INC-ESC',
    title: 'Breach',
    description: 'Escalation numbering',
    severity: 'high',
    category: 'data_breach',
  });
  expect(incident.status, JSON.stringify(incident.body)).toBe(201);
  const playbook = await post('/playbooks', {
    id: 'PB-ESC',
    name: 'Breach',
    incidentType: 'data_breach',
    participatingOrganizations: ['ORG-EXEC', 'ORG-P'],
    rolesResponsibilities: { 'ORG-EXEC': ['incident_commander'] },
    communicationProtocols: { primary: 'secure_email' },
    escalationProcedures: 'per channel',
    responseActions: [{ action: 'Contain', responsible: 'ORG-P', timeframe: 'PT4H' }],
  });
  expect(playbook.status, JSON.stringify(playbook.body)).toBe(201);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('escalation numbering', () => {
  it('incident and activation escalations share the incident’s ESC-n series', async () => {
    const escalate = async (path: string) => {
      const res = await post(path, { reason: 'No answer', escalatedTo: 'CISO' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.escalationId as string;
    };
    const activate = async () => {
      const res = await post('/playbooks/PB-ESC/activations', { incidentId: 'INC-ESC' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.activationId as string;
    };
    const first = await activate();
    const second = await activate();
    const ids = [
      await escalate('/incidents/INC-ESC/escalations'),
      await escalate(`/activations/${first}/escalations`),
      await escalate(`/activations/${second}/escalations`),
      await escalate('/incidents/INC-ESC/escalations'),
      await escalate(`/activations/${first}/escalations`),
    ];
    expect(ids).toEqual(['ESC-1', 'ESC-2', 'ESC-3', 'ESC-4', 'ESC-5']);

    const incident = await get('/incidents/INC-ESC');
    expect(incident.status).toBe(200);
    const own = incident.body.escalations.map((e: { escalationId: string }) => e.escalationId);
    expect(own).toEqual(['ESC-1', 'ESC-4']);
    const byActivation = Object.fromEntries(
      incident.body.activations.map(
        (a: { activationId: string; escalations: { escalationId: string }[] }) => [
          a.activationId,
          a.escalations.map((e) => e.escalationId),
        ],
      ),
    );
    expect(byActivation).toEqual({ [first]: ['ESC-2', 'ESC-5'], [second]: ['ESC-3'] });
    const report = await get(`/activations/${first}/report`);
    expect(report.status).toBe(200);
    expect(report.body.escalations.map((e: { escalationId: string }) => e.escalationId)).toEqual([
      'ESC-2',
      'ESC-5',
    ]);
  });
});
