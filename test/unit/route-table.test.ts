import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../../shared/openapi.js';
import { ROUTE_ERRORS } from '../../shared/route-errors.js';
import { pathParams, ROLES, type Route, routeKey, routes } from '../../shared/routes.js';

const table = routes as readonly Route[];

describe('the route table', () => {
  it('has unique operation ids, route keys and handler modules', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique(table.map((r) => r.id))).toBe(true);
    expect(unique(table.map(routeKey))).toBe(true);
    expect(unique(table.map((r) => r.handler))).toBe(true);
  });

  it('names only known roles, and every writer has a body schema and RW table access or none', () => {
    for (const r of table) {
      if (r.roles !== 'public') {
        expect(r.roles.length, r.id).toBeGreaterThan(0);
        for (const role of r.roles) expect(ROLES, r.id).toContain(role);
      }
      // A GET writes only when it records what it discloses in the sharing ledger (docs/sharing.md).
      // A GET writes only when it records what it discloses in the sharing ledger (docs/sharing.md).
      if (r.method === 'GET' && r.ledger) expect(r.table, r.id).toBe('RW');
      else if (r.method === 'GET') expect(r.table, r.id).not.toBe('RW');
      else expect(r.body, r.id).toBeDefined();
      if (r.ledger) expect(r.method, r.id).toBe('GET');
      expect(r.path.startsWith('/'), r.id).toBe(true);
    }
  });

  it.each(table.map((r) => [r.id, r] as const))(
    '%s: functions/<handler>.ts exports a handler',
    async (_id, r) => {
      process.env.LIAISON_TABLE_NAME ??= 'route-table-test';
      const url = new URL(`../../functions/${r.handler}.ts`, import.meta.url).href;
      const mod = (await import(/* @vite-ignore */ url)) as { handler?: unknown };
      expect(typeof mod.handler).toBe('function');
    },
  );

  it('path parameters are valid identifiers', () => {
    // `{token}` of POST /verify/{token} is a credential, not an identifier (docs/verification.md).
    for (const r of table)
      for (const p of pathParams(r.path)) expect(p).toMatch(/^([a-z][A-Za-z]*Id|token)$/);
  });
});

describe('route entries as modules (docs/architecture.md, "Bundles")', () => {
  const root = new URL('../../', import.meta.url);
  const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

  it.each(table.map((r) => [r.id, r] as const))(
    '%s: its entry is shared/routes/<handler>.ts and its handler passes exactly that entry',
    async (_id, route) => {
      const file = new URL(`../../shared/routes/${route.handler}.ts`, import.meta.url).href;
      const mod = (await import(/* @vite-ignore */ file)) as { route: Route };
      expect(mod.route).toBe(route); // the table lists the module's object itself
      const handler = read(`functions/${route.handler}.ts`);
      expect(handler).toContain(`import { route } from '../../shared/routes/${route.handler}.js';`);
      expect(handler).toMatch(/httpHandler\(route,/);
      // never the whole table
      expect(handler).not.toMatch(/from '\.\.\/\.\.\/shared\/routes(\/index)?\.js'/);
    },
  );

  it('shared/http imports no route entry and not the table (types.ts only, or type-only imports)', () => {
    const dir = new URL('shared/http/', root);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(new URL(file, dir), 'utf8');
      for (const m of code.matchAll(/^import (type )?[^;]*from '\.\.\/routes([^']*)';/gm)) {
        if (m[1]) continue; // erased at build time
        expect(m[2], `shared/http/${file}`).toBe('/types.js');
      }
    }
  });

  it('has no route module that the table does not list', () => {
    const dir = new URL('shared/routes/', root);
    const listed = new Set(table.map((r) => `${r.handler}.ts`));
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((f) => f.replaceAll('\\', '/'))
      .filter((f) => f.includes('/') && f.endsWith('.ts'));
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
    expect(files.length).toBe(table.length);
  });
});

describe('the OpenAPI document', () => {
  const doc = buildOpenApi() as {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string }>>;
  };

  it('is OpenAPI 3.1 with one operation per route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ops.sort()).toEqual(table.map((r) => r.id).sort());
  });

  type Op = {
    operationId: string;
    responses: Record<string, { description: string; 'x-error-codes'?: string[] }>;
  };
  const operation = (id: string): Op =>
    Object.values(doc.paths)
      .flatMap((p) => Object.values(p) as unknown as Op[])
      .find((o) => o.operationId === id) as Op;

  it.each([
    ['attachObligation', '409', 'ALREADY_ATTACHED'],
    ['completeActivation', '409', 'OPEN_COORDINATED_ACTIONS'],
    ['closeIncident', '409', 'OPEN_COORDINATED_ACTIONS'],
    ['createSubmission', '409', 'CLOCK_NOT_STARTED'],
    ['createSubmission', '409', 'CLOCK_NOT_APPLICABLE'],
    ['createCommunication', '422', 'TLP_REFUSED'],
    ['createCommunication', '400', 'ABOVE_INCIDENT_TLP'],
  ])('%s documents %s %s', (id, status, code) => {
    const response = operation(id).responses[status];
    expect(response?.['x-error-codes']).toContain(code);
    expect(response?.description).toContain(`\`${code}\``);
  });

  it('documents only codes the code throws, on routes that exist; 422 only where a route answers it', () => {
    const source = ['shared/domain', 'shared/http', 'shared/db']
      .flatMap((dir) =>
        readdirSync(new URL(`../../${dir}`, import.meta.url), { recursive: true, withFileTypes: true })
          .filter((f) => f.isFile() && f.name.endsWith('.ts'))
          .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8')),
      )
      .join('\n');
    for (const [id, codes] of Object.entries(ROUTE_ERRORS)) {
      expect(table.map((r) => r.id)).toContain(id);
      for (const { code } of codes) expect(source, code).toContain(`'${code}'`);
    }
    expect(operation('getIncident').responses['422']).toBeUndefined();
  });

  it('docs/openapi.json is current (run `npm run openapi` after changing routes or schemas)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
