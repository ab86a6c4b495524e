/**
 * Escalation chains, acknowledgement and triggers end to end on the local stack (DynamoDB Local,
 * local SNS, local Scheduler), with a controlled clock: time moves, nothing sleeps.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as escalationStep } from '../../functions/scheduled/escalation-step.js';
import { keys } from '../../shared/db/keys.js';
import { ACK_LINK_KIND } from '../../shared/domain/escalation/ack-links.js';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import type { LocalStack } from '../helpers/local-stack.js';
import { startLocalStack } from '../helpers/local-stack.js';

type Json = Record<string, unknown>;
type Chain = {
  chainId: string;
  status: string;
  currentLevel: number;
  nextLevelAt: string | null;
  nextSchedule: string | null;
  activationId?: string;
  steps: { level: number; communicationId: string | null; replaced: Json[]; skipped: Json[] }[];
};
type Entry = { type: string; summary: string; data?: Json };

let clock: ControlledClock;
let stack: LocalStack;
let coordinator: string;
let responder: string;

const queue = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const INTERNAL = 'ORG-ESC-INT';
const EXTERNAL = 'ORG-ESC-EXT';

async function post(path: string, body: unknown, token = coordinator) {
  return stack.request<Json>('POST', path, { token, body });
}

async function contact(id: string, organizationId: string, extra: Json = {}) {
  const res = await post('/contacts', {
    id,
    organizationId,
    name: `Contact ${id}`,
    stakeholderGroup: 'management',
    channels: [{ type: 'sqs', address: queue(id.toLowerCase()), priority: 'primary' }],
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Notices delivered to a contact's queue (its only channel), without its acknowledgement links. */
const received = (contactId: string) =>
  stack.sns
    .mailbox({ to: queue(contactId.toLowerCase()) })
    .filter((m) => m.type === 'Notification' && m.attributes.kind?.Value !== ACK_LINK_KIND);

/** The acknowledgement-link messages delivered to a contact, newest last. */
const ackLinks = (contactId: string) =>
  stack.sns
    .mailbox({ to: queue(contactId.toLowerCase()) })
    .filter((m) => m.type === 'Notification' && m.attributes.kind?.Value === ACK_LINK_KIND)
    .map((m) => JSON.parse(m.message) as Json & { acknowledgement: { url: string; expiresAt: string } });

const setContact = (id: string, values: Json) =>
  stack.documentClient.send(
    new UpdateCommand({
      TableName: stack.tableName,
      Key: keys.contact(id),
      UpdateExpression: `SET ${Object.keys(values)
        .map((k) => `#${k} = :${k}`)
        .join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(Object.keys(values).map((k) => [`#${k}`, k])),
      ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [`:${k}`, v])),
    }),
  );

