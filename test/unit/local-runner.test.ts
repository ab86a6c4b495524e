import { describe, expect, it } from 'vitest';
import { parseJavaVersion } from '../../infra/local/dynamodb.js';
import {
  buildEvent,
  matchRoute,
  parseQueryString,
  renderClaims,
  toAnswer,
} from '../../infra/local/server.js';
import {
  DEFAULT_ORGANIZATION,
  DEFAULT_SUBJECT,
  parseTokenArgs,
  UsageError,
} from '../../infra/local/token.js';
import { callerFrom } from '../../shared/http/caller.js';

describe('token arguments', () => {
  it('reads repeated roles, org, sub and ttl', () => {
    expect(
      parseTokenArgs([
        '--role',
        'coordinator',
        '--role=viewer',
        '--org',
        'globex',
        '--sub',
        'bob',
        '--ttl',
        '60',
      ]),
    ).toEqual({ roles: ['coordinator', 'viewer'], organization: 'globex', sub: 'bob', ttlSeconds: 60 });
  });

  it('defaults the subject and the organization', () => {
    expect(parseTokenArgs(['--role', 'partner'])).toMatchObject({
      sub: DEFAULT_SUBJECT,
      organization: DEFAULT_ORGANIZATION,
    });
  });

  it.each([
    [[], /at least one --role/],
    [['--role', 'boss'], /unknown role "boss"/],
    [['--role'], /--role needs a value/],
    [['--role', 'viewer', '--ttl', '-5'], /--ttl must be a positive/],
    [['--rol', 'viewer'], /unknown argument "--rol"/],
  ])('rejects %j with a usage message', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(UsageError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });
});

describe('route matching', () => {
  it('matches templates and extracts path parameters', () => {
    const match = matchRoute('POST', '/incidents/INC-7/actions');
    expect(match?.route.id).toBe('createAction');
    expect(match?.pathParameters).toEqual({ incidentId: 'INC-7' });
  });

  it('needs the method and every segment', () => {
    expect(matchRoute('DELETE', '/incidents')).toBeUndefined();
    expect(matchRoute('GET', '/incidents/INC-7/nope')).toBeUndefined();
    expect(matchRoute('GET', '/incidents/')).toBeUndefined();
  });

  it('matches a TAXII route with the trailing slash TAXII 2.1 URLs carry (only TAXII routes)', () => {
    expect(matchRoute('GET', '/taxii2/')?.route.id).toBe('getTaxiiDiscovery');
    expect(matchRoute('GET', '/taxii2/liaison/collections/C-1/objects/')?.pathParameters).toEqual({
      collectionId: 'C-1',
    });
    expect(matchRoute('GET', '/sharing/collections/')).toBeUndefined();
    expect(matchRoute('GET', '/taxii2//')).toBeUndefined();
  });
});

describe('the API Gateway v2 event', () => {
  const route = { method: 'POST', path: '/incidents' } as const;
  const claims = {
    sub: 'u1',
    'cognito:groups': ['admin', 'coordinator'],
    'custom:organization': 'acme',
    exp: 5,
  };

  it('renders claims as API Gateway does and the caller reads them back', () => {
    const event = buildEvent({
      route,
      method: 'POST',
      url: '/incidents?x=1&x=2',
      headers: { 'Content-Type': ['application/json'], cookie: ['a=1; b=2'] },
      body: '{}',
      claims,
      now: new Date(Date.UTC(2020, 2, 12, 19, 3, 58)),
    });

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /incidents',
      rawPath: '/incidents',
      rawQueryString: 'x=1&x=2',
      queryStringParameters: { x: '1,2' },
      headers: { 'content-type': 'application/json' },
      cookies: ['a=1', 'b=2'],
      body: '{}',
      isBase64Encoded: false,
      requestContext: {
        time: '12/Mar/2020:19:03:58 +0000',
        timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58),
        authorizer: { jwt: { claims: { 'cognito:groups': '[admin coordinator]', exp: '5' }, scopes: null } },
      },
    });
    expect(event.pathParameters).toBeUndefined();
    expect(callerFrom(event)).toEqual({
      subject: 'u1',
      organization: 'acme',
      roles: ['admin', 'coordinator'],
    });
  });

  it('renders every claim as a string', () => {
    expect(renderClaims({ a: ['x'], n: 1, b: true, o: { k: 'v' } })).toEqual({
      a: '[x]',
      n: '1',
      b: 'true',
      o: '{"k":"v"}',
    });
  });

  it('omits an empty query string', () => {
    expect(parseQueryString('')).toBeUndefined();
    expect(parseQueryString('q=a%20b&q=c')).toEqual({ q: 'a b,c' });
  });
});

describe('the answer', () => {
  it('takes a structured result as is and anything else as a JSON 200', () => {
    expect(
      toAnswer({ statusCode: 201, headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    ).toMatchObject({
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
    expect(toAnswer({ hello: 'world' })).toMatchObject({
      status: 200,
      body: Buffer.from('{"hello":"world"}'),
    });
    expect(() => toAnswer({ statusCode: 'x' })).toThrow(/Malformed/);
  });
});

describe('java version', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['java version "1.8.0_402"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['bash: java: not found', undefined],
  ])('%s → %s', (output, major) => {
    expect(parseJavaVersion(output)).toBe(major);
  });
});
