/**
 * Handlers invoked directly with API Gateway v2 events (no HTTP server): status, body, and what was
 * stored. The environment (DynamoDB Local endpoint, this file's table) comes from test/helpers/setup-env.ts.
 */

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as createContact } from '../../functions/contacts/create-contact.js';
import { handler as deleteContact } from '../../functions/contacts/delete-contact.js';
import { handler as createAction } from '../../functions/incidents/create-action.js';
import { handler as createIncident } from '../../functions/incidents/create-incident.js';
import { handler as updateAction } from '../../functions/incidents/update-action.js';
import { handler as getOpenApi } from '../../functions/meta/get-openapi.js';
import { handler as createOrganization } from '../../functions/organizations/create-organization.js';
import { handler as createThirdParty } from '../../functions/third-parties/create-third-party.js';
import { ensureTable, localDynamoDbClient } from '../../infra/local/dynamodb.js';
import { buildEvent, lambdaContext } from '../../infra/local/server.js';
import { documentClient } from '../../shared/db/client.js';
import { keys } from '../../shared/db/keys.js';
import { type RouteId, routeById } from '../../shared/routes.js';

const table = () => process.env.LIAISON_TABLE_NAME as string;

function invoke(
  // biome-ignore lint/suspicious/noExplicitAny: every handler has the same middy signature.
  handler: (event: any, context: any) => Promise<APIGatewayProxyStructuredResultV2>,
  id: RouteId,
  opts: { body?: unknown; params?: Record<string, string>; roles?: string[]; sub?: string } = {},
) {
  const route = routeById(id);
  const path = route.path.replace(/\{(\w+)\}/g, (_m, p: string) => opts.params?.[p] ?? '');
  const event = buildEvent({
    route,
    method: route.method,
    url: path,
    headers: { 'content-type': 'application/json' },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    ...(opts.params ? { pathParameters: opts.params } : {}),
    ...(route.roles === 'public'
      ? {}
      : {
          claims: {
            sub: opts.sub ?? 'hank',
            'cognito:groups': opts.roles ?? ['coordinator'],
            'custom:organization': 'acme',
          },
        }),
  });
  return handler(event, lambdaContext(route)).then((r) => ({
    status: r.statusCode,
    body: JSON.parse(r.body ?? 'null'),
  }));
}

