import { describe, expect, it } from 'vitest';
import {
  assertAlternatesShape,
  assertChannels,
  assertGroupFitsOrganization,
  channelAddressProblem,
  dimensionOf,
} from '../../shared/domain/contacts/rules.js';
import { FULL_VIEW, renderTemplate, templateView } from '../../shared/domain/templates/render.js';
import { agreementStatus, effectiveTlpCeiling, tlpAllows } from '../../shared/domain/tlp/rules.js';
import { ValidationError } from '../../shared/errors.js';
import type { Incident } from '../../shared/schemas/incidents.js';

const NOW = new Date('2025-06-01T12:00:00Z');
const agreement = (o: Partial<Parameters<typeof agreementStatus>[0]> = {}) => ({
  signedAt: '2025-01-01T00:00:00Z',
  expiresAt: null,
  revokedAt: null,
  tlpCeiling: 'AMBER' as const,
  ...o,
});

describe('TLP ceilings of sharing agreements', () => {
  it('without any agreement an organization may receive CLEAR and GREEN only', () => {
    const ceiling = effectiveTlpCeiling([], NOW);
    expect(ceiling).toBe('GREEN');
    expect(tlpAllows(ceiling, 'CLEAR')).toBe(true);
    expect(tlpAllows(ceiling, 'GREEN')).toBe(true);
    expect(tlpAllows(ceiling, 'AMBER')).toBe(false);
  });

  it('takes the highest ceiling of the valid agreements', () => {
    expect(
      effectiveTlpCeiling(
        [agreement({ tlpCeiling: 'AMBER' }), agreement({ tlpCeiling: 'AMBER+STRICT' })],
        NOW,
      ),
    ).toBe('AMBER+STRICT');
    expect(tlpAllows('AMBER+STRICT', 'RED')).toBe(false);
    expect(tlpAllows('RED', 'RED')).toBe(true);
  });

  it('ignores expired, revoked and not yet signed agreements', () => {
    const expired = agreement({ tlpCeiling: 'RED', expiresAt: '2025-06-01T12:00:00Z' }); // expires == now
    const revoked = agreement({ tlpCeiling: 'RED', revokedAt: '2025-05-01T00:00:00Z' });
    const future = agreement({ tlpCeiling: 'RED', signedAt: '2025-06-01T12:00:01Z' });
    expect(agreementStatus(expired, NOW)).toBe('expired');
    expect(agreementStatus(revoked, NOW)).toBe('revoked');
    expect(agreementStatus(future, NOW)).toBe('not_yet_valid');
    expect(effectiveTlpCeiling([expired, revoked, future], NOW)).toBe('GREEN');
    // signed exactly now is valid; an expiry in the future keeps it valid
    const edge = agreement({
      tlpCeiling: 'RED',
      signedAt: NOW.toISOString(),
      expiresAt: '2026-01-01T00:00:00Z',
    });
    expect(agreementStatus(edge, NOW)).toBe('valid');
    expect(effectiveTlpCeiling([expired, edge], NOW)).toBe('RED');
  });

  it('an agreement never lowers the ceiling below GREEN', () => {
    expect(effectiveTlpCeiling([agreement({ tlpCeiling: 'CLEAR' })], NOW)).toBe('GREEN');
  });
});

describe('coordination dimension', () => {
  it('inside the organization: vertical and horizontal groups', () => {
    for (const g of ['executives', 'board', 'management', 'technical'] as const)
      expect(dimensionOf(g, 'internal')).toBe('vertical');
    for (const g of ['it', 'legal', 'hr', 'pr', 'compliance', 'physical_security'] as const)
      expect(dimensionOf(g, 'internal')).toBe('horizontal');
  });

  it('every contact of another organization is external, whatever its group', () => {
    for (const kind of ['regulator', 'law_enforcement', 'isac', 'cert', 'customer', 'partner', 'supplier'])
      for (const g of ['executives', 'it', 'regulators', 'technical'] as const)
        expect(dimensionOf(g, kind)).toBe('external');
  });

  it('an internal unit cannot have an external stakeholder group', () => {
    expect(() => assertGroupFitsOrganization('regulators', 'internal')).toThrow(/external/);
    expect(() => assertGroupFitsOrganization('regulators', 'regulator')).not.toThrow();
    expect(() => assertGroupFitsOrganization('legal', 'internal')).not.toThrow();
  });
});

