/**
 * The seed scenario through the console only: register a third party, open an incident, assess impact
 * (priority shown, and why), add an action, record a communication, escalate, see closing refused with
 * the open action named, complete it, close, add a lesson, read the report (CSV + printable). Also: a
 * refused form shows the API's field error next to the field and keeps what was typed; axe on each page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, go, screenshot, startConsole } from './console.js';

let h: ConsoleHarness;
let page: Page;

beforeAll(async () => {
  h = await startConsole();
  page = await h.signIn('coordinator', { sub: 'carol' });
}, 60_000);
afterAll(async () => h?.stop());

describe('the seed scenario in the console', () => {
  it('dashboard loads, is accessible and is screenshotted', async () => {
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expectAccessible(page, 'dashboard');
  });

  it('registers a third party', async () => {
    await go(page, '#/third-parties');
    const form = page.getByRole('form', { name: 'Register third party' });
    await form.getByLabel('Third party id').fill('TP-CLOUD');
    await form.getByLabel('Name').fill('Cloud Provider');
    await form.getByLabel('Type').selectOption('cloud_provider');
    await form.getByLabel('Criticality').selectOption('critical');
    await form.getByRole('button', { name: 'Register third party' }).click();
    await page.getByRole('cell', { name: 'Cloud Provider' }).waitFor();
    await expectAccessible(page, 'third parties');
  });

  it('a refused form shows the field error next to the field and keeps what was typed', async () => {
    await go(page, '#/incidents/new');
    const form = page.getByRole('form', { name: 'Open incident' });
    await form.getByLabel('Id (optional)').fill('bad id with spaces');
    await form.getByLabel('Title').fill('Customer data exposed');
    await form.getByLabel('Description').fill('A misconfigured bucket exposed customer records');
    await form.getByLabel('Category').fill('data_breach');
    await form.getByRole('button', { name: 'Open incident' }).click();
    const idField = form.locator('label', { hasText: 'Id (optional)' });
    await expect.poll(() => idField.locator('.field-error').textContent()).toBeTruthy();
    expect(await form.getByLabel('Title').inputValue()).toBe('Customer data exposed');
    expect(await form.getByLabel('Description').inputValue()).toBe(
      'A misconfigured bucket exposed customer records',
    );
    expect(await form.getByLabel('Id (optional)').inputValue()).toBe('bad id with spaces');
    expect(await form.locator('div.error').textContent()).toContain('body.id');
    await expectAccessible(page, 'new incident (refused)');
    // Corrected, the same form goes through with everything else as typed.
    await form.getByLabel('Id (optional)').fill('INC-UI-1');
    await form.getByLabel('Severity').selectOption('high');
    await form.getByLabel('Affected third parties (comma separated)').fill('TP-CLOUD');
    await form.getByRole('button', { name: 'Open incident' }).click();
    await page.getByRole('heading', { name: /INC-UI-1: Customer data exposed/ }).waitFor();
    expect(await page.locator('h1 .tlp').textContent()).toBe('TLP:AMBER');
  });

  it('edits the incident (PATCH /incidents/{id})', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Save incident' });
    await form.getByLabel('Title').fill('Customer data exposed (edited)');
    await form.getByRole('button', { name: 'Save incident' }).click();
    await page.getByRole('heading', { name: /INC-UI-1: Customer data exposed \(edited\)/ }).waitFor();
    await page
      .getByText(/incident\.updated|edited|updated/i)
      .first()
      .waitFor();
  });

  it('assesses impact: the priority is shown with why', async () => {
    const form = page.getByRole('form', { name: 'Assess impact' });
    await form.getByLabel('Business impact').selectOption('critical');
    await form.getByLabel('Financial impact').fill('2000000');
    await form.getByLabel('Reputation impact').selectOption('severe');
    await form.getByRole('button', { name: 'Assess impact' }).click();
    await expect.poll(() => page.getByTestId('priority').textContent()).toBe('critical');
    expect(await page.getByTestId('impact-why').textContent()).toMatch(/critical/);
  });

  it('adds an action, records a communication, escalates', async () => {
    const action = page.getByRole('form', { name: 'Add action' });
    await action.getByLabel('Action description').fill('Rotate the exposed credentials');
    await action.getByLabel('Assigned to').fill('ops');
    await action.getByRole('button', { name: 'Add action' }).click();
    await page.getByRole('cell', { name: 'Rotate the exposed credentials' }).waitFor();

    const comm = page.getByRole('form', { name: 'Record communication' });
    await comm.getByLabel('Subject').fill('Incident notice');
    await comm.getByLabel('Content').fill('We are investigating an exposure of customer records.');
    await comm.getByLabel('Sent to (free text, comma separated)').fill('security@cloud.example');
    await comm.getByRole('button', { name: 'Record communication' }).click();
    await page.getByRole('cell', { name: 'Incident notice' }).waitFor();

    const esc = page.getByRole('form', { name: 'Escalate' });
    await esc.getByLabel('Escalation reason').fill('Customer data involved');
    await esc.getByLabel('Escalated to').fill('CISO');
    await esc.getByRole('button', { name: 'Escalate' }).click();
    await page
      .getByText(/to CISO \(high\): Customer data involved/)
      .first()
      .waitFor();
    await screenshot(page, 'incident');
    await expectAccessible(page, 'incident');
  });

  it('closing is refused with the open action named; completing it lets the incident close', async () => {
    await page
      .getByRole('form', { name: 'Close incident' })
      .getByRole('button', { name: 'Close incident' })
      .click();
    const refused = page.getByTestId('close-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('ACTION-1');
    expect(await page.getByTestId('status').textContent()).toBe('open');

    await page.getByLabel('Status of ACTION-1').selectOption('completed');
    await expect.poll(() => page.getByTestId('action-status-ACTION-1').textContent()).toBe('completed');
    await page
      .getByRole('form', { name: 'Close incident' })
      .getByRole('button', { name: 'Close incident' })
      .click();
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('closed');
  });

  it('adds a lesson and reads the report (CSV and printable)', async () => {
    const lesson = page.getByRole('form', { name: 'Add lesson' });
    await lesson.getByLabel('Lesson', { exact: true }).fill('Scan bucket policies daily');
    await lesson.getByRole('button', { name: 'Add lesson' }).click();
    await page.getByText('Scan bucket policies daily').first().waitFor();

    await page.getByRole('link', { name: 'Report' }).click();
    await page.getByRole('heading', { name: /Report INC-UI-1/ }).waitFor();
    const report = page.getByTestId('report');
    expect(await report.textContent()).toContain('closed');
    expect(await page.getByRole('main').textContent()).toContain('Scan bucket policies daily');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv).toContain('incident,incidentId,INC-UI-1');
    expect(csv).toContain('lesson,');
    await expectAccessible(page, 'report');
    // Printable: the print stylesheet hides the navigation and buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Download CSV' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('the incident list filters and searches', async () => {
    await go(page, '#/incidents?status=closed');
    await page.getByRole('link', { name: 'INC-UI-1' }).waitFor();
    await page.getByLabel('Search title or id (this page)').fill('nothing-like-this');
    await expect.poll(() => page.getByRole('link', { name: 'INC-UI-1' }).count()).toBe(0);
    await expectAccessible(page, 'incidents');
    await go(page, '#/');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Incidents by status').waitFor();
    // From GET /dashboard: the scenario's incident counts in the period's figures.
    await expect.poll(() => page.getByTestId('metric-incidents').textContent()).toMatch(/^[1-9]\d*$/);
    await screenshot(page, 'dashboard');
  });
});
