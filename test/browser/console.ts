/**
 * Browser-test harness: the REAL local stack of test/helpers/local-stack.ts serving the built console
 * (`npm run web:build` → web/dist) next to the API, driven by Debian's Chromium through playwright-core.
 * One browser per test file; pages are reused.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../helpers/local-stack.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'web', 'dist');
export const SCREENSHOTS = join(ROOT, '.liaison', 'screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

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
  /** A fresh context (own sessionStorage) signed in through the local sign-in page with these roles. */
  signIn(role: string | string[], options?: { sub?: string; organization?: string }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startConsole(options: LocalStackOptions = {}): Promise<ConsoleHarness> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('web/dist is missing: run `npm run web:build` first');
  const stack = await startLocalStack(options);
  const base = stack.baseUrl.replace(/\/$/, '');
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
    const page = await context.newPage();
    page.setDefaultTimeout(15_000); // a loaded 2-core machine; a locator that matches returns at once
    page.on('pageerror', (e) => console.error('[page error]', e));
    // The local stack's sign-in page (infra/local/console.ts), as a user would.
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    for (const box of await page.locator('input[name=roles]').all()) {
      const value = await box.getAttribute('value');
      if ((typeof role === 'string' ? [role] : role).includes(value ?? '')) await box.check();
      else await box.uncheck();
    }
    await page.getByLabel('Organization').fill(o.organization ?? 'acme');
    await page.getByLabel('Subject (user id)').fill(o.sub ?? `test-${role}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
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

/** An API call the scenario arranges (not what the test proves): fails the test unless it succeeds. */
export async function must(
  h: ConsoleHarness,
  method: string,
  path: string,
  body: unknown,
  role = 'coordinator',
): Promise<void> {
  const r = await h.stack.request(method, path, { role, body });
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
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