describe('channel addresses', () => {
  const strict = { allowHttp: false };
  const local = { allowHttp: true };
  it.each([
    ['email', 'soc@example.com'],
    ['sms', '+14155550100'],
    ['phone', '+442079460000'],
    ['https', 'https://hooks.example.com/liaison?x=1'],
    ['sqs', 'arn:aws:sqs:eu-west-1:123456789012:liaison-partner'],
    ['sqs', 'arn:aws-us-gov:sqs:us-gov-west-1:123456789012:queue.fifo'],
  ] as const)('%s %s is valid', (type, address) => {
    expect(channelAddressProblem(type, address, strict)).toBeUndefined();
  });

  it.each([
    ['email', 'not-an-email'],
    ['sms', '0044 20 7946 0000'],
    ['phone', '+0123456789'],
    ['https', 'http://hooks.example.com'],
    ['https', 'ftp://files.example.com'],
    ['https', 'https://user:pw@example.com'],
    ['https', 'not a url'],
    ['sqs', 'https://sqs.eu-west-1.amazonaws.com/123456789012/q'],
    ['sqs', 'arn:aws:sns:eu-west-1:123456789012:topic'],
  ] as const)('%s %s is refused', (type, address) => {
    expect(channelAddressProblem(type, address, strict)).toEqual(expect.any(String));
  });

  it('plain http:// only in the local stack', () => {
    expect(channelAddressProblem('https', 'http://127.0.0.1:9000/hook', local)).toBeUndefined();
    expect(channelAddressProblem('https', 'http://127.0.0.1:9000/hook', strict)).toMatch(/https/);
  });

  it('names each bad channel, duplicates, and a missing primary', () => {
    try {
      assertChannels(
        [
          { type: 'email', address: 'a@example.com', priority: 'backup' },
          { type: 'sms', address: '12345', priority: 'backup' },
          { type: 'email', address: 'a@example.com', priority: 'backup' },
        ],
        strict,
      );
      expect.unreachable();
    } catch (error) {
      expect((error as { details: { field: string }[] }).details.map((d) => d.field)).toEqual([
        'body.channels.1.address',
        'body.channels.2',
        'body.channels',
      ]);
    }
  });

  it('alternates: not itself, not twice', () => {
    expect(() => assertAlternatesShape('C1', ['C2', 'C3'])).not.toThrow();
    expect(() => assertAlternatesShape('C1', ['C1'])).toThrow();
    expect(() => assertAlternatesShape('C1', ['C2', 'C2'])).toThrow();
  });
});

const incident = (o: Partial<Incident> = {}): Incident => ({
  id: 'INC-7',
  title: 'Data breach at Cloud Provider',
  description: 'd',
  tlp: 'AMBER',
  severity: 'high',
  priority: 'critical',
  status: 'open',
  category: 'data_breach',
  affectedThirdParties: ['TP-1', 'TP-2'],
  discoveryDate: '2025-01-02T03:04:05.000Z',
  createdAt: '2025-01-02T04:00:00.000Z',
  updatedAt: '2025-01-02T04:00:00.000Z',
  createdBy: 'carol',
  version: 1,
  ...o,
});

describe('template rendering', () => {
  it('fills placeholders from the incident, dotted names and sections included, without HTML escaping', () => {
    const view = templateView(
      incident({
        impactAssessment: {
          businessImpact: 'critical',
          financialImpact: 0,
          reputationImpact: 'moderate',
          regulatoryImpact: 'severe',
          customersAffected: 5000,
          assessedAt: 'x',
          assessedBy: 'carol',
          impactFactors: 7,
        },
      }),
    );
    const out = renderTemplate(
      {
        subject: '[{{priority}}] {{title}} <{{id}}>',
        body: 'Third parties: {{affectedThirdParties}}.{{#impact}} Customers: {{customersAffected}}, cost {{impact.financialImpact}}.{{/impact}}',
      },
      view,
    );
    expect(out).toEqual({
      subject: '[critical] Data breach at Cloud Provider <INC-7>',
      body: 'Third parties: TP-1, TP-2. Customers: 5000, cost 0.',
    });
  });

  it('a missing placeholder is an error naming each one, never an empty string', () => {
    const view = templateView(incident({ affectedThirdParties: [] }));
    const render = () =>
      renderTemplate(
        {
          subject: '{{title}} {{nope}}',
          body: '{{affectedThirdParties}} {{impact.businessImpact}} {{nope}}',
        },
        view,
        'path.templateId',
      );
    expect(render).toThrow(ValidationError);
    try {
      render();
    } catch (error) {
      expect((error as ValidationError).message).toBe(
        'Missing values for {{nope}}, {{affectedThirdParties}}, {{impact.businessImpact}}',
      );
      expect((error as ValidationError).details.map((d) => [d.field, d.part, d.placeholder])).toEqual([
        ['path.templateId', 'subject', 'nope'],
        ['path.templateId', 'body', 'affectedThirdParties'],
        ['path.templateId', 'body', 'impact.businessImpact'],
        ['path.templateId', 'body', 'nope'],
      ]);
    }
  });

  it('optional parts use sections: skipped (or inverted) when the value is absent', () => {
    const out = renderTemplate(
      {
        subject: '{{id}}',
        body: '{{#impact}}Impact {{impact.businessImpact}}{{/impact}}{{^impact}}Not assessed yet{{/impact}}',
      },
      templateView(incident()),
    );
    expect(out.body).toBe('Not assessed yet');
  });

  it('refuses partials and malformed templates', () => {
    expect(() => renderTemplate({ subject: 'x', body: '{{> header}}' }, FULL_VIEW)).toThrow(/partials/);
    expect(() => renderTemplate({ subject: '{{#open}}x', body: 'y' }, FULL_VIEW)).toThrow(ValidationError);
  });
});
