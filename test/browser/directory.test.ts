/**
 * Editing in the console: the directory (organizations, agreements with their TLP ceiling, contacts'
 * channels, escalation policies, third parties' SLA requirements), and on an incident the TLP change,
 * an escalation chain started and acknowledged, a regulatory obligation's triggers, a submission and
 * its draft, an incident's actions read past the first page, a file registered as evidence (hashed
 * in the browser, uploaded to the local S3 with the presigned PUT), a legal hold refusing its deletion,
 * and an agreement update, and an exercise's findings raised as a contact re-verification and an
 * agreement update. Each result is read back from the API, so the test proves what was
 * stored, not what the page shows.
 */
import { createHash } from 'node:crypto';
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
let page: Page;
const INC = 'INC-EDIT';
const must = (method: string, path: string, body: unknown, role = 'coordinator') =>
  arrange(h, method, path, body, role);
const read = async (path: string): Promise<Record<string, unknown>> => {
  const r = await h.stack.request('GET', path, { role: 'coordinator' });
  expect(r.status, `GET ${path}`).toBe(200);
  return r.body as Record<string, unknown>;
};

beforeAll(async () => {
  // An escalation chain notifies its first level (SNS) and schedules the next (Scheduler).
  h = await startConsole({ sns: true, scheduler: {} });
  await must('POST', '/organizations', { id: 'ORG-ISAC', name: 'Finance ISAC', kind: 'isac' }, 'admin');
  await must('POST', '/third-parties', { id: 'TP-PAY', name: 'Payments Ltd', type: 'payment_processor' });
  await must('POST', '/contacts', {
    id: 'CON-ISAC',
    organizationId: 'ORG-ISAC',
    name: 'ISAC desk',
    stakeholderGroup: 'isac',
    channels: [{ type: 'email', address: 'desk@isac.example', priority: 'primary' }],
  });
  await must('POST', '/incidents', {
    id: INC,
    title: 'Card data exposure at the payment processor',
    description: 'Arranged for the browser test',
    severity: 'high',
    category: 'data_breach',
    affectedThirdParties: ['TP-PAY'],
    tlp: 'AMBER',
  });
  // 101 actions: one more than the incident detail holds.
  for (let n = 1; n <= 101; n++)
    await must('POST', `/incidents/${INC}/actions`, { description: `Check system ${n}`, assignedTo: 'soc' });
  page = await h.signIn('coordinator', { sub: 'carol' });
}, 120_000);
afterAll(async () => h?.stop());

