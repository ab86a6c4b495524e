/**
 * Browser-test harness: the REAL local stack of test/helpers/local-stack.ts serving the built console
 * (`npm run web:build` → web/dist) next to the API, driven by Debian's Chromium through playwright-core.
 * One browser per test file; pages are reused.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../helpers/local-stack.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'web', 'dist');
export const SCREENSHOTS = join(ROOT, '.liaison', 'screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(`Chromium not found at ${path} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return path;
}

export interface ConsoleHarness {
  readonly stack: LocalStack;
  readonly browser: Browser;
  readonly base: string;
  /** A fresh context (own sessionStorage) signed in with a local token of these roles. */
  signIn(role: string | string[], options?: { sub?: string; organization?: string }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startConsole(options: LocalStackOptions = {}): Promise<ConsoleHarness> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('web/dist is missing: run `npm run web:build` first');
  const stack = await startLocalStack(options);
  const base = stack.baseUrl.replace(/\/$/, '');
  const served = await fetch(`${base}/`).then(
    async (r) => r.ok && (r.headers.get('content-type') ?? '').includes('text/html'),
    () => false,
  );
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  const contexts: BrowserContext[] = [];
  const signIn = async (
    role: string | string[],
    o: { sub?: string; organization?: string } = {},
  ): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    contexts.push(context);
    if (!served) {
      // Until the local server serves web/dist itself: the same files, on the same origin.
      await context.route(
        (url) =>
          url.origin === base &&
          (url.pathname === '/' || url.pathname.startsWith('/assets/') || url.pathname === '/config.json'),
        async (route) => {
          const { pathname } = new URL(route.request().url());
          if (pathname === '/config.json') {
            await route.fulfill({ status: 404, body: '' });
            return;
          }
          const file = join(DIST, pathname === '/' ? 'index.html' : pathname);
          await route.fulfill({
            status: 200,
            contentType: TYPES[extname(file)] ?? 'application/octet-stream',
            body: readFileSync(file),
          });
        },
      );
    }
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    page.on('pageerror', (e) => console.error('[page error]', e));
    const token = await stack.token(role, {
      ...(o.sub ? { sub: o.sub } : {}),
      ...(o.organization ? { organization: o.organization } : {}),
    });
    await page.goto(`${base}/#token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  };
  return {
    stack,
    browser,
    base,
    signIn,
    stop: async () => {
      for (const c of contexts) await c.close();
      await browser.close();
      await stack.stop();
    },
  };
}

export async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

/** axe-core in the page: no serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate("'axe' in window"))) await page.addScriptTag({ content: AXE });
  // A string, evaluated in the page (this file is compiled without the DOM library).
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  expect(violations, `${name}: axe serious/critical violations`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
