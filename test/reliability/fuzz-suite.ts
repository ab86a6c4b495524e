/**
 * Property-based fuzzing (fast-check) of every route of the route table over HTTP: arbitrary JSON
 * bodies (wrong types, huge strings, nested junk, unknown fields, non-objects, malformed JSON),
 * content types, path parameters (`..`, unicode, encoded slashes, malformed escapes), query strings
 * (unknown keys, wrong values, forged cursors) and idempotency keys. For every request:
 *   - never a 5xx;
 *   - never a stack trace or a file path in the answer;
 *   - an error answer of a function is `{error: {code, message, details}}` (the gateway's own
 *     404/413 for paths no route matches are `{message}`, as in AWS);
 *   - a refused request writes nothing (the table's stream shows no write: ../helpers/table-writes.ts).
 * Runs per route: LIAISON_FUZZ_RUNS (default 40); LIAISON_FUZZ_SEED replays a failure. Run in
 * shards (`fuzz-<n>.test.ts`, ./shards.ts), each with its own local stack.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_ATTRIBUTES } from '../../shared/db/table.js';
import { pathParams, type Route, routes } from '../../shared/routes.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { type Arrange, routesWithoutFixture, uniqueIds, validRequest } from './fixtures.js';
import { inShard, type Shard, shardName } from './shards.js';
import { record } from './stats.js';

const RUNS = Number(process.env.LIAISON_FUZZ_RUNS ?? 40);
const SEED = process.env.LIAISON_FUZZ_SEED ? Number(process.env.LIAISON_FUZZ_SEED) : undefined;

let stack: LocalStack;
let a: Arrange;
let admin: string;
let requests = 0;
let failures = 0;
const statuses = new Map<number, number>();

// ---------------------------------------------------------------- arbitraries

const hugeString = fc.integer({ min: 1, max: 3 }).map((n) => 'x'.repeat(n * 30_000));
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  hugeString,
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    '',
    ' ',
    '\u0000',
    '__proto__',
    '<script>',
    '{{7*7}}',
    "' OR 1=1",
  ),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 200 }),
);

/** A body derived from the valid one: fields replaced, removed, added; or something else entirely. */
function bodyArb(valid: unknown): fc.Arbitrary<unknown> {
  const base =
    valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  const fields = Object.keys(base);
  const mutated = fc
    .record({
      replace: fc.dictionary(fields.length > 0 ? fc.constantFrom(...fields) : fc.string(), junkValue, {
        maxKeys: 3,
      }),
      remove: fc.subarray(fields),
      extra: fc.option(fc.dictionary(fc.string({ maxLength: 12 }), junkValue, { maxKeys: 2 }), { freq: 3 }),
    })
    .map(({ replace, remove, extra }) => {
      const out: Record<string, unknown> = { ...base, ...replace, ...(extra ?? {}) };
      for (const f of remove) delete out[f];
      return out;
    });
  const nested = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      fc.dictionary(fc.string({ maxLength: 5 }), tie('node'), { maxKeys: 3 }),
      fc.array(tie('node'), { maxLength: 3 }),
    ),
  })).node;
  return fc.oneof(
    { arbitrary: mutated, weight: 5 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
    { arbitrary: nested, weight: 1 },
    { arbitrary: fc.constant(valid), weight: 3 },
  );
}

/** Raw body text: JSON of the body, or malformed text. */
const rawBodyArb = (valid: unknown) =>
  fc.oneof(
    { arbitrary: bodyArb(valid).map((b) => (b === undefined ? '' : JSON.stringify(b))), weight: 8 },
    {
      arbitrary: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('{', '{"a":', '[1,2', 'null', '""', 'undefined', '\u0000', '{"__proto__":{"x":1}}'),
      ),
      weight: 2,
    },
  );

const printable = (max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: max,
  });

const contentTypeArb = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-8',
      'application/problem+json',
      'application/jsonx',
      'multipart/form-data; boundary=x',
    ),
    weight: 3,
  },
  { arbitrary: printable(60), weight: 1 },
);

/** A path segment as sent on the wire (already percent-encoded where needed). */
const segmentArb = (valid: string) =>
  fc.oneof(
    { arbitrary: fc.constant(encodeURIComponent(valid)), weight: 10 },
    {
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2F',
        '..%2F..%2Fetc%2Fpasswd',
        `${encodeURIComponent(valid)}%2F..`,
        '%',
        '%E0%A4%A',
        '%00',
        'ACTION-0',
        'ACTION-9999999',
        'INC%23x',
        encodeURIComponent('INC#1#ACTION#000001'),
        encodeURIComponent('ünïcödé-✓'),
        'x'.repeat(65),
      ),
      weight: 4,
    },
    {
      arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
      weight: 2,
    },
  );