describe('editing the directory in the console', () => {
  it('edits an organization and adds, edits and revokes a sharing agreement', async () => {
    await go(page, '#/directory');
    await page.getByRole('button', { name: 'Edit ORG-ISAC' }).click();
    const edit = page.getByRole('form', { name: 'Edit organization ORG-ISAC' });
    await edit.getByLabel('Organization name').fill('Financial Services ISAC');
    await edit.getByLabel('Contact e-mail').fill('ops@isac.example');
    await edit.getByRole('button', { name: 'Save organization' }).click();
    await page.getByRole('cell', { name: 'Financial Services ISAC' }).waitFor();
    expect(await read('/organizations/ORG-ISAC')).toMatchObject({
      name: 'Financial Services ISAC',
      contactInfo: { email: 'ops@isac.example' },
    });

    await page.getByRole('button', { name: 'Agreements of ORG-ISAC' }).click();
    const add = page.getByRole('form', { name: 'Add agreement with ORG-ISAC' });
    await add.getByLabel('Agreement id').fill('AGR-ISAC');
    await add.getByLabel('Agreement type').selectOption('isac_membership');
    await add.getByLabel('Document reference').fill('Membership 2026');
    await add.getByLabel('Signed at (ISO 8601)').fill('2026-01-01T00:00:00Z');
    await add.getByLabel('TLP ceiling').selectOption('GREEN');
    await add.getByRole('button', { name: 'Add agreement' }).click();
    await page.getByRole('button', { name: 'Edit AGR-ISAC' }).click();
    const agreement = page.getByRole('form', { name: 'Edit agreement AGR-ISAC' });
    await agreement.getByLabel('TLP ceiling').selectOption('AMBER');
    await agreement.getByRole('button', { name: 'Save agreement' }).click();
    await page.getByText(/AGR-ISAC isac_membership ceiling TLP:AMBER valid/).waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke AGR-ISAC' }).click();
    await page.getByText(/AGR-ISAC isac_membership ceiling TLP:AMBER revoked/).waitFor();
    await expectAccessible(page, 'directory: organizations');
  });

  it("changes a contact's channels and shows a refused edit next to its field, keeping what was typed", async () => {
    await page.getByRole('tab', { name: 'contacts' }).click();
    await page.getByRole('button', { name: 'Edit CON-ISAC' }).click();
    const edit = page.getByRole('form', { name: 'Edit contact CON-ISAC' });
    const channels = edit.getByLabel(/^Channels/);
    await channels.fill('pigeon | desk@isac.example | primary');
    await edit.getByRole('button', { name: 'Save contact' }).click();
    await edit.locator('.field-error').first().waitFor();
    expect(await channels.inputValue()).toBe('pigeon | desk@isac.example | primary');
    await channels.fill('email | desk@isac.example | primary\nsms | +4930123456 | backup');
    await edit.getByRole('button', { name: 'Save contact' }).click();
    await page.getByRole('cell', { name: /sms: \+4930123456/ }).waitFor();
    const contact = await read('/contacts/CON-ISAC');
    expect(contact.channels).toEqual([
      { type: 'email', address: 'desk@isac.example', priority: 'primary' },
      { type: 'sms', address: '+4930123456', priority: 'backup' },
    ]);
    await expectAccessible(page, 'directory: contacts');
  });

  it('creates an escalation policy from its levels (a JSON typo is caught before sending)', async () => {
    await page.getByRole('tab', { name: 'escalation' }).click();
    const form = page.getByRole('form', { name: 'Create escalation policy' });
    await form.getByLabel('Policy id').fill('POL-ISAC');
    await form.getByLabel('Policy name').fill('ISAC desk first');
    const levels = form.getByLabel(/^Levels/);
    await levels.fill('[{level: 1}]');
    await form.getByRole('button', { name: 'Create escalation policy' }).click();
    await form.locator('.field-error', { hasText: /is not valid JSON/ }).waitFor();
    // Two levels: after the first is notified the chain waits (active) for an acknowledgement.
    await levels.fill(
      '[{"level": 1, "contacts": ["CON-ISAC"], "timeframe": "PT30M"}, {"level": 2, "groups": ["isac"], "timeframe": "PT1H"}]',
    );
    await form.getByRole('button', { name: 'Create escalation policy' }).click();
    await page.getByRole('cell', { name: 'ISAC desk first' }).waitFor();
    expect(await read('/escalation-policies/POL-ISAC')).toMatchObject({
      levels: [
        { level: 1, contacts: ['CON-ISAC'], timeframe: 'PT30M' },
        { level: 2, groups: ['isac'], timeframe: 'PT1H' },
      ],
    });
    await expectAccessible(page, 'directory: escalation');
  });

  it("sets a third party's SLA requirements", async () => {
    await go(page, '#/third-parties');
    await page.getByRole('button', { name: 'Edit TP-PAY' }).click();
    const edit = page.getByRole('form', { name: 'Edit third party TP-PAY' });
    await edit.getByLabel('SLA: notify us within (hours)').fill('24');
    await edit.getByLabel('Data shared (comma separated)').fill('card data, customer names');
    await edit.getByRole('button', { name: 'Save third party' }).click();
    await expect
      .poll(async () => (await read('/third-parties/TP-PAY')).slaRequirements)
      .toEqual({
        notificationHours: 24,
      });
    expect((await read('/third-parties/TP-PAY')).dataShared).toEqual(['card data', 'customer names']);
  });
});

