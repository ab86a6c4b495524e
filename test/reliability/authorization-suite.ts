/**
 * Every cell of `authorization-matrix.ts` over HTTP against the local stack: route × role (and no
 * token) × own / foreign organization, each with a valid request from `fixtures.ts`. A refused
 * request must write nothing (the table's stream shows no write: ../helpers/table-writes.ts) and answer the documented error body. Run in shards
 * (`authorization-<n>.test.ts`, ./shards.ts); the first also checks the matrix covers every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Route, routes } from '../../shared/routes.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import type { WriteWatch } from '../helpers/table-writes.js';
import {
  authorizationMatrix,
  type Expected,
  MATRIX_ROLES,
  ORGANIZATIONS,
  organizationClaim,
} from './authorization-matrix.js';
import { type Arrange, routesWithoutFixture, uniqueIds, validRequest } from './fixtures.js';
import { inShard, type Shard, shardName } from './shards.js';
import { record } from './stats.js';

/** Registers the suite for the routes of one shard. */
export function authorizationSuite(shard: Shard): void {
  let stack: LocalStack;
  let a: Arrange;
  let watch: WriteWatch;
  let requests = 0;
  let failures = 0;

  beforeAll(async () => {
    stack = await startLocalStack();
    a = { stack, admin: await stack.token('admin', { sub: 'ada' }), unique: uniqueIds('authz') };
    watch = await stack.watchWrites();
  });
  afterAll(async () => {
    record(shardName('authorization', shard), {
      requests,
      failures,
      cells: requests,
      shard: `${shard.index}/${shard.count}`,
    });
    await stack?.stop();
  });

  const matches = (expected: Expected, status: number) =>
    expected === '2xx' ? status >= 200 && status <= 299 : status === expected;

  describe(`authorization matrix (shard ${shard.index} of ${shard.count})`, () => {
    // The coverage check runs once, in the first shard (registered there only: nothing skipped).
    if (shard.index === 1)
      it('covers every route of the route table, every role and nothing else', () => {
        expect(routes.map((r) => r.id).filter((id) => !(id in authorizationMatrix))).toEqual([]);
        expect(Object.keys(authorizationMatrix).filter((id) => !routes.some((r) => r.id === id))).toEqual([]);
        expect(ROLES.filter((role) => !(MATRIX_ROLES as readonly string[]).includes(role))).toEqual([]);
        expect(routesWithoutFixture()).toEqual([]);
      });

    it.each(inShard(routes, shard).map((r) => [r.id, r] as const))(
      '%s answers as the matrix says',
      async (id, route) => {
        const row = authorizationMatrix[id];
        if (!row) throw new Error(`route ${id} is missing from test/reliability/authorization-matrix.ts`);
        const wrong: string[] = [];
        // A refused request wrote nothing (checked below), so the next cell reuses its arrangement;
        // after an accepted one (state may have moved: a closed incident, a used link) it arranges
        // again. A read-only GET changes nothing either way. ~1,540 cells, ~510 arrangements.
        const readOnly = route.method === 'GET' && route.table === 'RO' && !(route as Route).ledger;
        let req: Awaited<ReturnType<typeof validRequest>> | undefined;
        for (const org of ORGANIZATIONS) {
          for (const role of MATRIX_ROLES) {
            const expected = row[org][role];
            req = req ?? (await validRequest(route, a));
            const token =
              role === 'none'
                ? undefined
                : await stack.token(role, {
                    sub: `${role}-${org}`,
                    organization: organizationClaim(role, org),
                  });
            await watch.drain(); // the arrangement's own writes
            requests++;
            const res = await stack.request(route.method, req.path, {
              ...(token === undefined ? {} : { token }),
              ...(req.body === undefined ? {} : { body: req.body }),
              ...(req.query === undefined ? {} : { query: req.query }),
            });
            const accepted = res.status >= 200 && res.status <= 299;
            if (accepted && !readOnly) req = undefined;
            if (!matches(expected, res.status)) {
              wrong.push(
                `${id} ${role}/${org}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`,
              );
              continue;
            }
            const written = await watch.drain();
            if (written.length > 0) req = undefined;
            if (expected !== '2xx') {
              if (written.length > 0)
                wrong.push(`${id} ${role}/${org}: refused but wrote ${written.join(', ')}`);
              // 401 without a token comes from the gateway (`{message}`); the functions' own errors
              // carry the documented body.
              if (token !== undefined && (route as Route).media?.startsWith('taxii')) {
                // TAXII 2.1 endpoints answer a TAXII error message (docs/sharing.md).
                expect(res.body).toEqual(
                  expect.objectContaining({
                    title: expect.any(String),
                    error_code: expect.any(String),
                    http_status: String(res.status),
                  }),
                );
              } else if (token !== undefined) {
                expect(res.body).toEqual({
                  error: {
                    code: expect.any(String),
                    message: expect.any(String),
                    details: expect.any(Array),
                  },
                });
              }
            }
          }
        }
        failures += wrong.length;
        expect(wrong).toEqual([]);
      },
    );
  });
}
