import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDuration } from '../../shared/domain/obligations/deadlines.js';
import { type LocalStack, startLocalStack } from '../helpers/local-stack.js';
import { personas, requests } from '../helpers/personas.js';

// The deploying organization operates in the EU, in financial services (read on first use).
process.env.LIAISON_JURISDICTIONS = 'EU';
process.env.LIAISON_SECTOR = 'financial';
process.env.LIAISON_HOLIDAYS = JSON.stringify({ 'sec-8k': ['2025-12-25'] });

let stack: LocalStack;
let coordinator: string;
let responder: string;
let viewer: string;

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

const snapshot = () => stack.snapshot();

beforeAll(async () => {
  stack = await startLocalStack();
  ({ coordinator, responder, viewer } = await personas(stack));
});
afterAll(async () => {
  await stack?.stop();
});

const { post, patch, get } = requests(
  () => stack,
  () => ({ write: coordinator, read: viewer }),
);

async function incident(id: string, discoveryDate: string) {
  const res = await post('/incidents', {
    id,
    title: `Breach ${id}`,
    description: 'Customer records exfiltrated through a supplier',
    severity: 'high',
    category: 'data_breach',
    discoveryDate,
  });
  expect(res.status).toBe(201);
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked with matchers.
const clockOf = (obligation: any, clockId: string) =>
  obligation.clocks.find((c: { clockId: string }) => c.clockId === clockId);

describe('the regime catalogue', () => {
  it('lists every regime with clocks, checklists and the deployer’s holidays', async () => {
    const res = await get('/regimes');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(13);
    const sec = res.body.items.find((r: { id: string }) => r.id === 'sec-8k');
    expect(sec).toMatchObject({ holidays: ['2025-12-25'], timeZone: 'America/New_York' });
    expect(sec.clocks[0].duration).toEqual({ amount: 4, unit: 'business-days' });
    const circia = res.body.items.find((r: { id: string }) => r.id === 'circia');
    expect(circia.inForce).toBe(false);
    expect((await stack.request('GET', '/regimes')).status).toBe(401);
  });
});

describe('obligations of an incident', () => {
  it('suggests regimes from the impact assessment, attaches GDPR and NIS2, and lists their clocks', async () => {
    const discovery = ago(70);
    await incident('INC-OB1', discovery);

    // No assessment yet: nothing to suggest.
    expect((await get('/incidents/INC-OB1')).body.suggestedRegimes).toEqual([]);
    const assessed = await stack.request('PUT', '/incidents/INC-OB1/impact-assessment', {
      token: coordinator,
      body: {
        businessImpact: 'high',
        financialImpact: 100_000,
        reputationImpact: 'moderate',
        regulatoryImpact: 'moderate',
        dataCompromised: ['customer_data'],
      },
    });
    expect(assessed.status).toBe(200);
    const suggested = (await get('/incidents/INC-OB1')).body.suggestedRegimes.map(
      (s: { regime: string }) => s.regime,
    );
    expect(suggested).toEqual(['gdpr', 'nis2', 'dora']); // EU + financial; nothing attached silently
    expect((await get('/incidents/INC-OB1/obligations')).body.items).toEqual([]);

    const gdpr = await post('/incidents/INC-OB1/obligations', { regime: 'gdpr' });
    expect(gdpr.status).toBe(201);
    expect(gdpr.body).toMatchObject({
      obligationId: 'gdpr',
      attachedBy: 'carol',
      status: 'due_soon',
      version: 1,
    });
    const authority = clockOf(gdpr.body, 'authority');
    expect(authority).toMatchObject({
      status: 'due_soon',
      assumedTriggers: ['awareness'],
      startedAt: discovery,
    });
    expect(authority.due).toBe(new Date(Date.parse(discovery) + 72 * HOUR).toISOString());
    expect(authority.timeLeftSeconds).toBeGreaterThan(7000);
    expect(authority.timeLeftSeconds).toBeLessThanOrEqual(7200);
    expect(authority.missingItems).toEqual([
      'nature',
      'records',
      'contact-point',
      'consequences',
      'measures',
    ]);
    expect(clockOf(gdpr.body, 'data-subjects')).toMatchObject({
      status: 'asap',
      due: null,
      applicable: true,
    });

    const awareness = new Date(Date.parse(discovery) + HOUR).toISOString();
    const nis2 = await post('/incidents/INC-OB1/obligations', {
      regime: 'nis2',
      triggers: { awareness },
      notes: 'Essential entity (banking)',
    });
    expect(nis2.status).toBe(201);
    expect(clockOf(nis2.body, 'early-warning')).toMatchObject({
      status: 'overdue',
      due: new Date(Date.parse(awareness) + 24 * HOUR).toISOString(),
      assumedTriggers: [],
    });
    expect(clockOf(nis2.body, 'early-warning').timeLeft).toMatch(/^-P1DT2[01]H/);
    expect(clockOf(nis2.body, 'notification').status).toBe('due_soon');
    expect(clockOf(nis2.body, 'final-report')).toMatchObject({
      status: 'pending',
      waitingFor: 'submission of notification',
    });
    expect(nis2.body.status).toBe('overdue');

    const list = await get('/incidents/INC-OB1/obligations');
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { obligationId: string }) => o.obligationId)).toEqual(['gdpr', 'nis2']);

    const detail = await get('/incidents/INC-OB1');
    expect(detail.body.obligations.map((o: { regime: string }) => o.regime)).toEqual(['gdpr', 'nis2']);
    expect(detail.body.suggestedRegimes.map((s: { regime: string }) => s.regime)).toEqual(['dora']);
    expect(detail.body.version).toBe(4); // created, assessed, two attachments
    const attached = detail.body.timeline.filter((e: { type: string }) => e.type === 'obligation.attached');
    expect(attached).toHaveLength(2);
    expect(attached[0]).toMatchObject({ actor: 'carol', data: { obligationId: 'gdpr' } });
  });

  it('refuses bad attachments without writing anything', async () => {
    const before = await snapshot();
    const again = await post('/incidents/INC-OB1/obligations', { regime: 'gdpr' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_ATTACHED', details: [{ field: 'body.regime' }] });
    const unknown = await post('/incidents/INC-OB1/obligations', { regime: 'hkpdpo' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('body.regime');
    const future = await post('/incidents/INC-OB1/obligations', {
      regime: 'dora',
      triggers: { classification: new Date(Date.now() + 2 * HOUR).toISOString() },
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].field).toBe('body.triggers.classification');
    const extra = await post('/incidents/INC-OB1/obligations', {
      regime: 'dora',
      triggers: { whenever: ago(1) },
    });
    expect(extra.status).toBe(400);
    // A fact or trigger the regime's clocks never use would be stored and change nothing: 400.
    const irrelevant = await post('/incidents/INC-OB1/obligations', {
      regime: 'dora',
      triggers: { determination: ago(1) },
      facts: { highRisk: false },
    });
    expect(irrelevant.status).toBe(400);
    expect(irrelevant.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.triggers.determination',
      'body.facts.highRisk',
    ]);
    expect(irrelevant.body.error.message).toMatch(
      /has no clock started by determination .*; 1 more problem in details$/,
    );
    const nis2Fact = await patch('/incidents/INC-OB1/obligations/nis2', { facts: { highRisk: false } });
    expect(nis2Fact.status).toBe(400);
    expect(nis2Fact.body.error.details[0]).toMatchObject({
      field: 'body.facts.highRisk',
      message: expect.stringContaining('(it uses: none)'),
    });
    expect((await post('/incidents/INC-404/obligations', { regime: 'dora' })).status).toBe(404);
    expect((await post('/incidents/INC-OB1/obligations', { regime: 'dora' }, responder)).status).toBe(403);
    expect((await post('/incidents/INC-OB1/obligations', { regime: 'dora' }, viewer)).status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it('records submissions: on time, late with lateness, checklist coverage, and the stage that follows', async () => {
    const discovery = (await get('/incidents/INC-OB1')).body.discoveryDate as string;
    const onTime = await post('/incidents/INC-OB1/obligations/gdpr/submissions', {
      clock: 'authority',
      submittedAt: new Date(Date.parse(discovery) + 60 * HOUR).toISOString(),
      recipient: 'CNIL',
      reference: 'CNIL-2025-0042',
      coveredItems: ['nature', 'records', 'contact-point'],
    });
    expect(onTime.status).toBe(201);
    expect(onTime.body).toMatchObject({ submissionId: 'SUB-1', submittedBy: 'carol', clock: 'authority' });
    expect(onTime.body.lateness).toBeUndefined();

    const late = await post('/incidents/INC-OB1/obligations/nis2/submissions', {
      clock: 'early-warning',
      recipient: 'CERT-FR',
      coveredItems: ['suspected-malicious', 'cross-border'],
    });
    expect(late.status).toBe(201);
    expect(late.body.lateness.seconds).toBeGreaterThan(44 * 3600);

    // The final report waits for the incident notification.
    const before = await snapshot();
    const tooEarly = await post('/incidents/INC-OB1/obligations/nis2/submissions', {
      clock: 'final-report',
      recipient: 'CERT-FR',
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('CLOCK_NOT_STARTED');
    const badClock = await post('/incidents/INC-OB1/obligations/nis2/submissions', {
      clock: 'progress',
      recipient: 'CERT-FR',
    });
    expect(badClock.status).toBe(400);
    expect(badClock.body.error.details[0].field).toBe('body.clock');
    const badItem = await post('/incidents/INC-OB1/obligations/nis2/submissions', {
      clock: 'notification',
      recipient: 'CERT-FR',
      coveredItems: ['iocs', 'root-cause'],
    });
    expect(badItem.status).toBe(400);
    expect(badItem.body.error.details[0].field).toBe('body.coveredItems.1');
    const future = await post('/incidents/INC-OB1/obligations/nis2/submissions', {
      clock: 'notification',
      recipient: 'CERT-FR',
      submittedAt: new Date(Date.now() + HOUR).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(
      (await post('/incidents/INC-OB1/obligations/dora/submissions', { clock: 'initial', recipient: 'x' }))
        .status,
    ).toBe(404);
    const byResponder = await post(
      '/incidents/INC-OB1/obligations/nis2/submissions',
      { clock: 'notification', recipient: 'CERT-FR' },
      responder,
    );
    expect(byResponder.status).toBe(403);
    expect(await snapshot()).toBe(before);

    const notified = await post('/incidents/INC-OB1/obligations/nis2/submissions', {
      clock: 'notification',
      recipient: 'CERT-FR',
      coveredItems: ['update', 'severity-impact'],
    });
    expect(notified.status).toBe(201);

    const list = (await get('/incidents/INC-OB1/obligations')).body.items;
    const gdprAuthority = clockOf(list[0], 'authority');
    expect(gdprAuthority).toMatchObject({ status: 'submitted', missingItems: ['consequences', 'measures'] });
    expect(gdprAuthority.checklist.find((i: { id: string }) => i.id === 'nature')).toMatchObject({
      covered: true,
      coveredBy: ['SUB-1'],
    });
    expect(gdprAuthority.checklist.find((i: { id: string }) => i.id === 'reasons-for-delay').required).toBe(
      false,
    );
    const nis2 = list[1];
    expect(clockOf(nis2, 'early-warning')).toMatchObject({
      status: 'submitted',
      lateness: { iso8601: expect.stringMatching(/^P1DT/) },
    });
    expect(clockOf(nis2, 'notification')).toMatchObject({ status: 'submitted', missingItems: ['iocs'] });
    const final = clockOf(nis2, 'final-report');
    expect(final.status).toBe('open');
    expect(final.startedAt).toBe(notified.body.submittedAt);
    expect(final.due).toBe(
      addDuration(
        new Date(notified.body.submittedAt),
        { amount: 1, unit: 'months' },
        'Europe/Brussels',
      ).toISOString(),
    );

    const timeline = (await get('/incidents/INC-OB1/timeline?limit=100')).body.items;
    const types = timeline.map((e: { type: string }) => e.type);
    expect(types).toContain('obligation.submitted');
    expect(types).toContain('obligation.submitted_late');
    expect(timeline.at(-1)).toMatchObject({
      actor: 'carol',
      data: { obligationId: 'nis2', clock: 'notification' },
    });
  });

  it('a late GDPR authority notice must give the reasons for the delay; the report shows lateness and overdue clocks', async () => {
    await incident('INC-OB2', ago(100));
    expect(
      (await post('/incidents/INC-OB2/obligations', { regime: 'gdpr', facts: { highRisk: false } })).status,
    ).toBe(201);

    const overdue = (await get('/incidents/INC-OB2/report')).body;
    expect(overdue.obligations).toEqual([
      {
        obligationId: 'gdpr',
        name: 'GDPR personal-data breach notification',
        status: 'overdue',
        clocks: [
          expect.objectContaining({
            clockId: 'authority',
            status: 'overdue',
            lateness: expect.objectContaining({ iso8601: expect.stringMatching(/^P1DT4H/) }),
          }),
        ],
      },
    ]);
    expect(overdue.recommendations).toContainEqual(
      expect.objectContaining({ type: 'regulatory_compliance', priority: 'high' }),
    );

    const before = await snapshot();
    const noReasons = await post('/incidents/INC-OB2/obligations/gdpr/submissions', {
      clock: 'authority',
      recipient: 'ICO',
      coveredItems: ['nature'],
    });
    expect(noReasons.status).toBe(400);
    expect(noReasons.body.error.details).toEqual([
      { field: 'body.reasonsForDelay', message: 'required when the notice is late' },
    ]);
    const notApplicable = await post('/incidents/INC-OB2/obligations/gdpr/submissions', {
      clock: 'data-subjects',
      recipient: 'customers',
    });
    expect(notApplicable.status).toBe(409);
    expect(notApplicable.body.error.code).toBe('CLOCK_NOT_APPLICABLE');
    expect(await snapshot()).toBe(before);

    const withReasons = await post('/incidents/INC-OB2/obligations/gdpr/submissions', {
      clock: 'authority',
      recipient: 'ICO',
      coveredItems: ['nature', 'records', 'contact-point', 'consequences', 'measures'],
      reasonsForDelay: 'The supplier confirmed the scope only on day four',
    });
    expect(withReasons.status).toBe(201);
    expect(withReasons.body.lateness.seconds).toBeGreaterThan(27 * 3600);

    const report = (await get('/incidents/INC-OB2/report')).body;
    const authority = report.obligations[0].clocks[0];
    expect(authority).toMatchObject({ status: 'submitted', missingItems: [] });
    expect(authority.lateness.seconds).toBeGreaterThan(27 * 3600);
    expect(report.recommendations).toContainEqual(
      expect.objectContaining({ type: 'regulatory_compliance', priority: 'medium' }),
    );
    expect(
      report.recommendations.filter(
        (r: { priority: string; type: string }) =>
          r.type === 'regulatory_compliance' && r.priority === 'high',
      ),
    ).toEqual([]);
  });

  it('a determination set after discovery re-computes the clocks (PATCH), on the timeline', async () => {
    await incident('INC-OB3', ago(24 * 10));
    const sec = await post('/incidents/INC-OB3/obligations', { regime: 'sec-8k' });
    expect(sec.status).toBe(201);
    expect(clockOf(sec.body, 'form-8k')).toMatchObject({
      status: 'overdue',
      assumedTriggers: ['determination'],
    });

    const determination = ago(1);
    const updated = await patch('/incidents/INC-OB3/obligations/sec-8k', {
      triggers: { determination },
      reason: 'Disclosure committee found the incident material',
    });
    expect(updated.status).toBe(200);
    const form = clockOf(updated.body, 'form-8k');
    expect(form).toMatchObject({ status: 'open', assumedTriggers: [], startedAt: determination });
    expect(form.due).toBe(
      addDuration(new Date(determination), { amount: 4, unit: 'business-days' }, 'America/New_York', [
        '2025-12-25',
      ]).toISOString(),
    );
    expect(updated.body.version).toBe(2);

    const entry = (await get('/incidents/INC-OB3')).body.timeline.at(-1);
    expect(entry).toMatchObject({
      type: 'obligation.updated',
      actor: 'carol',
      data: { to: { 'form-8k': form.due } },
    });
    expect(entry.summary).toContain('Disclosure committee');

    // Clearing the determination falls back to the discovery date.
    const cleared = await patch('/incidents/INC-OB3/obligations/sec-8k', {
      triggers: { determination: null },
    });
    expect(clockOf(cleared.body, 'form-8k').status).toBe('overdue');

    const before = await snapshot();
    // A trigger before the discovery: the headline states that, not "Not applicable to …" (issue 16).
    const discovery = (await get('/incidents/INC-OB3')).body.discoveryDate as string;
    const early = new Date(Date.parse(discovery) - HOUR).toISOString();
    const beforeDiscovery = await patch('/incidents/INC-OB3/obligations/sec-8k', {
      triggers: { determination: early },
    });
    expect(beforeDiscovery.status).toBe(400);
    expect(beforeDiscovery.body.error.message).toBe(
      `determination time (${early}) is before the incident's discovery (${discovery})`,
    );
    expect(beforeDiscovery.body.error.details).toEqual([
      {
        field: 'body.triggers.determination',
        message: `must not be before the incident's discovery (${discovery})`,
      },
    ]);
    expect((await patch('/incidents/INC-OB3/obligations/sec-8k', {})).status).toBe(400);
    expect((await patch('/incidents/INC-OB3/obligations/hipaa', { facts: { highRisk: true } })).status).toBe(
      404,
    );
    expect(
      (await patch('/incidents/INC-OB3/obligations/sec-8k', { facts: { highRisk: 'yes' } })).status,
    ).toBe(400);
    expect((await patch('/incidents/INC-OB3/obligations/sec-8k', { reason: 'x' }, viewer)).status).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it('facts switch conditional clocks (HIPAA media above 500 residents of a State)', async () => {
    await incident('INC-OB4', ago(2));
    const hipaa = await post('/incidents/INC-OB4/obligations', {
      regime: 'hipaa',
      facts: { affectedIndividuals: 120, maxResidentsInAState: 80 },
    });
    expect(hipaa.status).toBe(201);
    const statuses = Object.fromEntries(
      hipaa.body.clocks.map((c: { clockId: string; status: string }) => [c.clockId, c.status]),
    );
    expect(statuses).toEqual({
      individuals: 'open',
      media: 'not_applicable',
      hhs: 'not_applicable',
      'hhs-annual': 'open',
    });
    const more = await patch('/incidents/INC-OB4/obligations/hipaa', {
      facts: { affectedIndividuals: 2000, maxResidentsInAState: 900 },
    });
    expect(more.body.clocks.map((c: { status: string }) => c.status)).toEqual([
      'open',
      'open',
      'open',
      'not_applicable',
    ]);
  });
});
