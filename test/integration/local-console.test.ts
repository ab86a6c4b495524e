/**
 * The web console in the local stack (issue 13): index.html, assets, config.json, the local-only
 * sign-in page and POST /local/token, on the same origin as the API, tokens valid for its secret.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';

const dist = mkdtempSync(join(tmpdir(), 'liaison-web-'));
const outside = mkdtempSync(join(tmpdir(), 'liaison-outside-'));
let stack: LocalStack;
let bare: LocalStack;

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Liaison</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("hi")');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dist, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dist, 'secret.txt'), 'not an asset');
  writeFileSync(join(outside, 'passwd'), 'root');
  symlinkSync(join(outside, 'passwd'), join(dist, 'assets', 'link.js'));
  stack = await startLocalStack({ console: { distDir: dist } });
  bare = await startLocalStack({ console: { distDir: join(dist, 'missing') } });
});

afterAll(async () => {
  await stack?.stop();
  await bare?.stop();
  rmSync(dist, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const raw = (base: string, path: string, init?: RequestInit) =>
  fetch(new URL(path, base), { redirect: 'manual', ...init });

describe('static console', () => {
  it('serves index.html at / with an HTML content type', async () => {
    const res = await raw(stack.baseUrl, '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('serves assets with their content types, immutable', async () => {
    for (const [file, type] of [
      ['index-abc123.js', 'text/javascript; charset=utf-8'],
      ['index-abc123.css', 'text/css; charset=utf-8'],
      ['logo.svg', 'image/svg+xml'],
    ] as const) {
      const res = await raw(stack.baseUrl, `/assets/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toBe(type);
      expect(res.headers.get('cache-control'), file).toContain('immutable');
    }
    expect((await raw(stack.baseUrl, '/assets/nope.js')).status).toBe(404);
  });

  it('refuses path traversal, encoded or not, and symbolic links out of the folder', async () => {
    for (const path of [
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/%2E%2E%2Fsecret.txt',
      '/assets/..%5csecret.txt',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/link.js',
      '/assets/',
    ]) {
      const res = await raw(stack.baseUrl, path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toMatch(/not an asset|root/);
    }
  });

  it('answers a page saying to build the console when web/dist is missing', async () => {
    const res = await raw(bare.baseUrl, '/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run web:build');
  });

  it('answers the runtime config, local sign-in on this origin', async () => {
    const res = await stack.request('GET', '/config.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      apiBaseUrl: stack.baseUrl,
      signIn: { mode: 'local', url: '/local/sign-in' },
    });
  });

  it('leaves the API routes alone', async () => {
    expect((await stack.request('GET', '/incidents')).status).toBe(401);
    expect((await stack.request('GET', '/incidents', { role: 'viewer' })).status).toBe(200);
  });
});

describe('local sign-in', () => {
  it('shows a form with every role, organization and subject', async () => {
    const res = await raw(stack.baseUrl, '/local/sign-in?return=/%23/incidents');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const role of ['admin', 'coordinator', 'responder', 'viewer', 'partner'])
      expect(html).toContain(`value="${role}"`);
    expect(html).toContain('name="organization"');
    expect(html).toContain('name="sub"');
    expect(html).toContain('name="return" value="/"');
  });

  it('redirects to the return address with a token the API accepts', async () => {
    const form = new URLSearchParams([
      ['return', `${stack.baseUrl}/?x=1`],
      ['roles', 'coordinator'],
      ['roles', 'viewer'],
      ['organization', 'acme'],
      ['sub', 'alice'],
    ]);
    const res = await raw(stack.baseUrl, '/local/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(`${stack.baseUrl}/?x=1#token=`)).toBe(true);
    const token = location.split('#token=')[1] as string;
    const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString());
    expect(claims).toMatchObject({
      sub: 'alice',
      'cognito:groups': ['coordinator', 'viewer'],
      'custom:organization': 'acme',
    });
    expect((await stack.request('GET', '/incidents', { token })).status).toBe(200);
  });

  it('never redirects to another origin', async () => {
    for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const res = await raw(stack.baseUrl, '/local/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([
          ['return', target],
          ['roles', 'viewer'],
        ]).toString(),
      });
      expect(res.status, target).toBe(303);
      expect(res.headers.get('location')?.startsWith('/#token='), target).toBe(true);
    }
  });

  it('shows the form again with the error when no role is chosen', async () => {
    const res = await raw(stack.baseUrl, '/local/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'return=%2F&organization=acme',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('roles: choose at least one role');
  });

  it('POST /local/token mints a token valid for this stack', async () => {
    const res = await stack.request('POST', '/local/token', {
      body: { roles: ['partner'], organization: 'globex', sub: 'p1' },
    });
    expect(res.status).toBe(200);
    const claims = JSON.parse(Buffer.from(res.body.token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      sub: 'p1',
      'cognito:groups': ['partner'],
      'custom:organization': 'globex',
    });
    expect((await stack.request('GET', '/incidents', { token: res.body.token })).status).toBe(200);
  });

  it('POST /local/token refuses unknown roles and bad bodies', async () => {
    const bad = await stack.request('POST', '/local/token', { body: { roles: ['root'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('unknown role "root"');
    expect((await stack.request('POST', '/local/token', { rawBody: '{' })).status).toBe(400);
    expect((await stack.request('POST', '/local/token', { body: { roles: [] } })).status).toBe(400);
  });
});
