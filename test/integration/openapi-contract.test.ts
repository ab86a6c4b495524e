/**
 * Real answers of the local stack, success and error alike, validated against docs/openapi.json by
 * an independent JSON Schema 2020-12 validator (ajv + ajv-formats), not by the zod schemas that
 * produce both. Every status a route answers must be documented on that route, with a schema the
 * body satisfies; every error detail names its field with a location prefix (docs/decisions.md §3).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as sweep } from '../../functions/scheduled/verification-sweep.js';
import { type ControlledClock, controlledClock } from '../helpers/clock.js';
import {
  type LocalStack,
  type RequestOptions,
  type Response,
  startLocalStack,
} from '../helpers/local-stack.js';
import { type Personas, personas } from '../helpers/personas.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

const COMPONENTS = 'urn:liaison:openapi:components';
/** Component refs of the document, pointed at one schema holding every component as `$defs`. */
const relinked = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`));

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: COMPONENTS, $defs: relinked(doc.components.schemas) });
const validators = new Map<string, ValidateFunction>();
const validatorFor = (key: string, schema: unknown): ValidateFunction => {
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(relinked(schema) as object);
    validators.set(key, v);
  }
  return v;
};

const LOCATION = /^(body|query|path|header)(\.|$)/;

/** Which (operation, status) pairs the test saw, to show the cases it reached. */
const seen = new Set<string>();

/** The body must satisfy the schema the document gives for this route and status. */
function conforms(method: string, template: string, res: Response): void {
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is not in the document`).toBeDefined();
  const documented = operation?.responses[String(res.status)];
  expect(
    documented,
    `${method} ${template} answered ${res.status} (${JSON.stringify(res.body)}), not documented`,
  ).toBeDefined();
  const schema = documented?.content?.['application/json']?.schema;
  expect(schema, `${method} ${template} ${res.status} has no JSON schema`).toBeDefined();
  const validate = validatorFor(`${method} ${template} ${res.status}`, schema);
  const ok = validate(res.body);
  expect(
    ok,
    `${method} ${template} ${res.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body)}`,
  ).toBe(true);
  const details = (res.body as { error?: { details?: { field: string }[] } })?.error?.details ?? [];
  for (const d of details) expect(d.field, `${method} ${template} ${res.status} detail`).toMatch(LOCATION);
  seen.add(`${res.status}`);
}

let clock: ControlledClock;
let stack: LocalStack;
let p: Personas;

/** A request to `template` with its `{params}` filled in; the answer is checked against the document. */
async function call(
  method: string,
  template: string,
  params: Record<string, string>,
  options: RequestOptions,
  expected: number,
): Promise<Response> {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? name));
  const res = await stack.request(method, path, options);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(expected);
  conforms(method, template, res);
  return res;
}

beforeAll(async () => {
  clock = controlledClock('2030-03-04T09:00:00.000Z');
  stack = await startLocalStack({ sns: true, scheduler: { clock: clock.now } });
  p = await personas(stack);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  clock?.restore();
});