/**
 * Forged cursors: base64url JSON naming a plausible partition (so they pass the partition check
 * and reach DynamoDB) plus any subset of key attributes with plausible or random values.
 */
const cursorArb = (params: Record<string, string>) => {
  const partitions = [
    'INCIDENT',
    'THIRDPARTY',
    'INCIDENT#STATUS#open',
    'INCIDENT#PRIORITY#high',
    'THIRDPARTY#CRIT#medium',
    ...Object.values(params).flatMap((v) => [`INC#${v}`, `ORG#${v}`]),
  ];
  const values = fc.oneof(
    fc.constantFrom(...partitions, '#INCIDENT', 'TL#0000000001', 'ACTION#000001'),
    fc.string(),
  );
  return fc
    .tuple(
      fc.constantFrom('pk', 'gsi1pk', 'gsi2pk', 'gsi3pk'),
      fc.constantFrom(...partitions),
      fc.dictionary(fc.constantFrom(...KEY_ATTRIBUTES, 'x'), values, { maxKeys: 5 }),
    )
    .map(([attr, pk, rest]) => Buffer.from(JSON.stringify({ ...rest, [attr]: pk })).toString('base64url'));
};

const KNOWN_QUERY_KEYS = [
  'limit',
  'cursor',
  'status',
  'priority',
  'thirdParty',
  'criticality',
  'type',
] as const;
const queryValueArb = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1',
    '100',
    '101',
    '1e3',
    'NaN',
    'open',
    'closed',
    'critical',
    'low',
    'TP-1',
    '',
    ' ',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

const encodeQuery = (q: Record<string, string>) =>
  Object.entries(q)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

/** Mostly the valid query with known keys set to odd values; sometimes unknown keys or raw junk. */
const queryArb = (valid: Record<string, string> | undefined, params: Record<string, string>) =>
  fc.oneof(
    { arbitrary: fc.constant(encodeQuery(valid ?? {})), weight: 4 },
    {
      arbitrary: fc
        .dictionary(fc.constantFrom(...KNOWN_QUERY_KEYS), queryValueArb, { minKeys: 1, maxKeys: 3 })
        .map((q) => encodeQuery({ ...valid, ...q })),
      weight: 3,
    },
    { arbitrary: cursorArb(params).map((cursor) => encodeQuery({ ...valid, cursor })), weight: 3 },
    {
      arbitrary: fc
        .tuple(
          fc.dictionary(fc.string({ maxLength: 10 }), queryValueArb, { maxKeys: 3 }),
          fc.constantFrom('', '&%zz=1', '&a=1&a=2', '&limit=1&limit=2', '&cursor'),
        )
        .map(([q, raw]) => `${encodeQuery({ ...valid, ...q })}${raw}`.replace(/^&/, '')),
      weight: 2,
    },
  );

const idempotencyKeyArb = fc.option(printable(80), { nil: undefined, freq: 3 });

interface FuzzRequest {
  readonly segments: Record<string, string>;
  readonly query: string;
  readonly rawBody: string;
  readonly contentType: string | undefined;
  readonly idempotencyKey: string | undefined;
}

function requestArb(
  route: Route,
  valid: Awaited<ReturnType<typeof validRequest>>,
): fc.Arbitrary<FuzzRequest> {
  const names = pathParams(route.path);
  return fc.record({
    segments: fc.record(Object.fromEntries(names.map((n) => [n, segmentArb(valid.params[n] ?? 'x')]))),
    query: queryArb(valid.query, valid.params),
    rawBody: route.body ? rawBodyArb(valid.body) : fc.oneof(fc.constant(''), rawBodyArb({})),
    contentType: contentTypeArb,
    idempotencyKey: idempotencyKeyArb,
  }) as fc.Arbitrary<FuzzRequest>;
}

// ---------------------------------------------------------------- sending

interface Raw {
  readonly status: number;
  readonly text: string;
  readonly contentType?: string;
  readonly csp?: string;
}

