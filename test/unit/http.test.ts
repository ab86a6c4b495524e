import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../shared/db/pagination.js';
import { ConflictError, ServiceUnavailableError, ValidationError } from '../../shared/errors.js';
import { callerFrom, claimList } from '../../shared/http/caller.js';
import { errorResponse } from '../../shared/http/error-response.js';
import { parseBody, parsePath, parseQuery } from '../../shared/http/request.js';
import { routeById } from '../../shared/routes.js';

beforeAll(() => {
  process.env.LIAISON_TABLE_NAME ??= 'unit';
});

const event = (over: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 =>
  ({ headers: { 'content-type': 'application/json' }, ...over }) as APIGatewayProxyEventV2;

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    return (e as ValidationError).details.map((d) => d.field);
  }
  throw new Error('expected a validation error');
};

describe('claims', () => {
  it('reads API Gateway "[a b]" strings, arrays and comma lists', () => {
    expect(claimList('[admin coordinator]')).toEqual(['admin', 'coordinator']);
    expect(claimList(['viewer'])).toEqual(['viewer']);
    expect(claimList('responder,viewer')).toEqual(['responder', 'viewer']);
    expect(claimList(undefined)).toEqual([]);
  });
  it('builds the caller from verified claims, ignoring unknown roles; no claims → 401', () => {
    const caller = callerFrom(
      event({
        requestContext: {
          authorizer: {
            jwt: {
              claims: { sub: 'alice', 'cognito:groups': '[coordinator root]', 'custom:organization': 'acme' },
            },
          },
        },
      } as never),
    );
    expect(caller).toEqual({ subject: 'alice', organization: 'acme', roles: ['coordinator'] });
    expect(() => callerFrom(event({ requestContext: {} } as never))).toThrow(/bearer token/);
  });
});

describe('request parsing', () => {
  const create = routeById('createIncident');
  it('names every missing, mistyped and unknown field', () => {
    const fields = fieldsOf(() =>
      parseBody(create, event({ body: JSON.stringify({ title: 5, severity: 'urgent', colour: 'red' }) })),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.title',
        'body.severity',
        'body.description',
        'body.category',
        'body.colour',
      ]),
    );
  });
  it('refuses malformed JSON (400), non-JSON content types (415) and oversize bodies (413)', () => {
    expect(() => parseBody(create, event({ body: '{"title":' }))).toThrow(ValidationError);
    expect(() => parseBody(create, event({ body: 'x', headers: { 'content-type': 'text/plain' } }))).toThrow(
      /must be JSON/,
    );
    const big = JSON.stringify({ title: 'x'.repeat(70_000) });
    expect(() => parseBody(create, event({ body: big }))).toThrow(/limit/);
  });
  it('normalises timestamps to UTC and applies defaults', () => {
    const body = parseBody(
      create,
      event({
        body: JSON.stringify({
          title: 't',
          description: 'd',
          severity: 'low',
          category: 'c',
          discoveryDate: '2026-03-29T02:30:00+02:00',
        }),
      }),
    ) as { discoveryDate: string };
    expect(body.discoveryDate).toBe('2026-03-29T00:30:00.000Z');
    expect(parseBody(routeById('closeIncident'), event({ body: '' }))).toEqual({ reason: 'resolved' });
  });
  it('validates query strings and path parameters', () => {
    const list = routeById('listIncidents');
    // `exercise` absent means exercise incidents are left out of the list (docs/exercises.md).
    expect(parseQuery(list, event({ queryStringParameters: { limit: '10' } }))).toEqual({ limit: 10 });
    expect(
      fieldsOf(() => parseQuery(list, event({ queryStringParameters: { limit: '0', bogus: 'x' } }))),
    ).toEqual(expect.arrayContaining(['query.limit', 'query.bogus']));
    const get = routeById('getIncident');
    expect(parsePath(get, event({ pathParameters: { incidentId: 'INC-1' } }))).toEqual({
      incidentId: 'INC-1',
    });
    expect(fieldsOf(() => parsePath(get, event({ pathParameters: { incidentId: '../x' } })))).toEqual([
      'path.incidentId',
    ]);
  });
});

describe('cursors', () => {
  it('round-trips and refuses cursors from another list', () => {
    const key = { pk: 'INC#1', sk: 'TL#0000000001' };
    const cursor = encodeCursor(key) as string;
    expect(decodeCursor(cursor, { pk: 'INC#1' })).toEqual(key);
    expect(() => decodeCursor(cursor, { pk: 'INC#2' })).toThrow(ValidationError);
    expect(() => decodeCursor('%%%', { pk: 'INC#1' })).toThrow(ValidationError);
    expect(encodeCursor(undefined)).toBeNull();
    const forged = (k: object) => Buffer.from(JSON.stringify(k)).toString('base64url');
    expect(() => decodeCursor(forged({ pk: 'INC#1' }), { pk: 'INC#1' })).toThrow(ValidationError);
    expect(() => decodeCursor(forged({ pk: 'INC#1', sk: 'x', name: 'y' }), { pk: 'INC#1' })).toThrow(
      ValidationError,
    );
  });
});

describe('error mapping', () => {
  it('maps typed errors to their status with code, message and details', () => {
    const res = errorResponse(
      new ConflictError('closed', [{ field: 'path.incidentId', message: 'closed' }], 'INCIDENT_CLOSED'),
    );
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body as string)).toEqual({
      error: {
        code: 'INCIDENT_CLOSED',
        message: 'closed',
        details: [{ field: 'path.incidentId', message: 'closed' }],
      },
    });
  });
  it('answers throttling with 503 + Retry-After, and unknown errors with an opaque 500', () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const res = errorResponse(throttled);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(errorResponse(new ServiceUnavailableError('x', 3)).headers?.['retry-after']).toBe('3');
    const boom = errorResponse(new TypeError('secret stack detail'));
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret');
    expect(JSON.parse(boom.body as string).error.code).toBe('INTERNAL');
  });
});