const stored = async (key: { pk: string; sk: string }) =>
  (await documentClient().send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item;

beforeAll(async () => {
  const client = localDynamoDbClient(process.env.LIAISON_DYNAMODB_ENDPOINT as string);
  await ensureTable(client, table());
  client.destroy();
});

describe('handlers with API Gateway v2 events', () => {
  it('create-third-party stores the item with its index keys and answers without them', async () => {
    const res = await invoke(createThirdParty, 'createThirdParty', {
      body: { id: 'TP-H1', name: 'Acme Hosting', type: 'msp' },
    });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('pk');
    expect(res.body).not.toHaveProperty('gsi1pk');
    const item = await stored(keys.organization('TP-H1'));
    expect(item).toMatchObject({
      name: 'Acme Hosting',
      kind: 'supplier',
      gsi1pk: 'THIRDPARTY',
      gsi2pk: 'THIRDPARTY#CRIT#medium',
      gsi3pk: 'THIRDPARTY#TYPE#msp',
      createdBy: 'hank',
      version: 1,
    });
  });

  it('create-incident writes incident, counter, link and first timeline entry together', async () => {
    const res = await invoke(createIncident, 'createIncident', {
      body: {
        id: 'INC-H1',
        title: 't',
        description: 'd',
        severity: 'critical',
        category: 'ransomware',
        affectedThirdParties: ['TP-H1'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.priority).toBe('critical');
    expect(await stored(keys.incident('INC-H1'))).toMatchObject({
      gsi2pk: 'INCIDENT#STATUS#open',
      gsi3pk: 'INCIDENT#PRIORITY#critical',
    });
    expect(await stored(keys.organization('TP-H1'))).toMatchObject({ incidentCount: 1, version: 2 });
    expect(await stored(keys.timeline('INC-H1', 1))).toMatchObject({
      actor: 'hank',
      type: 'incident.created',
    });
    const links = await documentClient().send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inc)',
        ExpressionAttributeValues: { ':pk': 'ORG#TP-H1', ':inc': 'INC#' },
      }),
    );
    expect(links.Items?.map((i) => i.id)).toEqual(['INC-H1']);
  });

  it('a responder changes an action; the stored version and completedDate follow', async () => {
    await invoke(createAction, 'createAction', {
      params: { incidentId: 'INC-H1' },
      body: { description: 'x', assignedTo: 'y' },
    });
    const res = await invoke(updateAction, 'updateAction', {
      params: { incidentId: 'INC-H1', actionId: 'ACTION-1' },
      body: { status: 'completed' },
      roles: ['responder'],
      sub: 'rita',
    });
    expect(res.status).toBe(200);
    const item = await stored(keys.action('INC-H1', 1));
    expect(item).toMatchObject({ status: 'completed', version: 2 });
    expect(item?.completedDate).toBe(res.body.completedDate);
    expect(await stored(keys.timeline('INC-H1', 3))).toMatchObject({ actor: 'rita', type: 'action.updated' });
  });

  it('a rejected create stores nothing', async () => {
    const res = await invoke(createIncident, 'createIncident', {
      body: {
        id: 'INC-H2',
        title: 't',
        description: 'd',
        severity: 'low',
        category: 'c',
        affectedThirdParties: ['TP-H1', 'TP-H1'],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('body.affectedThirdParties.1');
    expect(await stored(keys.incident('INC-H2'))).toBeUndefined();
    expect(await stored(keys.organization('TP-H1'))).toMatchObject({ incidentCount: 1 });
  });

  it('get-openapi is public and returns the document', async () => {
    const res = await invoke(getOpenApi, 'getOpenApi');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/incidents/{incidentId}/actions/{actionId}');
  });
});

describe('directory handlers', () => {
  it('create-contact writes the contact with its index keys and the alternate’s reverse reference together', async () => {
    await invoke(createOrganization, 'createOrganization', {
      body: { id: 'ORG-H1', name: 'IT department', kind: 'internal' },
    });
    const channels = [{ type: 'email', address: 'it@acme.example', priority: 'primary' }];
    await invoke(createContact, 'createContact', {
      body: { id: 'CON-H1', organizationId: 'ORG-H1', name: 'IT lead', stakeholderGroup: 'it', channels },
    });
    const res = await invoke(createContact, 'createContact', {
      body: {
        id: 'CON-H2',
        organizationId: 'ORG-H1',
        name: 'IT deputy',
        stakeholderGroup: 'it',
        channels,
        alternates: ['CON-H1'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('gsi4pk');
    expect(await stored(keys.contact('CON-H2'))).toMatchObject({
      dimension: 'horizontal',
      gsi4pk: 'CONTACT#ORG#ORG-H1',
      gsi4sk: 'it#it deputy#CON-H2',
      gsi3pk: 'CONTACT#DIM#horizontal',
      createdBy: 'hank',
    });
    expect(await stored(keys.contact('CON-H1'))).toMatchObject({ alternateOf: ['CON-H2'], version: 2 });
  });

  it('delete-contact keeps the item, drops its index keys and releases its alternates', async () => {
    const res = await invoke(deleteContact, 'deleteContact', {
      params: { contactId: 'CON-H2' },
      sub: 'dora',
    });
    expect(res.status).toBe(200);
    const item = await stored(keys.contact('CON-H2'));
    expect(item).toMatchObject({ deletedBy: 'dora', version: 2 });
    expect(item).not.toHaveProperty('gsi1pk');
    expect(item).not.toHaveProperty('gsi4pk');
    expect(await stored(keys.contact('CON-H1'))).toMatchObject({ alternateOf: [], version: 3 });
  });
});
