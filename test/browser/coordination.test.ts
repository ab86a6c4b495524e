/**
 * A coordinated activation in the console: the coordinator creates and activates a playbook; a partner
 * of the cloud provider signs in, sees only its incident (TLP marked), acknowledges its coordinated
 * action and records an inbound communication; the coordinator sees the acknowledgement. Then a RED
 * communication is previewed (the recipient without a RED agreement shown refused, with its reason,
 * nothing recorded) and sending it is refused naming that recipient, and nothing is recorded.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  must as arrange,
  type ConsoleHarness,
  expectAccessible,
  go,
  screenshot,
  startConsole,
} from './console.js';

let h: ConsoleHarness;
let coordinator: Page;
const INC = 'INC-BREACH';

const must = (method: string, path: string, body: unknown, role = 'coordinator') =>
  arrange(h, method, path, body, role);

const contact = (id: string, organizationId: string, stakeholderGroup: string) =>
  must('POST', '/contacts', {
    id,
    organizationId,
    name: `Contact ${id}`,
    stakeholderGroup,
    channels: [{ type: 'email', address: `${id.toLowerCase()}@example.com`, priority: 'primary' }],
  });

beforeAll(async () => {
  h = await startConsole({ sns: true });
  // The directory the scenario starts from (the seed scenario test registers through the UI).
  await must('POST', '/third-parties', { id: 'TP-CLOUD', name: 'Cloud Provider', type: 'cloud_provider' });
  await must('POST', '/third-parties', { id: 'TP-OTHER', name: 'Other Supplier', type: 'saas' });
  await must('POST', '/organizations', { id: 'ORG-ACME', name: 'Acme', kind: 'internal' }, 'admin');
  await must('POST', '/organizations/TP-CLOUD/agreements', {
    type: 'nda',
    reference: 'NDA-CLOUD',
    signedAt: '2020-01-01T00:00:00Z',
    tlpCeiling: 'RED',
  });
  await contact('CON-CLOUD-SOC', 'TP-CLOUD', 'suppliers');
  await contact('CON-OTHER', 'TP-OTHER', 'suppliers');
  for (const [id, title, tp, tlp] of [
    [INC, 'Customer data exposed in cloud storage', 'TP-CLOUD', 'AMBER'],
    ['INC-OTHER', 'Other supplier outage', 'TP-OTHER', 'AMBER'],
    ['INC-RED', 'Board-only breach details', 'TP-CLOUD', 'RED'],
  ] as const) {
    await must('POST', '/incidents', {
      id,
      title,
      description: 'Arranged for the browser test',
      severity: 'high',
      category: 'data_breach',
      affectedThirdParties: [tp],
      tlp,
    });
  }
  coordinator = await h.signIn('coordinator', { sub: 'carol' });
}, 90_000);
afterAll(async () => h?.stop());

describe('coordinated activation in the console', () => {
  it('the coordinator creates a playbook in the directory', async () => {
    await go(coordinator, '#/directory');
    await coordinator.getByRole('tab', { name: 'playbooks' }).click();
    const form = coordinator.getByRole('form', { name: 'Create playbook' });
    await form.getByLabel('Playbook id').fill('PB-BREACH');
    await form.getByLabel('Playbook name').fill('Data Breach Response');
    await form.getByLabel('Participating organizations').fill('ORG-ACME, TP-CLOUD');
    await form
      .getByLabel(/Response actions/)
      .fill('Contain the affected storage | TP-CLOUD | PT4H\nAssess notification duties | ORG-ACME | 2 days');
    await form.getByRole('button', { name: 'Create playbook' }).click();
    await coordinator.getByText(/PB-BREACH Data Breach Response/).waitFor();
    await expectAccessible(coordinator, 'directory');
  });

  it('activates the playbook on the incident: coordinated actions listed', async () => {
    await go(coordinator, `#/incidents/${INC}`);
    const form = coordinator.getByRole('form', { name: 'Activate playbook' });
    await form.getByLabel('Playbook').selectOption('PB-BREACH');
    await form.getByRole('button', { name: 'Activate playbook' }).click();
    await coordinator.getByTestId('coord-status-COORD-1').waitFor();
    expect(await coordinator.getByTestId('coord-status-COORD-1').textContent()).toBe('pending');
  });

  it('a partner sees only its incident, acknowledges its action, records an inbound communication', async () => {
    const partner = await h.signIn('partner', { sub: 'paula', organization: 'TP-CLOUD' });
    await partner.getByRole('heading', { name: /Partner portal — TP-CLOUD/ }).waitFor();
    await partner.getByTestId(`partner-incident-${INC}`).waitFor();
    expect(await partner.getByTestId('partner-incident-INC-OTHER').count()).toBe(0);
    expect(await partner.getByTestId(`partner-incident-${INC}`).locator('h2 .tlp').textContent()).toBe(
      'TLP:AMBER',
    );
    await partner.getByRole('button', { name: 'Acknowledge COORD-1' }).click();
    await expect.poll(() => partner.getByTestId('partner-status-COORD-1').textContent()).toBe('acknowledged');

    const inbound = partner.getByRole('form', { name: `Record an inbound communication on ${INC}` });
    await inbound.getByLabel('Subject').fill('Storage contained');
    await inbound.getByLabel('Message').fill('The bucket is private again.');
    await inbound.getByRole('button', { name: 'Record inbound communication' }).click();
    await partner.getByText(/inbound: Storage contained/).waitFor();
    await expectAccessible(partner, 'partner portal');
    await screenshot(partner, 'partner-portal');
    await partner.context().close();
  });

  it('the coordinator sees the acknowledgement', async () => {
    await coordinator.reload();
    await expect
      .poll(() => coordinator.getByTestId('coord-status-COORD-1').textContent())
      .toBe('acknowledged');
    await coordinator
      .getByText(/inbound/)
      .first()
      .waitFor();
  });

  it('a RED communication to a recipient without a RED agreement is refused, naming it; nothing is recorded (previewed first)', async () => {
    await go(coordinator, '#/incidents/INC-RED');
    await coordinator.getByRole('heading', { name: /INC-RED/ }).waitFor();
    expect(await coordinator.locator('h1 .tlp').textContent()).toBe('TLP:RED');
    const before = await h.stack.snapshot();
    const form = coordinator.getByRole('form', { name: 'Record communication' });
    await form.getByLabel('Subject').fill('Board briefing');
    await form.getByLabel('Content').fill('Details for named recipients only.');
    await form.getByLabel('Recipient contacts (ids)').fill('CON-CLOUD-SOC, CON-OTHER');
    // First the preview: who receives it, who is refused and why; nothing is recorded.
    await form.getByRole('button', { name: 'Preview recipients' }).click();
    const preview = coordinator.getByTestId('preview');
    await preview.waitFor();
    expect(await preview.locator('h3 .tlp').textContent()).toBe('TLP:RED');
    expect(await coordinator.getByTestId('preview-CON-CLOUD-SOC').textContent()).toContain('yes');
    const other = coordinator.getByTestId('preview-CON-OTHER');
    expect(await other.getAttribute('class')).toContain('refused');
    expect(await other.textContent()).toMatch(/refused \([A-Z_]+\): \S/);
    expect(await coordinator.getByTestId('preview-verdict').textContent()).toContain('refused');
    expect(await form.getByLabel('Subject').inputValue()).toBe('Board briefing');
    expect(await h.stack.snapshot()).toBe(before);
    expect(await coordinator.getByTestId('communications').locator('tr').count()).toBe(0);
    await expectAccessible(coordinator, 'incident with a communication preview');
    // Then sending is refused as the preview said.
    await form.getByRole('button', { name: 'Record communication' }).click();
    const refusal = form.locator('div.error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('TLP_REFUSED');
    const refused = refusal.locator('.refused');
    expect(await refused.count()).toBe(1);
    expect(await refused.textContent()).toContain('CON-OTHER');
    // Next to the field, and what was typed is kept.
    expect(
      await form.locator('label', { hasText: 'Recipient contacts' }).locator('.field-error').count(),
    ).toBe(1);
    expect(await form.getByLabel('Subject').inputValue()).toBe('Board briefing');
    expect(await h.stack.snapshot()).toBe(before);
    expect(await coordinator.getByTestId('communications').locator('tr').count()).toBe(0);
  });
});