describe('answers of the local stack conform to docs/openapi.json', () => {
  it('the document itself, without a token', async () => {
    await call('GET', '/openapi.json', {}, {}, 200);
  });

  it('third parties, incidents, actions: created, read, listed, refused', async () => {
    const tp = {
      id: 'TP-001',
      name: 'Cloud Provider',
      type: 'cloud_provider',
      criticality: 'high',
      contactInfo: { email: 'security@cloudprovider.example' },
    };
    await call('POST', '/third-parties', {}, { body: tp, token: p.coordinator }, 201);
    await call('POST', '/third-parties', {}, { body: tp, token: p.coordinator }, 409);
    await call('GET', '/third-parties/{thirdPartyId}', { thirdPartyId: 'TP-001' }, { token: p.viewer }, 200);
    await call('GET', '/third-parties', {}, { token: p.viewer, query: { limit: 5 } }, 200);
    // The type is a closed list (the `?type=` filter groups by it).
    const spaceship = await call(
      'POST',
      '/third-parties',
      {},
      { body: { ...tp, id: 'TP-002', type: 'spaceship' }, token: p.coordinator },
      400,
    );
    expect(spaceship.body.error.details).toEqual([expect.objectContaining({ field: 'body.type' })]);
    const renamed = await call(
      'PATCH',
      '/third-parties/{thirdPartyId}',
      { thirdPartyId: 'TP-001' },
      { body: { type: 'spaceship' }, token: p.coordinator },
      400,
    );
    expect(renamed.body.error.details).toEqual([expect.objectContaining({ field: 'body.type' })]);
    const filter = await call(
      'GET',
      '/third-parties',
      {},
      { token: p.viewer, query: { type: 'spaceship' } },
      400,
    );
    expect(filter.body.error.details).toEqual([expect.objectContaining({ field: 'query.type' })]);
    const bytype = await call(
      'GET',
      '/third-parties',
      {},
      { token: p.viewer, query: { type: 'cloud_provider' } },
      200,
    );
    expect(bytype.body.items.map((t: { id: string }) => t.id)).toEqual(['TP-001']);

    const incident = {
      id: 'INC-001',
      title: 'Data Breach at Cloud Provider',
      description: 'Suspected data breach',
      severity: 'high',
      category: 'data_breach',
      affectedThirdParties: ['TP-001'],
    };
    await call('POST', '/incidents', {}, { body: incident, token: p.coordinator }, 201);
    await call(
      'POST',
      '/incidents',
      {},
      { body: { title: 'x', severity: 'urgent' }, token: p.coordinator },
      400,
    );
    await call(
      'POST',
      '/incidents',
      {},
      { body: { ...incident, id: 'INC-002', affectedThirdParties: ['TP-404'] }, token: p.coordinator },
      400,
    );
    await call('GET', '/incidents/{incidentId}', { incidentId: 'INC-001' }, { token: p.viewer }, 200);
    await call('GET', '/incidents/{incidentId}', { incidentId: 'INC-404' }, { token: p.viewer }, 404);
    await call('GET', '/incidents', {}, { token: p.viewer, query: { limit: 'many' } }, 400);
    await call('GET', '/incidents', {}, { token: p.viewer, query: { thirdParty: 'TP-001' } }, 200);
    await call(
      'PUT',
      '/incidents/{incidentId}/impact-assessment',
      { incidentId: 'INC-001' },
      {
        body: {
          businessImpact: 'high',
          financialImpact: 1000,
          reputationImpact: 'moderate',
          regulatoryImpact: 'moderate',
        },
        token: p.coordinator,
      },
      200,
    );
    await call(
      'POST',
      '/incidents/{incidentId}/actions',
      { incidentId: 'INC-001' },
      { body: { description: 'Contact the provider', assignedTo: 'Security Team' }, token: p.responder },
      201,
    );
    // OPEN_ACTIONS lists the open action: its detail names the incident of the path.
    const open = await call(
      'POST',
      '/incidents/{incidentId}/close',
      { incidentId: 'INC-001' },
      { body: {}, token: p.coordinator },
      409,
    );
    expect(open.body.error).toMatchObject({
      code: 'OPEN_ACTIONS',
      details: [{ field: 'path.incidentId', actionId: 'ACTION-1' }],
    });
    await call(
      'PATCH',
      '/incidents/{incidentId}/actions/{actionId}',
      { incidentId: 'INC-001', actionId: 'ACTION-1' },
      { body: { status: 'completed' }, token: p.responder },
      200,
    );
    await call(
      'POST',
      '/incidents/{incidentId}/close',
      { incidentId: 'INC-001' },
      { body: { notes: 'done' }, token: p.coordinator },
      200,
    );
    const closed = await call(
      'POST',
      '/incidents/{incidentId}/actions',
      { incidentId: 'INC-001' },
      { body: { description: 'Too late', assignedTo: 'Security Team' }, token: p.responder },
      409,
    );
    expect(closed.body.error).toMatchObject({
      code: 'INCIDENT_CLOSED',
      details: [{ field: 'path.incidentId' }],
    });
    const notClosed = await call(
      'POST',
      '/incidents/{incidentId}/reopen',
      { incidentId: 'INC-001' },
      { body: { reason: 'more work' }, token: p.coordinator },
      200,
    );
    expect(notClosed.body.status).not.toBe('closed');
    const again = await call(
      'POST',
      '/incidents/{incidentId}/reopen',
      { incidentId: 'INC-001' },
      { body: { reason: 'more work' }, token: p.coordinator },
      409,
    );
    expect(again.body.error).toMatchObject({
      code: 'INCIDENT_NOT_CLOSED',
      details: [{ field: 'path.incidentId' }],
    });
    await call('GET', '/incidents/{incidentId}/report', { incidentId: 'INC-001' }, { token: p.viewer }, 200);
    await call(
      'GET',
      '/incidents/{incidentId}/timeline',
      { incidentId: 'INC-001' },
      { token: p.viewer },
      200,
    );
  });

  it('401 from the authorizer and 403 for the role', async () => {
    const missing = await call('GET', '/incidents', {}, {}, 401);
    expect(missing.body).toEqual({ message: 'Unauthorized' });
    const forged = await call('GET', '/incidents', {}, { token: 'not-a-jwt' }, 401);
    expect(forged.body).toEqual({ message: 'Unauthorized' });
    await call(
      'POST',
      '/incidents/{incidentId}/reopen',
      { incidentId: 'INC-001' },
      { body: {}, token: p.viewer },
      403,
    );
  });

  it('an unknown route is API Gateway’s 404 {"message":"Not Found"} (GatewayError)', async () => {
    const res = await stack.request('GET', '/no-such-route', { token: p.viewer });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ message: 'Not Found' });
    const validate = validatorFor('GatewayError', { $ref: '#/components/schemas/GatewayError' });
    expect(validate(res.body), ajv.errorsText(validate.errors)).toBe(true);
  });

  it('413 and 415 on a write', async () => {
    await call(
      'POST',
      '/incidents/{incidentId}/lessons-learned',
      { incidentId: 'INC-001' },
      { rawBody: 'lesson', headers: { 'content-type': 'text/plain' }, token: p.coordinator },
      415,
    );
    await call(
      'POST',
      '/incidents/{incidentId}/lessons-learned',
      { incidentId: 'INC-001' },
      { body: { lesson: 'x'.repeat(70_000), category: 'communication' }, token: p.coordinator },
      413,
    );
  });

  it('422 IDEMPOTENCY_KEY_REUSED, 422 TLP_REFUSED, 409 CONTACT_IN_USE', async () => {
    const lesson = (text: string) => ({
      body: { lesson: text, category: 'communication' },
      headers: { 'idempotency-key': 'lesson-1' },
      token: p.coordinator,
    });
    await call(
      'POST',
      '/incidents/{incidentId}/lessons-learned',
      { incidentId: 'INC-001' },
      lesson('one'),
      201,
    );
    const reused = await call(
      'POST',
      '/incidents/{incidentId}/lessons-learned',
      { incidentId: 'INC-001' },
      lesson('another'),
      422,
    );
    expect(reused.body.error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: [{ field: 'header.idempotency-key' }],
    });

    await call(
      'POST',
      '/organizations',
      {},
      {
        body: { id: 'ORG-EXEC', name: 'Data protection authority', kind: 'regulator' },
        token: p.coordinator,
      },
      201,
    );
    const contact = (id: string, extra: Record<string, unknown> = {}) => ({
      body: {
        id,
        organizationId: 'ORG-EXEC',
        name: `Contact ${id}`,
        stakeholderGroup: 'executives',
        channels: [{ type: 'email', address: `${id.toLowerCase()}@acme.example`, priority: 'primary' }],
        ...extra,
      },
      token: p.coordinator,
    });
    await call('POST', '/contacts', {}, contact('CON-CISO'), 201);
    await call('POST', '/contacts', {}, contact('CON-CFO', { alternates: ['CON-CISO'] }), 201);
    // ORG-EXEC is external and has no agreement: AMBER (the incident's default) to its contact is refused.
    const refused = await call(
      'POST',
      '/incidents/{incidentId}/communications',
      { incidentId: 'INC-001' },
      {
        body: {
          type: 'email',
          direction: 'outbound',
          recipients: { contacts: ['CON-CISO'] },
          subject: 'Advisory',
          content: 'Keys leaked',
        },
        token: p.coordinator,
      },
      422,
    );
    expect(refused.body.error.code).toBe('TLP_REFUSED');
    const inUse = await call(
      'DELETE',
      '/contacts/{contactId}',
      { contactId: 'CON-CISO' },
      { token: p.coordinator },
      409,
    );
    expect(inUse.body.error).toMatchObject({
      code: 'CONTACT_IN_USE',
      details: [{ field: 'path.contactId', contactId: 'CON-CFO' }],
    });
  });

  it('an activation: escalations, 409 OPEN_COORDINATED_ACTIONS, report', async () => {
    await call(
      'POST',
      '/playbooks',
      {},
      {
        body: {
          id: 'PB-1',
          name: 'Breach',
          incidentType: 'data_breach',
          participatingOrganizations: ['ORG-EXEC', 'TP-001'],
          rolesResponsibilities: { 'ORG-EXEC': ['incident_commander'] },
          communicationProtocols: { primary: 'secure_email' },
          escalationProcedures: 'per channel',
          responseActions: [{ action: 'Contain', responsible: 'TP-001', timeframe: 'PT4H' }],
        },
        token: p.coordinator,
      },
      201,
    );
    const activation = await call(
      'POST',
      '/playbooks/{playbookId}/activations',
      { playbookId: 'PB-1' },
      { body: { incidentId: 'INC-001' }, token: p.coordinator },
      201,
    );
    const activationId = activation.body.activationId as string;
    await call(
      'POST',
      '/activations/{activationId}/escalations',
      { activationId },
      { body: { reason: 'No acknowledgement', escalatedTo: 'CISO' }, token: p.coordinator },
      201,
    );
    const open = await call(
      'POST',
      '/activations/{activationId}/complete',
      { activationId },
      { body: {}, token: p.coordinator },
      409,
    );
    expect(open.body.error).toMatchObject({
      code: 'OPEN_COORDINATED_ACTIONS',
      details: [{ field: 'path.activationId', actionId: 'COORD-1' }],
    });
    const closing = await call(
      'POST',
      '/incidents/{incidentId}/close',
      { incidentId: 'INC-001' },
      { body: {}, token: p.coordinator },
      409,
    );
    expect(closing.body.error.details[0]).toMatchObject({ field: 'path.incidentId', actionId: 'COORD-1' });
    await call('GET', '/activations/{activationId}/report', { activationId }, { token: p.viewer }, 200);
  });

  it('POST /verify/{token}: 200, 410 once used, 404 unknown, 429 after too many failures', async () => {
    await call(
      'POST',
      '/contacts',
      {},
      {
        body: {
          id: 'CON-V',
          organizationId: 'TP-001',
          name: 'Provider SOC',
          stakeholderGroup: 'suppliers',
          channels: [{ type: 'sms', address: '+14155550199', priority: 'primary' }],
          verificationIntervalDays: 1,
        },
        token: p.coordinator,
      },
      201,
    );
    clock.advance('P2D');
    await sweep({}, { getRemainingTimeInMillis: () => 600_000 });
    await stack.sns.flush();
    const message = stack.sns
      .mailbox({ to: '+14155550199' })
      .map((m) => JSON.parse(m.message) as { verification?: { url: string } })
      .find((m) => m.verification);
    const token = message?.verification?.url.split('/verify/')[1] as string;
    expect(token).toMatch(/^v/);
    await call('POST', '/verify/{token}', { token }, { body: {} }, 200);
    await call('POST', '/verify/{token}', { token }, { body: {} }, 410);
    const unknown = `v${'x'.repeat(43)}`;
    let last: Response | undefined;
    for (let i = 0; i < 12 && last?.status !== 429; i++) {
      last = await stack.request('POST', `/verify/${unknown}`, { body: {} });
      conforms('POST', '/verify/{token}', last);
    }
    expect(last?.status).toBe(429);
  });

  it('agreement updates, SLAs and the joint review (docs/agreements.md)', async () => {
    const coordinator = await stack.token('coordinator', { sub: 'carol' });
    const viewer = await stack.token('viewer', { sub: 'victor' });
    const partner = await stack.token('partner', { sub: 'soc@tp-ct.example', organization: 'TP-CT' });
    await call(
      'POST',
      '/third-parties',
      {},
      {
        body: {
          id: 'TP-CT',
          name: 'Contract supplier',
          type: 'saas',
          slaRequirements: { notificationHours: 1 },
        },
        token: coordinator,
      },
      201,
    );
    const discoveryDate = new Date(Date.now() - 3 * 3600_000).toISOString();
    await call(
      'POST',
      '/incidents',
      {},
      {
        body: {
          id: 'INC-CT',
          title: 'Contract test',
          description: 'x',
          severity: 'low',
          category: 'outage',
          affectedThirdParties: ['TP-CT'],
          discoveryDate,
        },
        token: coordinator,
      },
      201,
    );
    const ids = { incidentId: 'INC-CT' };
    await call('GET', '/incidents/{incidentId}/sla', ids, { token: viewer }, 200);
    const recorded = await call(
      'POST',
      '/incidents/{incidentId}/sla/breaches',
      ids,
      { body: { owner: 'legal', dueDate: '2099-01-01T00:00:00Z' }, token: coordinator },
      201,
    );
    await call(
      'POST',
      '/incidents/{incidentId}/sla/breaches',
      ids,
      { body: { owner: 'legal', dueDate: '2099-01-01T00:00:00Z' }, token: coordinator },
      409,
    );
    const updateId = recorded.body.agreementUpdates[0].id as string;
    await call(
      'PATCH',
      '/agreement-updates/{updateId}',
      { updateId },
      { body: { status: 'signed' }, token: coordinator },
      409,
    );
    await call(
      'PATCH',
      '/agreement-updates/{updateId}',
      { updateId },
      { body: { status: 'agreed' }, token: coordinator },
      200,
    );
    await call(
      'PATCH',
      '/agreement-updates/{updateId}',
      { updateId: 'AGU-none' },
      { body: { status: 'agreed' }, token: coordinator },
      404,
    );
    const body = {
      organizationId: 'TP-CT',
      source: { kind: 'incident', id: 'INC-CT' },
      topic: 'data_location',
      proposedChange: 'EU only',
      owner: 'legal',
      dueDate: '2099-01-01T00:00:00Z',
    };
    await call('POST', '/agreement-updates', {}, { body, token: coordinator }, 201);
    await call(
      'POST',
      '/agreement-updates',
      {},
      { body: { ...body, organizationId: 'TP-NONE' }, token: coordinator },
      400,
    );
    await call(
      'GET',
      '/organizations/{organizationId}/agreement-updates',
      { organizationId: 'TP-CT' },
      { token: viewer },
      200,
    );
    await call('GET', '/incidents/{incidentId}/agreement-updates', ids, { token: viewer }, 200);
    await call('GET', '/third-parties/{thirdPartyId}', { thirdPartyId: 'TP-CT' }, { token: viewer }, 200);
    await call('GET', '/incidents/{incidentId}/report', ids, { token: viewer }, 200);
    await call(
      'POST',
      '/incidents/{incidentId}/review',
      ids,
      { body: { participants: ['TP-CT'] }, token: coordinator },
      201,
    );
    await call(
      'POST',
      '/incidents/{incidentId}/review',
      ids,
      { body: { participants: ['TP-CT'] }, token: coordinator },
      409,
    );
    await call(
      'POST',
      '/incidents/{incidentId}/review/contributions',
      ids,
      { body: { kind: 'lesson', text: 'x', tlp: 'GREEN' }, token: partner },
      201,
    );
    await call('GET', '/incidents/{incidentId}/review', ids, { token: partner }, 200);
    await call(
      'POST',
      '/incidents/{incidentId}/review/consolidate',
      ids,
      { body: { summary: 'x', include: ['CONTRIB-9'], tlp: 'GREEN' }, token: coordinator },
      400,
    );
    await call('GET', '/incidents/{incidentId}/review', { incidentId: 'INC-NONE' }, { token: viewer }, 404);
  });

  it('reached every documented kind of answer', () => {
    expect([...seen].sort()).toEqual(
      ['200', '201', '400', '401', '403', '404', '409', '410', '413', '415', '422', '429'].sort(),
    );
  });
});