/** node:http, not fetch: the path goes on the wire exactly as built (`..` is not normalised). */
function sendRaw(method: string, path: string, headers: Record<string, string>, body: string): Promise<Raw> {
  const url = new URL(stack.baseUrl);
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            contentType: String(res.headers['content-type'] ?? ''),
            csp: String(res.headers['content-security-policy'] ?? ''),
          }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const STACK_TRACE =
  /\n\s+at\s|\bat\s+\S+\s+\(|\.(ts|js|mjs):\d+|\/work\/|node_modules|file:\/\/|[A-Za-z]+Error:\s/;

function problems(route: Route, fuzz: FuzzRequest, res: Raw): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`status ${res.status}`);
  if (STACK_TRACE.test(res.text)) out.push('stack trace or file path in the answer');
  // A public page (route `html`) answers its errors as an HTML page: strict CSP, the status named.
  const html =
    route.html === 'page' ||
    (route.html === 'negotiate' && /x-www-form-urlencoded/i.test(fuzz.contentType ?? ''));
  if (res.status >= 400 && html && res.contentType?.startsWith('text/html')) {
    if (!res.csp?.includes("default-src 'none'")) out.push('HTML error page without its CSP');
    if (!res.text.includes(`(${res.status} `)) out.push(`HTML error page does not name ${res.status}`);
  } else if (res.status >= 400 && route.media?.startsWith('taxii')) {
    // A TAXII 2.1 endpoint answers a TAXII error message in its media type (docs/sharing.md).
    let body: { title?: unknown; http_status?: unknown; message?: unknown } | undefined;
    try {
      body = JSON.parse(res.text) as typeof body;
    } catch {
      out.push('error answer is not JSON');
    }
    const gateway = (res.status === 404 || res.status === 413) && typeof body?.message === 'string';
    if (!gateway && !(typeof body?.title === 'string' && body.http_status === String(res.status)))
      out.push(`error body is not a TAXII error message: ${res.text.slice(0, 200)}`);
    if (!gateway && !res.contentType?.startsWith('application/taxii+json'))
      out.push(`TAXII error answered as ${res.contentType}`);
  } else if (res.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      out.push('error answer is not JSON');
    }
    const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
      ?.error;
    const gateway =
      (res.status === 404 || res.status === 413) &&
      typeof (body as { message?: unknown } | undefined)?.message === 'string';
    if (
      !gateway &&
      !(e && typeof e.code === 'string' && typeof e.message === 'string' && Array.isArray(e.details))
    ) {
      out.push(`error body is not {error:{code,message,details}}: ${res.text.slice(0, 200)}`);
    }
  }
  return out.map((p) => `${route.id} ${JSON.stringify(fuzz).slice(0, 400)} → ${p}`);
}

// ---------------------------------------------------------------- the property

/** Registers the suite for the routes of one shard. */
export function fuzzSuite(shard: Shard): void {
  beforeAll(async () => {
    stack = await startLocalStack();
    admin = await stack.token('admin', { sub: 'fuzzer' });
    a = { stack, admin, unique: uniqueIds('fuzz') };
  });
  afterAll(async () => {
    record(shardName('fuzz', shard), {
      shard: `${shard.index}/${shard.count}`,
      requests,
      failures,
      runsPerRoute: RUNS,
      routes: inShard(routes, shard).length,
      statuses: Object.fromEntries([...statuses].sort(([x], [y]) => x - y)),
    });
    await stack?.stop();
  });

  describe(`fuzzing (shard ${shard.index} of ${shard.count})`, () => {
    // The coverage check runs once, in the first shard (registered there only: nothing skipped).
    if (shard.index === 1)
      it('has a fixture for every route', () => {
        expect(routesWithoutFixture()).toEqual([]);
      });

    it.each(inShard(routes, shard).map((r) => [r.id, r] as const))(
      '%s: never 5xx, never a stack trace, documented errors, no write when refused',
      async (_id, route) => {
        const valid = await validRequest(route, a);
        const watch = await stack.watchWrites(); // from here on: the fuzzed requests' writes only
        const found: string[] = [];
        await fc
          .assert(
            fc.asyncProperty(requestArb(route, valid), async (fuzz) => {
              let path: string = route.path;
              for (const [name, segment] of Object.entries(fuzz.segments))
                path = path.replace(`{${name}}`, segment);
              if (fuzz.query !== '') path = `${path}?${fuzz.query}`;
              const headers: Record<string, string> = { authorization: `Bearer ${admin}` };
              if (fuzz.contentType !== undefined) headers['content-type'] = fuzz.contentType;
              if (fuzz.idempotencyKey !== undefined) headers['idempotency-key'] = fuzz.idempotencyKey;
              requests++;
              const res = await sendRaw(route.method, path, headers, fuzz.rawBody);
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              const wrong = problems(route, fuzz, res);
              const written = await watch.drain();
              if (res.status >= 300 && written.length > 0)
                wrong.push(`${route.id} refused with ${res.status} but wrote ${written.join(', ')}`);
              found.push(...wrong);
              return wrong.length === 0;
            }),
            { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
          )
          .catch((error: unknown) => {
            failures += Math.max(1, found.length);
            throw new Error(`${found.join('\n')}\n${error instanceof Error ? error.message : String(error)}`);
          });
      },
      120_000,
    );
  });
}
