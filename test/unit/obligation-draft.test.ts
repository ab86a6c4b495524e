import { describe, expect, it } from 'vitest';
import { REGIMES, regimeById } from '../../shared/domain/obligations/regimes.js';
import { obligationView } from '../../shared/domain/obligations/view.js';
import {
  CHECKLIST_SOURCES,
  type DraftFacts,
  draftChecklist,
} from '../../shared/domain/reminders/checklist.js';
import { draftClock, withMissingMarkers } from '../../shared/domain/reminders/draft.js';
import { renderTemplate, templateView } from '../../shared/domain/templates/render.js';

const bare: DraftFacts = {
  description: 'Customer database exfiltrated through a supplier VPN',
  category: 'data_breach',
  discoveryDate: '2030-03-01T08:00:00.000Z',
  affectedThirdParties: [],
  actions: [],
  lessonsLearned: [],
  obligationFacts: {},
  submissions: [],
};

const known: DraftFacts = {
  ...bare,
  impactAssessment: {
    businessImpact: 'high',
    financialImpact: 250000,
    reputationImpact: 'moderate',
    regulatoryImpact: 'severe',
    customersAffected: 12000,
    dataCompromised: ['names', 'email addresses'],
    systemsAffected: ['crm'],
  },
  affectedThirdParties: ['TP-VPN'],
  actions: [
    { actionId: 'ACTION-1', description: 'Revoke supplier VPN credentials', status: 'completed' },
    { actionId: 'ACTION-2', description: 'Abandoned idea', status: 'cancelled' },
  ],
  commanderContactId: 'CON-IC',
};

const items = (regime: string, clock: string) =>
  (regimeById(regime)?.clocks.find((c) => c.id === clock)?.checklist ?? []).map((i) => ({
    id: i.id,
    label: i.label,
    required: !i.whenLate,
    coveredBy: [] as string[],
  }));

describe('checklist mapping: which incident fact fills which item', () => {
  it('GDPR Art. 33(3): nothing assessed yet → only the description-free items are empty', () => {
    const { checklist, missing } = draftChecklist(items('gdpr', 'authority'), bare, 'authority');
    expect(missing).toEqual(['nature', 'records', 'contact-point', 'consequences', 'measures']);
    // reasons-for-delay is required only when late: listed, not missing.
    expect(checklist.find((c) => c.item === 'reasons-for-delay')).toMatchObject({
      required: false,
      satisfied: false,
    });
  });

  it('GDPR Art. 33(3): an assessed incident with a commander and actions fills every item', () => {
    const { checklist, missing } = draftChecklist(items('gdpr', 'authority'), known, 'authority');
    expect(missing).toEqual([]);
    const by = Object.fromEntries(checklist.map((c) => [c.item, c]));
    expect(by.nature).toMatchObject({
      satisfied: true,
      value: 'names, email addresses; about 12000 data subjects',
    });
    expect(by['contact-point']).toMatchObject({
      source: 'command.incident_commander.contactId',
      value: 'CON-IC',
    });
    // Cancelled actions are not measures taken.
    expect(by.measures?.value).toBe('ACTION-1 (completed) Revoke supplier VPN credentials');
    expect(by.consequences).toMatchObject({ source: 'impactAssessment', satisfied: true });
  });

  it('the obligation facts count of individuals wins over customers affected', () => {
    const { checklist } = draftChecklist(
      items('gdpr', 'authority'),
      { ...known, obligationFacts: { affectedIndividuals: 40 } },
      'authority',
    );
    expect(checklist.find((c) => c.item === 'nature')?.value).toBe(
      'names, email addresses; about 40 data subjects',
    );
  });

  it('NIS2 early warning: items no incident fact answers are manual (source null)', () => {
    const { checklist, missing } = draftChecklist(items('nis2', 'early-warning'), known, 'early-warning');
    expect(checklist.map((c) => [c.item, c.source])).toEqual([
      ['suspected-malicious', null],
      ['cross-border', null],
    ]);
    expect(missing).toEqual(['suspected-malicious', 'cross-border']);
  });

  it('NIS2 notification: the update item is met by an earlier submission of the obligation', () => {
    const withEarly = { ...known, submissions: [{ submissionId: 'SUB-1', clock: 'early-warning' }] };
    const { checklist } = draftChecklist(items('nis2', 'notification'), withEarly, 'notification');
    expect(checklist.find((c) => c.item === 'update')).toMatchObject({ satisfied: true, value: 'SUB-1' });
    expect(checklist.find((c) => c.item === 'iocs')).toMatchObject({ satisfied: false, source: null });
  });

  it('an item a submission already covered is satisfied by that submission', () => {
    const covered = items('nis2', 'early-warning').map((i) => ({ ...i, coveredBy: ['SUB-1'] }));
    const { missing, checklist } = draftChecklist(covered, bare, 'early-warning');
    expect(missing).toEqual([]);
    expect(checklist[0]?.source).toBe('submission SUB-1');
  });

  it('every mapped item id exists in the regime catalogue (no dead mapping)', () => {
    const ids = new Set(REGIMES.flatMap((r) => r.clocks.flatMap((c) => c.checklist.map((i) => i.id))));
    expect(Object.keys(CHECKLIST_SOURCES).filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('the draft clock and template rendering', () => {
  const record = {
    incidentId: 'INC-1',
    obligationId: 'nis2',
    regime: 'nis2',
    triggers: {},
    facts: {},
    submissions: [
      {
        submissionId: 'SUB-1',
        clock: 'early-warning',
        submittedAt: '2030-03-01T10:00:00.000Z',
        recipient: 'CSIRT',
        coveredItems: [],
        submittedBy: 'carol',
        recordedAt: '2030-03-01T10:00:00.000Z',
        dueAt: '2030-03-02T08:00:00.000Z',
      },
    ],
    attachedAt: '2030-03-01T08:00:00.000Z',
    attachedBy: 'carol',
    updatedAt: '2030-03-01T08:00:00.000Z',
    version: 2,
  };
  const obligation = obligationView(record, '2030-03-01T08:00:00.000Z', new Date('2030-03-01T12:00:00Z'), {
    holidays: {},
  });

  it('defaults to the first running clock, else the one asked for; an unknown clock is a 400 naming query.clock', () => {
    expect(draftClock(obligation, undefined).clockId).toBe('notification');
    expect(draftClock(obligation, 'early-warning').clockId).toBe('early-warning');
    expect(() => draftClock(obligation, 'nope')).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ field: 'query.clock' })] }),
    );
  });

  it('a placeholder without a value renders as [missing: name] instead of failing', () => {
    const view = templateView({
      id: 'INC-1',
      title: 'Breach',
      description: 'd',
      severity: 'high',
      priority: 'high',
      status: 'open',
      category: 'data_breach',
      discoveryDate: '2030-03-01T08:00:00.000Z',
      createdAt: '2030-03-01T08:00:00.000Z',
      updatedAt: '2030-03-01T08:00:00.000Z',
      createdBy: 'carol',
      affectedThirdParties: [],
      tlp: 'AMBER',
      version: 1,
    });
    const text = {
      subject: 'Breach notification {{id}}',
      body: '{{title}}: about {{impact.customersAffected}} people; data {{impact.dataCompromised}}',
    };
    const rendered = renderTemplate(
      text,
      withMissingMarkers(view, ['impact.customersAffected', 'impact.dataCompromised']),
    );
    expect(rendered).toEqual({
      subject: 'Breach notification INC-1',
      body: 'Breach: about [missing: impact.customersAffected] people; data [missing: impact.dataCompromised]',
    });
    expect(view.impact).toBeUndefined(); // the view itself is not changed
  });
});