let incidents = 0;
async function incident(severity = 'medium'): Promise<string> {
  const id = `INC-ESC-${++incidents}`;
  const res = await post('/incidents', {
    id,
    title: `Escalation test ${incidents}`,
    description: 'Nobody answers',
    severity,
    category: 'outage',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return id;
}

async function policy(id: string, levels: Json[], extra: Json = {}) {
  const res = await post('/escalation-policies', { id, name: id, levels, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function detail(incidentId: string) {
  const res = await stack.request<Json>('GET', `/incidents/${incidentId}`, { token: coordinator });
  expect(res.status).toBe(200);
  return res.body as Json & { escalationChains: Chain[]; timeline: Entry[]; firedTriggers?: string[] };
}

const ofType = (timeline: Entry[], type: string) => timeline.filter((e) => e.type === type);
const scheduleNames = () => stack.scheduler.schedules().map((s) => s.Name);

beforeAll(async () => {
  clock = controlledClock('2030-03-04T09:00:00Z');
  stack = await startLocalStack({ sns: true, scheduler: { clock: clock.now } });
  coordinator = await stack.token('coordinator', { sub: 'carol' });
  responder = await stack.token('responder', { sub: 'rita' });
  for (const [id, kind] of [
    [INTERNAL, 'internal'],
    [EXTERNAL, 'partner'],
  ] as const) {
    expect((await post('/organizations', { id, name: id, kind })).status).toBe(201);
    const agr = await post(`/organizations/${id}/agreements`, {
      type: 'nda',
      reference: `NDA-${id}`,
      signedAt: '2020-01-01T00:00:00Z',
      tlpCeiling: 'RED',
    });
    expect(agr.status).toBe(201);
  }
  for (const id of ['SEC', 'CISO', 'CEO', 'ALT']) await contact(id, INTERNAL);
  await contact('STALE', INTERNAL, { alternates: ['ALT'] });
  await contact('EXT-1', EXTERNAL);
  await contact('EXT-2', EXTERNAL);
  // The external organization escalates to EXT-2 only.
  await stack.documentClient.send(
    new UpdateCommand({
      TableName: stack.tableName,
      Key: keys.organization(EXTERNAL),
      UpdateExpression: 'SET escalationContactIds = :ids',
      ExpressionAttributeValues: { ':ids': ['EXT-2'] },
    }),
  );
  await policy('POL-LADDER', [
    { level: 1, contacts: ['SEC'], timeframe: '1 hour' },
    { level: 2, contacts: ['CISO'], timeframe: '2 hours' },
    { level: 3, contacts: ['CEO'], timeframe: 'PT4H' },
  ]);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  clock?.restore();
});

describe('escalation policies', () => {
  it('validates levels and references, naming the field', async () => {
    const gap = await post('/escalation-policies', {
      name: 'gap',
      levels: [
        { level: 1, contacts: ['SEC'], timeframe: '1 hour' },
        { level: 3, contacts: ['CEO'], timeframe: '1 hour' },
      ],
    });
    expect(gap.status).toBe(400);
    expect(JSON.stringify(gap.body)).toContain('body.levels.1.level');
    const unknown = await post('/escalation-policies', {
      name: 'unknown',
      levels: [{ level: 1, contacts: ['SEC', 'NOPE'], organizations: ['ORG-NOPE'], timeframe: '1 hour' }],
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('body.levels.0.organizations.0');
    const badContact = await post('/escalation-policies', {
      name: 'unknown contact',
      levels: [{ level: 1, contacts: ['SEC', 'NOPE'], timeframe: '1 hour' }],
    });
    expect(badContact.status).toBe(400);
    expect(JSON.stringify(badContact.body)).toContain('body.levels.0.contacts.1');
    for (const zero of ['PT0S', '0 seconds', 'P0D']) {
      const instant = await post('/escalation-policies', {
        name: `instant ${zero}`,
        levels: [
          { level: 1, contacts: ['SEC'], timeframe: zero },
          { level: 2, contacts: ['CISO'], timeframe: '1 hour' },
        ],
      });
      expect(instant.status, zero).toBe(400);
      expect((instant.body.error as { details: { field: string }[] }).details.map((d) => d.field)).toEqual([
        'body.levels.0.timeframe',
      ]);
    }
    const zeroPatch = await stack.request<Json>('PATCH', '/escalation-policies/POL-LADDER', {
      token: coordinator,
      body: { levels: [{ level: 1, contacts: ['SEC'], timeframe: 'PT0S' }] },
    });
    expect(zeroPatch.status).toBe(400);
  });

  it('protects the contacts it names from deletion until they are removed (409 CONTACT_IN_USE)', async () => {
    await contact('TEMP', INTERNAL);
    await policy('POL-TEMP', [{ level: 1, contacts: ['TEMP'], timeframe: '1 hour' }]);
    const refused = await stack.request<Json>('DELETE', '/contacts/TEMP', { token: coordinator, body: {} });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('CONTACT_IN_USE');
    const changed = await stack.request<Json>('PATCH', '/escalation-policies/POL-TEMP', {
      token: coordinator,
      body: { levels: [{ level: 1, groups: ['executives'], timeframe: '1 hour' }] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    const deleted = await stack.request<Json>('DELETE', '/contacts/TEMP', { token: coordinator, body: {} });
    expect(deleted.status).toBe(200);
  });
});

describe('a three-level chain', () => {
  let incidentId: string;

  it('notifies level 1 at once and schedules level 2 one hour later', async () => {
    incidentId = await incident();
    const res = await post(`/incidents/${incidentId}/escalation-chain`, {
      policyId: 'POL-LADDER',
      reason: 'supplier silent',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const chain = res.body as unknown as Chain;
    expect(chain).toMatchObject({
      chainId: 'CHAIN-1',
      status: 'active',
      currentLevel: 1,
      nextLevelAt: '2030-03-04T10:00:00.000Z',
      nextSchedule: `esc.${incidentId}.CHAIN-1.l2`,
    });
    expect(chain.steps[0]?.communicationId).toMatch(/^COMM-/);
    expect(received('SEC')).toHaveLength(1);
    expect(received('CISO')).toHaveLength(0);
    expect(scheduleNames()).toContain(`esc.${incidentId}.CHAIN-1.l2`);
  });

  it('nothing happens before the timeframe has passed', async () => {
    clock.advance('59 minutes');
    expect(await stack.scheduler.tick()).toHaveLength(0);
    expect(received('CISO')).toHaveLength(0);
  });

  it('level 2 (CISO) after 1 hour, level 3 (CEO) 2 hours later, then exhausted', async () => {
    clock.advance('1 minute');
    const fired = await stack.scheduler.tick();
    expect(fired.map((f) => [f.name, f.ok])).toEqual([[`esc.${incidentId}.CHAIN-1.l2`, true]]);
    expect(received('CISO')).toHaveLength(1);
    let chain = (await detail(incidentId)).escalationChains[0] as Chain;
    expect(chain).toMatchObject({
      currentLevel: 2,
      status: 'active',
      nextLevelAt: '2030-03-04T12:00:00.000Z',
    });

    clock.advance('PT2H');
    await stack.scheduler.tick();
    expect(received('CEO')).toHaveLength(1);
    const d = await detail(incidentId);
    chain = d.escalationChains[0] as Chain;
    expect(chain).toMatchObject({
      currentLevel: 3,
      status: 'exhausted',
      nextLevelAt: null,
      nextSchedule: null,
    });
    expect(chain.steps.map((s) => s.level)).toEqual([1, 2, 3]);
    expect(chain.steps.every((s) => s.communicationId !== null)).toBe(true);
    const levels = ofType(d.timeline, 'escalation.level');
    expect(levels.map((e) => [e.data?.level, e.data?.sentTo])).toEqual([
      [1, ['SEC']],
      [2, ['CISO']],
      [3, ['CEO']],
    ]);
    expect(ofType(d.timeline, 'escalation.chain_started')).toHaveLength(1);
    // Each level once: SEC and CISO were not notified again.
    expect(received('SEC')).toHaveLength(1);
    expect(received('CISO')).toHaveLength(1);
    expect(scheduleNames().filter((n) => n.includes(incidentId))).toEqual([]);
  });

  it('a duplicate fire and a late fire of an exhausted chain do nothing', async () => {
    const before = await detail(incidentId);
    for (const level of [2, 3]) {
      const result = await escalationStep({ incidentId, chainId: 'CHAIN-1', level });
      expect(result.acted).toBe(false);
    }
    const after = await detail(incidentId);
    expect(after.timeline).toHaveLength(before.timeline.length);
    expect(after.escalationChains).toEqual(before.escalationChains);
    expect(received('CISO')).toHaveLength(1);
    expect(received('CEO')).toHaveLength(1);
  });
});

describe('acknowledgement', () => {
  it('stops the chain, deletes its pending schedule, and a late fire does nothing', async () => {
    const incidentId = await incident();
    const ciso = received('CISO').length;
    const started = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-LADDER' });
    expect(started.status).toBe(201);
    const name = `esc.${incidentId}.CHAIN-1.l2`;
    expect(scheduleNames()).toContain(name);

    const ack = await post(`/incidents/${incidentId}/acknowledge`, { note: 'on it' }, responder);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body).toMatchObject({
      incidentId,
      acknowledgedBy: 'rita',
      stoppedChains: ['CHAIN-1'],
      cancelledSchedules: [name],
    });
    expect(scheduleNames()).not.toContain(name);
    const d = await detail(incidentId);
    expect(d.acknowledgedBy).toBe('rita');
    expect(d.escalationChains[0]).toMatchObject({ status: 'acknowledged', nextSchedule: null });
    expect(ofType(d.timeline, 'incident.acknowledged')).toHaveLength(1);

    // The firing that would have come (had the schedule survived), and a duplicate: no-ops.
    clock.advance('PT1H');
    expect((await stack.scheduler.tick()).filter((f) => f.name === name)).toEqual([]);
    const late = await escalationStep({ incidentId, chainId: 'CHAIN-1', level: 2 });
    expect(late).toMatchObject({ acted: false, decision: { reason: 'not_active' } });
    expect(received('CISO')).toHaveLength(ciso);
    expect((await detail(incidentId)).timeline).toHaveLength(d.timeline.length);
  });

  it('the same ladder cannot climb twice at once (409 CHAIN_ACTIVE); after acknowledgement it can', async () => {
    const incidentId = await incident();
    expect((await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-LADDER' })).status).toBe(
      201,
    );
    const again = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-LADDER' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('CHAIN_ACTIVE');
    await post(`/incidents/${incidentId}/acknowledge`, {}, responder);
    const restarted = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-LADDER' });
    expect(restarted.status).toBe(201);
    expect(restarted.body.chainId).toBe('CHAIN-2');
    await post(`/incidents/${incidentId}/acknowledge`, {}, responder);
  });

  it('two concurrent fires of the same level notify once', async () => {
    const incidentId = await incident();
    expect((await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-LADDER' })).status).toBe(
      201,
    );
    const ciso = received('CISO').length;
    const results = await Promise.all([
      escalationStep({ incidentId, chainId: 'CHAIN-1', level: 2 }),
      escalationStep({ incidentId, chainId: 'CHAIN-1', level: 2 }),
    ]);
    expect(results.map((r) => r.acted).sort()).toEqual([false, true]);
    expect(received('CISO')).toHaveLength(ciso + 1);
    await post(`/incidents/${incidentId}/acknowledge`, {}, responder);
  });
});

describe('recipients', () => {
  it('a stale contact is replaced by its verified alternate, and the timeline says so', async () => {
    await setContact('STALE', { verificationStatus: 'stale' });
    await setContact('ALT', { verificationStatus: 'verified' });
    await policy('POL-STALE', [{ level: 1, contacts: ['STALE'], timeframe: '1 hour' }]);
    const incidentId = await incident();
    const res = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-STALE' });
    expect(res.status).toBe(201);
    const chain = res.body as unknown as Chain;
    expect(chain.steps[0]?.replaced).toEqual([{ contactId: 'STALE', alternateId: 'ALT' }]);
    expect(received('ALT')).toHaveLength(1);
    expect(received('STALE')).toHaveLength(0);
    const entry = ofType((await detail(incidentId)).timeline, 'escalation.level')[0];
    expect(entry?.summary).toContain('STALE replaced by ALT');
    expect(entry?.data?.replaced).toEqual([{ contactId: 'STALE', alternateId: 'ALT' }]);
  });

  it('escalating into an external organization reaches its escalation contacts only', async () => {
    await policy('POL-EXT', [{ level: 1, organizations: [EXTERNAL], timeframe: '1 hour' }]);
    const incidentId = await incident();
    const res = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-EXT' });
    expect(res.status).toBe(201);
    expect(received('EXT-2')).toHaveLength(1);
    expect(received('EXT-1')).toHaveLength(0);
  });

  it("a channel's rules: contact ids, organization ids and groups resolve, other text is skipped", async () => {
    const channel = await post('/channels', {
      id: 'CH-ESC',
      name: 'Escalation bridge',
      type: 'bilateral',
      participants: [EXTERNAL],
      purpose: 'Escalate',
      communicationMethods: ['secure_email'],
      primaryMethod: 'secure_email',
      escalationRules: [
        { level: 1, contact: 'Security Team', timeframe: '1 hour' },
        { level: 2, contact: 'CISO', timeframe: '2 hours' },
        { level: 3, contact: EXTERNAL, timeframe: '4 hours' },
      ],
    });
    expect(channel.status, JSON.stringify(channel.body)).toBe(201);
    const incidentId = await incident();
    const res = await post(`/incidents/${incidentId}/escalation-chain`, { channelId: 'CH-ESC' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const chain = res.body as unknown as Chain & { levels: Json[] };
    expect(chain.levels.map((l) => l.recipients)).toEqual([
      {},
      { contacts: ['CISO'] },
      { organizations: [EXTERNAL] },
    ]);
    expect(chain.steps[0]).toMatchObject({
      communicationId: null,
      skipped: [{ recipient: 'Security Team', reason: expect.stringContaining('no contact') }],
    });
    expect(scheduleNames()).toContain(`esc.${incidentId}.CHAIN-1.l2`);
    await post(`/incidents/${incidentId}/acknowledge`, {}, responder);
    expect(scheduleNames()).not.toContain(`esc.${incidentId}.CHAIN-1.l2`);
  });

  it('an unknown policy is a 400 naming the field; nothing is written', async () => {
    const incidentId = await incident();
    const before = await detail(incidentId);
    const res = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-NOPE' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('body.policyId');
    expect((await detail(incidentId)).timeline).toHaveLength(before.timeline.length);
  });
});

describe('activations', () => {
  it('an activation naming a channel climbs its rules until every coordinated action is acknowledged', async () => {
    const playbook = await post('/playbooks', {
      id: 'PB-ESC',
      name: 'Escalating playbook',
      incidentType: 'outage',
      participatingOrganizations: [EXTERNAL],
      rolesResponsibilities: { [EXTERNAL]: ['forensics'] },
      communicationProtocols: { primary: 'secure_email' },
      escalationProcedures: 'Call the duty officer',
      responseActions: [{ action: 'Contain', responsible: EXTERNAL, timeframe: 'PT4H' }],
    });
    expect(playbook.status, JSON.stringify(playbook.body)).toBe(201);
    const incidentId = await incident();
    const activation = await post('/playbooks/PB-ESC/activations', {
      incidentId,
      coordinationChannel: 'CH-ESC',
    });
    expect(activation.status, JSON.stringify(activation.body)).toBe(201);
    const activationId = String(activation.body.activationId);
    let chain = (await detail(incidentId)).escalationChains[0] as Chain;
    expect(chain).toMatchObject({ status: 'active', activationId, currentLevel: 1 });
    const name = `esc.${incidentId}.${chain.chainId}.l2`;
    expect(scheduleNames()).toContain(name);

    const update = await stack.request<Json>('PATCH', `/activations/${activationId}/actions/COORD-1`, {
      token: coordinator,
      body: { status: 'in_progress' },
    });
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    const d = await detail(incidentId);
    chain = d.escalationChains[0] as Chain;
    expect(chain.status).toBe('acknowledged');
    expect(scheduleNames()).not.toContain(name);
    expect(ofType(d.timeline, 'escalation.chain_stopped')).toHaveLength(1);
  });

  it('a level firing after every coordinated action was acknowledged ends the chain instead of notifying', async () => {
    const incidentId = await incident();
    const activation = await post('/playbooks/PB-ESC/activations', {
      incidentId,
      coordinationChannel: 'CH-ESC',
    });
    expect(activation.status, JSON.stringify(activation.body)).toBe(201);
    const activationId = String(activation.body.activationId);
    const chain = (await detail(incidentId)).escalationChains[0] as Chain;
    expect(chain).toMatchObject({ status: 'active', activationId, currentLevel: 1 });
    const name = `esc.${incidentId}.${chain.chainId}.l2`;
    expect(scheduleNames()).toContain(name);
    // The action is acknowledged but the stop after its update did not happen (written directly).
    await stack.documentClient.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: keys.coordinatedAction(incidentId, activationId, 1),
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'in_progress' },
      }),
    );
    const ciso = received('CISO').length;
    const result = await escalationStep({ incidentId, chainId: chain.chainId, level: 2 });
    expect(result).toMatchObject({ acted: false, decision: { reason: 'actions_acknowledged' } });
    expect(received('CISO')).toHaveLength(ciso);
    const d = await detail(incidentId);
    expect(d.escalationChains[0]).toMatchObject({ status: 'acknowledged', currentLevel: 1 });
    expect(d.timeline.filter((e) => e.data?.chainId === chain.chainId && e.data?.level === 2)).toEqual([]);
    expect(ofType(d.timeline, 'escalation.chain_stopped')).toHaveLength(1);
    expect(scheduleNames()).not.toContain(name);
  });
});

describe('automatic starts and escalation triggers', () => {
  it('an incident created at or above a policy auto-start priority starts a chain', async () => {
    await policy(
      'POL-AUTO',
      [
        { level: 1, contacts: ['CEO'], timeframe: '30 minutes' },
        { level: 2, groups: ['board'], timeframe: '1 hour' },
      ],
      {
        autoStart: { minPriority: 'critical' },
      },
    );
    const ceo = received('CEO').length;
    const quiet = await incident('low');
    expect((await detail(quiet)).escalationChains).toEqual([]);
    const loud = await incident('critical');
    const d = await detail(loud);
    expect(d.escalationChains).toHaveLength(1);
    expect(d.escalationChains[0]).toMatchObject({ status: 'active', currentLevel: 1 });
    expect(received('CEO')).toHaveLength(ceo + 1);
    await post(`/incidents/${loud}/acknowledge`, {}, responder);
    const off = await stack.request<Json>('PATCH', '/escalation-policies/POL-AUTO', {
      token: coordinator,
      body: { autoStart: null },
    });
    expect(off.status).toBe(200);
    expect(off.body.autoStart).toBeUndefined();
  });

  it('a trigger fires once per incident, in the same transaction as the change, then notifies', async () => {
    const created = await post('/escalation-triggers', {
      id: 'TRG-CRIT',
      name: 'Critical',
      when: { priorityAtLeast: 'critical' },
      notify: { contacts: ['CISO'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ciso = received('CISO').length;
    const incidentId = await incident('high');
    expect((await detail(incidentId)).firedTriggers).toBeUndefined();
    for (const reason of ['first', 'second']) {
      const esc = await post(`/incidents/${incidentId}/escalations`, {
        reason,
        escalatedTo: 'CISO',
        priority: 'critical',
      });
      expect(esc.status, JSON.stringify(esc.body)).toBe(201);
    }
    const d = await detail(incidentId);
    expect(d.firedTriggers).toEqual(['TRG-CRIT']);
    const fired = ofType(d.timeline, 'trigger.fired');
    expect(fired).toHaveLength(1);
    // The entry follows the change that made it true, in the same transaction (same instant, next seq).
    const change = d.timeline.find((e) => e.type === 'priority.changed') as Entry & {
      seq: number;
      at: string;
    };
    expect(fired[0]).toMatchObject({ seq: change.seq + 1, at: change.at });
    expect(ofType(d.timeline, 'trigger.notice')).toHaveLength(1);
    expect(received('CISO')).toHaveLength(ciso + 1);
    // Already critical at creation: fires in the creation transaction.
    const born = await incident('critical');
    expect((await detail(born)).firedTriggers).toEqual(['TRG-CRIT']);
    const disabled = await stack.request<Json>('PATCH', '/escalation-triggers/TRG-CRIT', {
      token: coordinator,
      body: { enabled: false },
    });
    expect(disabled.status).toBe(200);
    expect((await detail(await incident('critical'))).firedTriggers).toBeUndefined();
  });

  it('dataCompromised and startChain: personal data starts the policy chain once', async () => {
    const created = await post('/escalation-triggers', {
      id: 'TRG-PII',
      name: 'Personal data',
      when: { dataCompromisedIncludes: ['personal data'] },
      notify: { organizations: [EXTERNAL] },
      startChain: 'POL-LADDER',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const incidentId = await incident('medium');
    const assessment = {
      businessImpact: 'medium',
      financialImpact: 0,
      reputationImpact: 'minor',
      regulatoryImpact: 'minor',
      dataCompromised: ['Personal Data'],
    };
    for (let i = 0; i < 2; i++) {
      const res = await stack.request<Json>('PUT', `/incidents/${incidentId}/impact-assessment`, {
        token: coordinator,
        body: assessment,
      });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    const d = await detail(incidentId);
    expect(d.firedTriggers).toEqual(['TRG-PII']);
    expect(ofType(d.timeline, 'trigger.fired')).toHaveLength(1);
    expect(d.escalationChains).toHaveLength(1);
    expect(d.escalationChains[0]).toMatchObject({ status: 'active', currentLevel: 1 });
    expect(JSON.stringify(d.escalationChains[0])).toContain('TRG-PII');
    await stack.request('PATCH', '/escalation-triggers/TRG-PII', {
      token: coordinator,
      body: { enabled: false },
    });
    await post(`/incidents/${incidentId}/acknowledge`, {}, responder);
  });

  it('actionOverdue fires at the next change once the reminders mark an action overdue', async () => {
    const created = await post('/escalation-triggers', {
      id: 'TRG-OVERDUE',
      name: 'Overdue action',
      when: { actionOverdue: true },
      notify: { groups: ['coordination'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const incidentId = await incident();
    // What the due-date reminders maintain on the incident item (written directly here).
    await stack.documentClient.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: keys.incident(incidentId),
        UpdateExpression: 'SET overdueActions = :o',
        ExpressionAttributeValues: { ':o': ['ACTION-1'] },
      }),
    );
    const action = await post(`/incidents/${incidentId}/actions`, {
      description: 'Patch',
      assignedTo: 'ops',
    });
    expect(action.status).toBe(201);
    const d = await detail(incidentId);
    expect(d.firedTriggers).toEqual(['TRG-OVERDUE']);
    expect(ofType(d.timeline, 'trigger.fired').map((e) => e.data?.triggerId)).toEqual(['TRG-OVERDUE']);
    await stack.request('PATCH', '/escalation-triggers/TRG-OVERDUE', {
      token: coordinator,
      body: { enabled: false },
    });
  });

  it('trigger references are checked (400 naming the field)', async () => {
    const res = await post('/escalation-triggers', {
      name: 'bad',
      when: { actionOverdue: true },
      notify: { contacts: ['NOPE'] },
      startChain: 'POL-NOPE',
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.body);
    expect(text).toContain('body.startChain');
    expect(text).toContain('body.notify.contacts.0');
  });

  it('protects the contacts a trigger names from deletion until they are removed (409 CONTACT_IN_USE)', async () => {
    await contact('TRG-TEMP', INTERNAL);
    const created = await post('/escalation-triggers', {
      id: 'TRG-NAMES',
      name: 'Names a contact',
      when: { priorityAtLeast: 'critical' },
      notify: { contacts: ['TRG-TEMP'] },
      enabled: false,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const refused = await stack.request<Json>('DELETE', '/contacts/TRG-TEMP', {
      token: coordinator,
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('CONTACT_IN_USE');
    expect(JSON.stringify(refused.body)).toContain('trigger:TRG-NAMES');
    const changed = await stack.request<Json>('PATCH', '/escalation-triggers/TRG-NAMES', {
      token: coordinator,
      body: { notify: { groups: ['executives'] } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const deleted = await stack.request<Json>('DELETE', '/contacts/TRG-TEMP', {
      token: coordinator,
      body: {},
    });
    expect(deleted.status).toBe(200);
    // A deleted contact cannot be named again.
    const renamed = await stack.request<Json>('PATCH', '/escalation-triggers/TRG-NAMES', {
      token: coordinator,
      body: { notify: { contacts: ['TRG-TEMP'] } },
    });
    expect(renamed.status).toBe(400);
    expect(JSON.stringify(renamed.body)).toContain('body.notify.contacts.0');
  });
});

describe('acknowledgement by link (external contacts)', () => {
  const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const ackPath = (token: string) => `/acknowledge/${token}`;
  let incidentId: string;
  let token: string;

  beforeAll(async () => {
    await policy('POL-PARTNER', [
      { level: 1, organizations: [EXTERNAL], timeframe: '1 hour' },
      { level: 2, contacts: ['CISO'], timeframe: '1 hour' },
    ]);
  });

  it('an external contact on the ladder receives the notice and its own absolute, single-use link', async () => {
    incidentId = await incident();
    const before = ackLinks('EXT-2').length;
    const started = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-PARTNER' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const notice = received('EXT-2').at(-1);
    expect(notice?.message).not.toContain('POST /incidents/');
    expect(notice?.message).toMatch(/https?:\/\/[^\s/]+\/incidents\/INC-ESC-\d+\/acknowledge/);
    const links = ackLinks('EXT-2');
    expect(links).toHaveLength(before + 1);
    const link = links.at(-1);
    expect(link?.acknowledgement.url).toMatch(/^https?:\/\/[^/]+\/acknowledge\/a[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({
      kind: 'escalation.acknowledge-link',
      incidentId,
      recipients: ['EXT-2'],
      acknowledgement: { method: 'POST', chainId: 'CHAIN-1', level: 1 },
    });
    // Valid 7 days; only its hash is stored.
    expect(Date.parse(link?.acknowledgement.expiresAt ?? '') - clock.now().getTime()).toBe(7 * 86_400_000);
    token = tokenOf(link?.acknowledgement.url ?? '');
    expect(await stack.snapshot()).not.toContain(token);
    // EXT-1 is not an escalation contact of its organization: no notice, no link.
    expect(ackLinks('EXT-1')).toHaveLength(0);
  });

  it('GET shows the page (strict headers) and does not consume the token', async () => {
    for (let i = 0; i < 2; i++) {
      const page = await stack.request('GET', ackPath(token));
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.headers['content-security-policy']).toContain("form-action 'self'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(String(page.body)).toContain(`Acknowledge incident ${incidentId}`);
      expect(String(page.body)).toContain('<form method="post">');
      expect(String(page.body)).not.toMatch(/<script|src=|href=/);
    }
    const d = await detail(incidentId);
    expect(d.escalationChains[0]).toMatchObject({ status: 'active' });
    expect(ofType(d.timeline, 'incident.acknowledged')).toHaveLength(0);
  });

  it('POST acknowledges: chain stopped, pending schedule deleted, the contact on the timeline', async () => {
    const name = `esc.${incidentId}.CHAIN-1.l2`;
    expect(scheduleNames()).toContain(name);
    const res = await stack.request('POST', ackPath(token), { body: { note: 'Partner SOC on it' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      acknowledged: true,
      incidentId,
      chainId: 'CHAIN-1',
      level: 1,
      stoppedChains: ['CHAIN-1'],
      cancelledSchedules: [name],
      alreadyStopped: false,
    });
    expect(scheduleNames()).not.toContain(name);
    const d = await detail(incidentId);
    expect(d.acknowledgedBy).toBe('contact:EXT-2');
    expect(d.escalationChains[0]).toMatchObject({ status: 'acknowledged', nextSchedule: null });
    const [entry] = ofType(d.timeline, 'incident.acknowledged') as (Entry & { actor?: string })[];
    expect(entry?.data).toMatchObject({
      via: 'link',
      contactId: 'EXT-2',
      organizationId: EXTERNAL,
      chainId: 'CHAIN-1',
      level: 1,
      note: 'Partner SOC on it',
      chainIds: ['CHAIN-1'],
    });
    expect(entry?.summary).toContain(`EXT-2 of ${EXTERNAL}`);
    // Level 2 never comes.
    const ciso = received('CISO').length;
    clock.advance('PT1H');
    await stack.scheduler.tick();
    expect(received('CISO')).toHaveLength(ciso);
  });

  it('a second use is 410 ACK_TOKEN_USED (JSON, or an HTML page for a browser); nothing written', async () => {
    const snapshot = await stack.snapshot();
    const again = await stack.request('POST', ackPath(token), { body: {} });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('ACK_TOKEN_USED');
    const html = await stack.request('POST', ackPath(token), {
      rawBody: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(html.status).toBe(410);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(String(html.body)).toContain('already used');
    const page = await stack.request('GET', ackPath(token));
    expect(page.status).toBe(410);
    expect(await stack.snapshot()).toBe(snapshot);
  });

  it('a form submission from the page acknowledges and answers HTML; a link of a stopped chain: 200, recorded', async () => {
    const id = await incident();
    expect((await post(`/incidents/${id}/escalation-chain`, { policyId: 'POL-PARTNER' })).status).toBe(201);
    const first = tokenOf(ackLinks('EXT-2').at(-1)?.acknowledgement.url ?? '');
    const form = await stack.request('POST', ackPath(first), {
      rawBody: 'note=Seen+%26+handled',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status, String(form.body)).toBe(200);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(form.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(String(form.body)).toContain(`${id} is acknowledged`);
    const d = await detail(id);
    expect(ofType(d.timeline, 'incident.acknowledged')[0]?.data).toMatchObject({ note: 'Seen & handled' });
    // A field the form does not have: 400 naming it, nothing acknowledged.
    const id2 = await incident();
    expect((await post(`/incidents/${id2}/escalation-chain`, { policyId: 'POL-PARTNER' })).status).toBe(201);
    const second = tokenOf(ackLinks('EXT-2').at(-1)?.acknowledgement.url ?? '');
    const bad = await stack.request('POST', ackPath(second), {
      rawBody: 'level=9',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body)).toContain('body.level');
    // Someone else acknowledged first: the link still answers 200 and records the contact.
    expect((await post(`/incidents/${id2}/acknowledge`, {}, responder)).status).toBe(200);
    const late = await stack.request('POST', ackPath(second), { body: {} });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body).toMatchObject({ alreadyStopped: true, stoppedChains: [], cancelledSchedules: [] });
    const entries = ofType((await detail(id2)).timeline, 'incident.acknowledged');
    expect(entries.map((e) => e.data?.via ?? 'api')).toEqual(['api', 'link']);
  });

  it('expired → 410 ACK_TOKEN_EXPIRED; tampered or malformed → 404 ACK_TOKEN_NOT_FOUND', async () => {
    const id = await incident();
    expect((await post(`/incidents/${id}/escalation-chain`, { policyId: 'POL-PARTNER' })).status).toBe(201);
    const fresh = tokenOf(ackLinks('EXT-2').at(-1)?.acknowledgement.url ?? '');
    const flipped = `${fresh.slice(0, -1)}${fresh.endsWith('A') ? 'B' : 'A'}`;
    const tampered = await stack.request('POST', ackPath(flipped), { body: {} });
    expect(tampered.status).toBe(404);
    expect(tampered.body.error.code).toBe('ACK_TOKEN_NOT_FOUND');
    expect((await stack.request('POST', ackPath('not-a-token'), { body: {} })).status).toBe(404);
    clock.advance('7 days');
    const expired = await stack.request('POST', ackPath(fresh), { body: {} });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('ACK_TOKEN_EXPIRED');
    // Nothing acknowledged (a fresh login: the old one expired with the clock).
    coordinator = await stack.token('coordinator', { sub: 'carol' });
    const d = await detail(id);
    expect(d.acknowledgedBy).toBeUndefined();
    expect(ofType(d.timeline, 'incident.acknowledged')).toHaveLength(0);
  });
});

describe('announced instants (issue 16)', () => {
  it('a level is not notified before the instant its notice and nextLevelAt announce, milliseconds included', async () => {
    // 09:00:00.400 + 1 hour: at() has whole seconds, so the level can only fire at 10:00:01 or 10:00:00.
    clock.set('2030-04-01T09:00:00.400Z');
    await stack.scheduler.tick(); // what earlier tests left scheduled fires now, not during this one
    coordinator = await stack.token('coordinator', { sub: 'carol' }); // the earlier one has expired
    const incidentId = await incident();
    const res = await post(`/incidents/${incidentId}/escalation-chain`, { policyId: 'POL-LADDER' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const chain = res.body as unknown as Chain;
    expect(chain.nextLevelAt).toBe('2030-04-01T10:00:01.000Z');
    const notice = JSON.stringify(received('SEC').at(-1));
    expect(notice).toContain('level 2 is notified at 2030-04-01T10:00:01.000Z');
    const ciso = received('CISO').length;

    clock.set('2030-04-01T10:00:00.999Z');
    const early = await stack.scheduler.tick();
    expect(early.map((f) => f.name)).not.toContain(`esc.${incidentId}.CHAIN-1.l2`);
    expect(received('CISO')).toHaveLength(ciso);

    clock.set(chain.nextLevelAt as string);
    coordinator = await stack.token('coordinator', { sub: 'carol' });
    const fired = await stack.scheduler.tick();
    expect(fired.map((f) => [f.name, f.ok])).toEqual([[`esc.${incidentId}.CHAIN-1.l2`, true]]);
    expect(received('CISO')).toHaveLength(ciso + 1);
    const after = (await detail(incidentId)).escalationChains[0] as Chain;
    expect(after.nextLevelAt).toBe('2030-04-01T12:00:01.000Z');
  });
});
