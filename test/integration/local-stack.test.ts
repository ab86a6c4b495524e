import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSecret } from '../../infra/local/auth.js';
import { ensureTable } from '../../infra/local/dynamodb.js';
import { TABLE } from '../../shared/db/table.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('the table', () => {
  it('is created from TABLE: keys, every GSI projecting ALL, on demand, TTL', async () => {
    const client = stack.documentClient;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: stack.tableName }));

    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes = (Table?.GlobalSecondaryIndexes ?? [])
      .map((i) => ({ name: i.IndexName, keys: i.KeySchema, projection: i.Projection?.ProjectionType }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(indexes).toEqual(
      TABLE.indexes.map((i) => ({
        name: i.name,
        keys: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      })),
    );
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: stack.tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: TABLE.timeToLiveAttribute,
    });
  });

  it('ensureTable is idempotent', async () => {
    await expect(ensureTable(stack.documentClient, stack.tableName)).resolves.toBeUndefined();
  });
});

describe('API Gateway behaviour', () => {
  it('answers 404 Not Found for an unknown path or method', async () => {
    const unknownPath = await stack.request('GET', '/nope', { role: 'admin' });
    const unknownMethod = await stack.request('DELETE', '/incidents', { role: 'admin' });

    expect(unknownPath).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    expect(unknownMethod).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });

  it.each([
    ['missing', async () => undefined],
    ['garbage', async () => 'not-a-jwt'],
    ['expired', () => stack.token('viewer', { ttlSeconds: -60 })],
    ['for another audience', () => stack.token('viewer', { audience: 'someone-else' })],
    ['from another issuer', () => stack.token('viewer', { issuer: 'https://example.com' })],
    ['signed with another secret', () => stack.token('viewer', { secret: randomSecret() })],
  ])('answers 401 Unauthorized when the token is %s', async (_, makeToken) => {
    const token = await makeToken();

    const res = await stack.request('GET', '/incidents', token === undefined ? {} : { token });

    expect(res).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('serves GET /openapi.json without a token', async () => {
    const res = await stack.request('GET', '/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openapi: expect.stringMatching(/^3\.1/) });
  });

  it('passes a valid token through to the handler (real handler, real table)', async () => {
    const res = await stack.request('GET', '/incidents', { role: 'viewer' });

    expect(res.status).toBe(200);
    expect(res.headers['apigw-requestid']).toBeTruthy();
  });
});

describe('the event and the answer (fake handlers)', () => {
  let fake: LocalStack;
  const logged: string[] = [];
  let seen:
    | { event: APIGatewayProxyEventV2WithJWTAuthorizer; context: Context; remaining: number }
    | undefined;

  beforeAll(async () => {
    fake = await startLocalStack({
      log: (message, error) => logged.push(`${message} ${String(error)}`),
      loadHandler: async (route) => async (event: unknown, context: Context) => {
        if (route.id === 'createAction') throw new Error('boom (expected in this test)');
        seen = {
          event: event as APIGatewayProxyEventV2WithJWTAuthorizer,
          context,
          remaining: context.getRemainingTimeInMillis(),
        };
        return {
          statusCode: 202,
          headers: { 'X-Echo': 'yes' },
          cookies: ['a=1', 'b=2'],
          body: JSON.stringify({ ok: true }),
        };
      },
    });
  });

  afterAll(async () => {
    await fake?.stop();
  });

  it('builds a payload 2.0 event with the JWT authorizer claims API Gateway passes', async () => {
    const token = await fake.token(['coordinator', 'viewer'], { sub: 'alice', organization: 'acme' });

    const res = await fake.request('PATCH', '/third-parties/tp-1?b=2&a=1&a=3', {
      token,
      body: { name: 'x' },
      headers: { 'X-Custom': 'v' },
    });

    expect(res).toMatchObject({ status: 202, body: { ok: true }, headers: { 'x-echo': 'yes' } });
    expect(res.headers['set-cookie']).toContain('a=1');
    const event = seen?.event as APIGatewayProxyEventV2WithJWTAuthorizer;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'PATCH /third-parties/{thirdPartyId}',
      rawPath: '/third-parties/tp-1',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      pathParameters: { thirdPartyId: 'tp-1' },
      body: '{"name":"x"}',
      isBase64Encoded: false,
      headers: { 'content-type': 'application/json', 'x-custom': 'v' },
      requestContext: {
        routeKey: 'PATCH /third-parties/{thirdPartyId}',
        stage: '$default',
        http: { method: 'PATCH', path: '/third-parties/tp-1', sourceIp: '127.0.0.1' },
        authorizer: {
          jwt: {
            claims: {
              sub: 'alice',
              'cognito:groups': '[coordinator viewer]',
              'custom:organization': 'acme',
              aud: 'liaison-local',
              iss: 'http://127.0.0.1/liaison-local',
            },
            scopes: null,
          },
        },
      },
    });
    expect(event.requestContext.requestId).toBe(res.headers['apigw-requestid']);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
    expect(seen?.context).toMatchObject({ functionName: 'liaison-local-updateThirdParty' });
    expect(seen?.remaining).toBeGreaterThan(0);
  });

  it('has no authorizer block on a public route', async () => {
    await fake.request('GET', '/openapi.json');

    expect(seen?.event.requestContext.authorizer).toBeUndefined();
  });

  it('answers 500 Internal Server Error when the handler throws', async () => {
    const res = await fake.request('POST', '/incidents/INC-1/actions', { role: 'coordinator', body: {} });

    expect(res).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    expect(logged.join('\n')).toContain('boom');
  });

  it('answers 413 for a body over 10 MB', async () => {
    const res = await fake.request('POST', '/incidents', {
      role: 'coordinator',
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });

    expect(res.status).toBe(413);
  });
});
