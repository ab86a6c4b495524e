import { describe, expect, it } from 'vitest';
import { readRegulatoryConfig } from '../../shared/config.js';
import { recommendations } from '../../shared/domain/incidents/report.js';
import { obligationView, suggestRegimes } from '../../shared/domain/obligations/view.js';

const assessment = (over: object = {}) => ({
  regulatoryImpact: 'minor' as const,
  dataCompromised: [] as string[],
  ...over,
});

describe('regime suggestions', () => {
  const settings = { jurisdictions: ['EU', 'US-NY'], sectors: ['financial'] };

  it('suggests nothing without an assessment or without personal data and regulatory impact', () => {
    expect(suggestRegimes(undefined, settings)).toEqual([]);
    expect(suggestRegimes(assessment(), settings)).toEqual([]);
  });

  it('personal data → personal-data regimes of the configured jurisdictions', () => {
    const ids = suggestRegimes(assessment({ dataCompromised: ['customer_data'] }), settings).map(
      (s) => s.regime,
    );
    expect(ids).toEqual(['gdpr']);
  });

  it('moderate regulatory impact → incident regimes of the jurisdictions and sector; US-NY covers US', () => {
    const s = suggestRegimes(assessment({ regulatoryImpact: 'moderate' }), settings);
    expect(s.map((x) => x.regime)).toEqual(['nis2', 'dora', 'nydfs', 'circia']);
    expect(s.find((x) => x.regime === 'circia')).toMatchObject({ inForce: false });
    expect(s[0]?.reason).toContain('regulatory impact is moderate');
  });

  it('leaves out regimes already attached', () => {
    const s = suggestRegimes(assessment({ regulatoryImpact: 'severe', customersAffected: 3 }), settings, [
      'gdpr',
      'dora',
    ]);
    expect(s.map((x) => x.regime)).toEqual(['nis2', 'nydfs', 'circia']);
  });
});

describe('obligations in the report', () => {
  it('an overdue clock is a high regulatory_compliance recommendation', () => {
    const view = obligationView(
      {
        incidentId: 'INC-1',
        obligationId: 'gdpr',
        regime: 'gdpr',
        triggers: {},
        facts: { highRisk: false },
        submissions: [],
        attachedAt: '2025-01-01T00:00:00.000Z',
        attachedBy: 'carol',
        updatedAt: '2025-01-01T00:00:00.000Z',
        version: 1,
      },
      '2025-01-01T00:00:00.000Z',
      new Date('2025-01-05T00:00:00.000Z'),
      { holidays: {} },
    );
    expect(view.status).toBe('overdue');
    const recs = recommendations({
      status: 'open',
      durationSeconds: 0,
      escalations: [],
      openActions: 0,
      affectedThirdParties: [],
      obligations: [
        {
          obligationId: 'gdpr',
          name: view.name,
          status: view.status,
          clocks: view.clocks.map((c) => ({ ...c, missingItems: c.missingItems })),
        },
      ],
    });
    expect(recs).toEqual([
      expect.objectContaining({
        type: 'regulatory_compliance',
        priority: 'high',
        description: expect.stringContaining('P1D'),
      }),
    ]);
  });
});

describe('regulatory configuration', () => {
  it('reads jurisdictions, sectors and holidays', () => {
    expect(
      readRegulatoryConfig({
        LIAISON_JURISDICTIONS: 'eu, us-ny',
        LIAISON_SECTOR: 'financial,listed',
        LIAISON_HOLIDAYS: '{"sec-8k":["2025-12-25"]}',
      }),
    ).toEqual({
      jurisdictions: ['EU', 'US-NY'],
      sectors: ['financial', 'listed'],
      holidays: { 'sec-8k': ['2025-12-25'] },
    });
    expect(readRegulatoryConfig({})).toEqual({ jurisdictions: [], sectors: [], holidays: {} });
  });

  it.each([
    [{ LIAISON_JURISDICTIONS: 'Europe' }, /LIAISON_JURISDICTIONS/],
    [{ LIAISON_SECTOR: 'banking' }, /LIAISON_SECTOR "banking"/],
    [{ LIAISON_HOLIDAYS: '[1]' }, /LIAISON_HOLIDAYS must be a JSON object/],
    [{ LIAISON_HOLIDAYS: '{"sec":["2025-12-25"]}' }, /unknown regime "sec"/],
    [{ LIAISON_HOLIDAYS: '{"sec-8k":["25/12/2025"]}' }, /LIAISON_HOLIDAYS.sec-8k/],
  ])('refuses %j', (env, message) => {
    expect(() => readRegulatoryConfig(env)).toThrow(message);
  });
});