describe('incident tools in the console', () => {
  it('changes the TLP, starts an escalation chain and acknowledges it', async () => {
    await go(page, `#/incidents/${INC}`);
    const tlp = page.getByRole('form', { name: 'Change TLP' });
    // Lowered to GREEN, so that the ISAC (GREEN at most since its agreement was revoked) may be told.
    await tlp.getByLabel('New TLP').selectOption('GREEN');
    await tlp.getByLabel('Reason for the change').fill('Only public indicators remain in scope');
    await tlp.getByRole('button', { name: 'Change TLP' }).click();
    await page.getByRole('heading', { name: /Classification TLP:GREEN/ }).waitFor();

    const chain = page.getByRole('form', { name: 'Start escalation chain' });
    await chain.getByLabel('Escalation policy').selectOption('POL-ISAC');
    await chain.getByLabel('Chain reason').fill('Nobody has picked this up');
    await chain.getByRole('button', { name: 'Start escalation chain' }).click();
    await page.getByTestId('chain-status-CHAIN-1').getByText('active').waitFor();
    await page.getByRole('form', { name: 'Acknowledge incident' }).getByRole('button').click();
    await page.getByTestId('chain-status-CHAIN-1').getByText('acknowledged').waitFor();
    await page
      .getByTestId('acknowledged')
      .getByText(/Acknowledged .* by carol/)
      .waitFor();
    expect(await read(`/incidents/${INC}`)).toMatchObject({ tlp: 'GREEN', acknowledgedBy: 'carol' });
  });

  it('attaches GDPR, sets the awareness time, records the authority notice and shows its draft', async () => {
    const attach = page.getByRole('form', { name: 'Attach obligation' });
    await attach.getByLabel('Regime').selectOption('gdpr');
    await attach.getByRole('button', { name: 'Attach obligation' }).click();
    await page.getByText('gdpr GDPR', { exact: false }).first().waitFor();
    await page.locator('summary', { hasText: 'gdpr' }).click();
    // After the discovery (the incident's creation): awareness before discovery is refused.
    const awareness = new Date().toISOString();
    const update = page.getByRole('form', { name: 'Update obligation gdpr' });
    await update.getByLabel('Aware since (ISO 8601)').fill(awareness);
    await update.getByLabel('Reason for the change').fill('The SOC confirmed the exposure');
    await update.getByRole('button', { name: 'Save triggers and facts' }).click();
    await expect
      .poll(
        async () =>
          ((await read(`/incidents/${INC}/obligations`)).items as { triggers: object }[])[0]?.triggers,
      )
      .toMatchObject({ awareness });

    const draft = page.getByRole('form', { name: 'Draft notice for gdpr' });
    await draft.getByLabel('Draft for clock').selectOption('authority');
    await draft.getByRole('button', { name: 'Show draft' }).click();
    await page
      .getByTestId('obligation-draft')
      .getByText(/Still missing/)
      .waitFor();

    const submission = page.getByRole('form', { name: 'Record submission for gdpr' });
    await submission.getByLabel('Clock').selectOption('authority');
    await submission.getByLabel('Submitted to').fill('Data protection authority');
    await submission.getByLabel("Regulator's reference").fill('DPA-2026-0042');
    await submission.getByRole('button', { name: 'Record submission' }).click();
    await page.getByText(/authority to Data protection authority at/).waitFor();
    await expectAccessible(page, 'incident with obligations and chains');
  });

  it("reads the incident's actions past the first 100", async () => {
    expect(await page.getByText('Check system 101', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Load more actions' }).click();
    await page.getByText('Check system 101', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Load more actions' }).count()).toBe(0);
  });
});

describe('evidence, holds and follow-up in the console', () => {
  it('registers a file as evidence: hashed in the browser, uploaded with the presigned PUT, confirmed', async () => {
    await go(page, `#/incidents/${INC}`);
    const form = page.getByRole('form', { name: 'Register evidence' });
    await form.getByLabel('Evidence file').setInputFiles({
      name: 'dump-sample.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('4111 1111 1111 1111\n'),
    });
    await form.getByLabel('Evidence description').fill('Sample of the leaked dump');
    await form.getByLabel('Source (where it came from)').fill('paste site');
    await form.getByRole('button', { name: 'Register evidence' }).click();
    await page
      .getByTestId('evidence-note')
      .getByText(/EVD-1 uploaded and confirmed/)
      .waitFor();
    await page.getByTestId('evidence-status-EVD-1').getByText('confirmed').waitFor();
    const item = await read(`/incidents/${INC}/evidence/EVD-1`);
    expect(item).toMatchObject({
      status: 'confirmed',
      fileName: 'dump-sample.txt',
      size: 20,
      // sha256 of the 20 bytes above, as the browser computed it
      sha256: createHash('sha256').update('4111 1111 1111 1111\n').digest('hex'),
    });
  });

  it('a legal hold refuses deleting the item, naming the hold; released, the hold is listed as such', async () => {
    const hold = page.getByRole('form', { name: 'Place hold' });
    await hold.getByLabel('Hold kind').selectOption('legal');
    await hold.getByLabel('Hold reason').fill('Preservation order');
    await hold.getByLabel(/Requested by/).fill('Public prosecutor, case 17/2026');
    await hold.getByRole('button', { name: 'Place hold' }).click();
    await page
      .getByTestId('hold-HOLD-1')
      .getByText(/legal active/)
      .waitFor();
    await page.getByRole('button', { name: 'Open EVD-1' }).click();
    const del = page.getByRole('form', { name: 'Delete EVD-1' });
    await del.getByLabel('Reason for deleting').fill('Duplicate');
    await del.getByRole('button', { name: 'Delete evidence' }).click();
    await del.getByText(/LEGAL_HOLD/).waitFor();
    expect((await read(`/incidents/${INC}/evidence/EVD-1`)).status).toBe('confirmed');
    const release = page.getByRole('form', { name: 'Release HOLD-1' });
    await release.getByLabel('Reason for releasing HOLD-1').fill('Order lifted');
    await release.getByRole('button', { name: 'Release HOLD-1' }).click();
    await page
      .getByTestId('hold-HOLD-1')
      .getByText(/legal released/)
      .waitFor();
    await expectAccessible(page, 'incident with evidence and holds');
  });

  it('raises an agreement update against the third party and moves it to agreed', async () => {
    const form = page.getByRole('form', { name: 'Raise agreement update' });
    await form.getByLabel('Third party or organization').fill('TP-PAY');
    await form.getByLabel('Topic').selectOption('right_to_audit');
    await form.getByLabel('Proposed change').fill('Annual right to audit the card environment');
    await form.getByLabel('Owner').fill('Legal');
    await form.getByLabel('Due (ISO 8601)').fill('2099-03-31T17:00:00Z');
    await form.getByRole('button', { name: 'Raise agreement update' }).click();
    const status = page.getByLabel(/^Status of AGU-/);
    await status.selectOption('agreed');
    await expect
      .poll(
        async () =>
          ((await read(`/incidents/${INC}/agreement-updates`)).items as { status: string }[])[0]?.status,
      )
      .toBe('agreed');
    // The third party's record lists it with what raised it, and moves it on from there too.
    await go(page, '#/third-parties');
    await page.getByRole('button', { name: 'Edit TP-PAY' }).click();
    const record = page.getByRole('region', { name: 'Agreement updates of TP-PAY' });
    await record.getByText(`(from incident ${INC})`).waitFor();
    await record.getByLabel(/^Status of AGU-/).selectOption('drafted');
    await expect
      .poll(
        async () =>
          ((await read('/organizations/TP-PAY/agreement-updates')).items as { status: string }[])[0]?.status,
      )
      .toBe('drafted');
    await record
      .getByTestId(/^update-status-AGU-/)
      .getByText('drafted')
      .waitFor();
    // A transition the API refuses is shown, and nothing changes.
    await record.getByLabel(/^Status of AGU-/).selectOption('proposed');
    await record.getByRole('alert').getByText('INVALID_TRANSITION').waitFor();
    expect(await record.getByLabel(/^Status of AGU-/).inputValue()).toBe('drafted');
    expect(
      ((await read('/organizations/TP-PAY/agreement-updates')).items as { status: string }[])[0]?.status,
    ).toBe('drafted');
    await expectAccessible(page, 'third party with agreement updates');
    await screenshot(page, 'third-party-agreement-updates');
  });
});

describe('sharing and exercises in the console', () => {
  it('records an indicator on the incident and shares the incident in a TAXII collection', async () => {
    await go(page, `#/incidents/${INC}`);
    const ioc = page.getByRole('form', { name: 'Record indicator' });
    await ioc.getByLabel('Indicator type').selectOption('domain-name');
    await ioc.getByLabel(/^Value/).fill('exfil.bad.example');
    await ioc.getByRole('button', { name: 'Record indicator' }).click();
    await page.getByRole('cell', { name: 'exfil.bad.example' }).waitFor();
    const indicators = (await read(`/incidents/${INC}/indicators`)).items as { value: string; tlp: string }[];
    expect(indicators).toEqual([expect.objectContaining({ value: 'exfil.bad.example', tlp: 'GREEN' })]);

    // Collections are an admin's (docs/sharing.md).
    const admin = await h.signIn('admin', { sub: 'ada' });
    await go(admin, '#/sharing');
    const form = admin.getByRole('form', { name: 'Create collection' });
    await form.getByLabel('Collection title').fill('Payments ISAC feed');
    await form.getByLabel(/^Member organizations/).fill('ORG-ISAC');
    await form.getByLabel('Collection TLP ceiling').selectOption('GREEN');
    await form.getByLabel(/^Incidents shared/).fill(INC);
    await form.getByRole('button', { name: 'Create collection' }).click();
    await admin.getByRole('cell', { name: 'Payments ISAC feed' }).waitFor();
    const stored = await h.stack.request('GET', '/sharing/collections', { role: 'admin' });
    expect((stored.body as { items: { title: string; incidentIds: string[] }[] }).items).toEqual([
      expect.objectContaining({ title: 'Payments ISAC feed', incidentIds: [INC] }),
    ]);
    await expectAccessible(admin, 'sharing');
  });

  it('starts an exercise, records findings, raises them (before and after it ends) and ends it; the quarantine page is empty', async () => {
    await go(page, '#/exercises');
    const start = page.getByRole('form', { name: 'Start exercise' });
    await start.getByLabel('Exercise id').fill('EX-PAY');
    await start.getByLabel('Exercise title').fill('Card data breach drill');
    await start.getByLabel(/^Or participating organizations/).fill('ORG-ISAC');
    await start
      .getByLabel(/^Injects/)
      .fill(
        '[{"kind": "message", "offsetMinutes": 30, "subject": "Dump offered", "content": "A seller posts a sample"}]',
      );
    await start.getByRole('button', { name: 'Start exercise' }).click();
    await page
      .getByTestId('exercise-EX-PAY')
      .getByText(/running/)
      .first()
      .waitFor();
    const finding = page.getByRole('form', { name: 'Record finding' });
    await finding.getByLabel('Finding', { exact: true }).fill('The ISAC desk number was out of date');
    await finding.getByLabel('Proposes').selectOption('contact_fix');
    await finding.getByLabel(/^About contact/).fill('CON-ISAC');
    await finding.getByRole('button', { name: 'Record finding' }).click();
    await page.getByText(/\(contact_fix\): The ISAC desk number was out of date/).waitFor();
    // Raised: the contact is flagged for re-verification with the finding as the reason.
    const fix = page.getByRole('form', { name: 'Raise FINDING-1' });
    await fix.getByLabel(/^Reason to re-verify/).fill('Desk number out of date in the drill');
    await fix.getByRole('button', { name: 'Raise' }).click();
    await page
      .getByTestId('finding-FINDING-1')
      .getByText(/Raised as contact CON-ISAC flagged for re-verification/)
      .waitFor();
    expect(await read('/contacts/CON-ISAC')).toMatchObject({
      reverification: { reason: 'Desk number out of date in the drill', exerciseId: 'EX-PAY' },
    });
    await page.getByRole('form', { name: 'End exercise' }).getByRole('button').click();
    await page.getByRole('heading', { name: /EX-PAY: Card data breach drill \(ended\)/ }).waitFor();
    expect(await read('/exercises/EX-PAY')).toMatchObject({ status: 'ended' });

    // At the debrief: a contract update finding, raised as an agreement update of ORG-ISAC.
    await finding.getByLabel('Finding', { exact: true }).fill('No notification SLA with the ISAC');
    await finding.getByLabel('Proposes').selectOption('contract_update');
    await finding.getByLabel('Finding recommendation').fill('Notify within 24 hours');
    await finding.getByLabel(/^About organization/).fill('ORG-ISAC');
    await finding.getByRole('button', { name: 'Record finding' }).click();
    const contract = page.getByRole('form', { name: 'Raise FINDING-2' });
    await contract.getByLabel('Topic').selectOption('notification_sla');
    await contract.getByLabel('Due (ISO 8601)').fill('2030-06-30T09:00:00Z');
    await contract.getByRole('button', { name: 'Raise' }).click();
    // Without an owner: the API's 400 is shown next to the field, nothing raised.
    await contract
      .locator('.field-error', { hasText: 'required (the finding proposes contract_update)' })
      .waitFor();
    await contract.getByLabel(/^Owner/).fill('vendor-management');
    await contract.getByRole('button', { name: 'Raise' }).click();
    await page
      .getByTestId('finding-FINDING-2')
      .getByText(/Raised as agreement update AGU-/)
      .waitFor();
    // The exercise report lists it with its status control, as the incident's follow-up does.
    await page
      .getByTestId(/^update-status-AGU-/)
      .getByText('proposed')
      .waitFor();
    await page.getByLabel(/^Status of AGU-/).selectOption('agreed');
    await page
      .getByTestId(/^update-status-AGU-/)
      .getByText('agreed')
      .waitFor();
    expect((await read('/organizations/ORG-ISAC/agreement-updates')).items).toEqual([
      expect.objectContaining({
        source: { kind: 'exercise', id: 'EX-PAY' },
        findingId: 'FINDING-2',
        owner: 'vendor-management',
        status: 'agreed',
      }),
    ]);
    await expectAccessible(page, 'exercises');
    await screenshot(page, 'exercise-report');

    await go(page, '#/inbound');
    await page.getByText('None.').waitFor();
    await expectAccessible(page, 'inbound quarantine');
  });
});
