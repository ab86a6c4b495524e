/**
 * The TLP module (`shared/domain/tlp/`): marking, lowering authority, partner withholding, ceilings
 * read once per organization, and properties of the order (fast-check). The per-recipient decision
 * itself is covered case by case in `notification-tlp.test.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organizationCeilings, standingOf } from '../../shared/domain/tlp/ceilings.js';
import {
  communicationMarking,
  DEFAULT_INCIDENT_TLP,
  decideRecipient,
  effectiveTlpCeiling,
  incidentTlp,
  incidentTlpChange,
  isLowering,
  isRaising,
  partnerWithholding,
  TLP_LEVELS,
  type Tlp,
  tlpAllows,
  tlpRank,
} from '../../shared/domain/tlp/rules.js';
import { ForbiddenError, ValidationError } from '../../shared/errors.js';
import type { Command } from '../../shared/schemas/command.js';

const level = fc.constantFrom(...TLP_LEVELS);
const NOW = new Date('2026-06-01T00:00:00Z');
const COORDINATOR = { subject: 'carol', roles: ['coordinator'] as const };
const RESPONDER = { subject: 'rita', roles: ['responder'] as const };
const commander: Command = {
  incident_commander: { subject: 'ida', name: 'Ida', since: '2026-01-01T00:00:00Z', assignedBy: 'carol' },
};

describe('TLP order (properties)', () => {
  it('tlpAllows is the order of TLP_LEVELS: reflexive, transitive, total', () => {
    fc.assert(
      fc.property(level, level, level, (a, b, c) => {
        expect(tlpAllows(a, a)).toBe(true);
        expect(tlpAllows(a, b) || tlpAllows(b, a)).toBe(true);
        if (tlpAllows(a, b) && tlpAllows(b, c)) expect(tlpAllows(a, c)).toBe(true);
        expect(tlpAllows(a, b)).toBe(TLP_LEVELS.indexOf(b) <= TLP_LEVELS.indexOf(a));
      }),
    );
  });

  it('a level is exactly one of lowering, raising or the same', () => {
    fc.assert(
      fc.property(level, level, (incident, tlp) => {
        const kinds = [isLowering(incident, tlp), isRaising(incident, tlp), incident === tlp];
        expect(kinds.filter(Boolean)).toHaveLength(1);
      }),
    );
  });

  it('no recipient decision ever allows more than the template cap or (external) the ceiling', () => {
    fc.assert(
      fc.property(
        level,
        level,
        fc.option(level, { nil: undefined }),
        fc.constantFrom('contact', 'organization', 'group' as const),
        fc.boolean(),
        fc.boolean(),
        (tlp, ceiling, cap, via, named, internal) => {
          const decision = decideRecipient({
            tlp,
            via,
            organizationId: 'ORG-A',
            namedOrganizations: new Set(named ? ['ORG-A'] : []),
            organizationCeiling: ceiling,
            internal,
            templateMaxTlp: cap,
          });
          if (!decision.allowed) return;
          if (cap) expect(tlpAllows(cap, tlp)).toBe(true);
          if (!internal) expect(tlpAllows(ceiling, tlp)).toBe(true);
          if (tlp === 'RED') expect(via).toBe('contact');
        },
      ),
    );
  });

  it('the effective ceiling is never below GREEN and never above the best agreement', () => {
    const agreement = fc.record({ tlpCeiling: level, revoked: fc.boolean() });
    fc.assert(
      fc.property(fc.array(agreement, { maxLength: 5 }), (list) => {
        const terms = list.map((a) => ({
          signedAt: '2026-01-01T00:00:00Z',
          tlpCeiling: a.tlpCeiling,
          revokedAt: a.revoked ? '2026-02-01T00:00:00Z' : null,
        }));
        const ceiling = effectiveTlpCeiling(terms, NOW);
        expect(tlpRank(ceiling)).toBeGreaterThanOrEqual(tlpRank('GREEN'));
        const best = Math.max(
          tlpRank('GREEN'),
          ...list.filter((a) => !a.revoked).map((a) => tlpRank(a.tlpCeiling)),
        );
        expect(tlpRank(ceiling)).toBe(best);
      }),
    );
  });
});

describe('incident marking and lowering authority', () => {
  it('an incident without a marking is AMBER', () => {
    expect(DEFAULT_INCIDENT_TLP).toBe('AMBER');
    expect(incidentTlp({})).toBe('AMBER');
    expect(incidentTlp({ tlp: 'RED' })).toBe('RED');
  });

  it('a communication takes its incident level by default, may lower it with authority, never raise it', () => {
    expect(communicationMarking(RESPONDER, { tlp: 'AMBER' }, undefined)).toEqual({
      tlp: 'AMBER',
      incidentTlp: 'AMBER',
    });
    expect(communicationMarking(COORDINATOR, {}, 'GREEN')).toEqual({
      tlp: 'GREEN',
      incidentTlp: 'AMBER',
      loweredFrom: 'AMBER',
    });
    expect(() => communicationMarking(COORDINATOR, { tlp: 'AMBER' }, 'RED')).toThrow(ValidationError);
    // Lowering is a decision: a responder may not, nor a coordinator once a commander is named.
    expect(() => communicationMarking(RESPONDER, { tlp: 'AMBER' }, 'GREEN')).toThrow(ForbiddenError);
    expect(() => communicationMarking(COORDINATOR, { tlp: 'AMBER', command: commander }, 'GREEN')).toThrow(
      /Only the incident commander \(Ida\) or an admin may lower the TLP/,
    );
    expect(
      communicationMarking({ subject: 'ida', roles: ['responder'] }, { command: commander }, 'CLEAR'),
    ).toMatchObject({ loweredFrom: 'AMBER' });
  });

  it('raising is checked before authority: the 400 wins over a 403', () => {
    expect(() => communicationMarking(RESPONDER, { tlp: 'GREEN' }, 'RED')).toThrow(ValidationError);
  });

  it("an incident's own TLP: lowering needs decision authority, raising needs coordination", () => {
    expect(incidentTlpChange(COORDINATOR, { tlp: 'AMBER' }, 'AMBER')).toBeNull();
    expect(incidentTlpChange(COORDINATOR, {}, 'RED')).toEqual({
      from: 'AMBER',
      to: 'RED',
      direction: 'raised',
    });
    expect(incidentTlpChange(COORDINATOR, {}, 'GREEN')).toEqual({
      from: 'AMBER',
      to: 'GREEN',
      direction: 'lowered',
    });
    expect(() => incidentTlpChange(RESPONDER, {}, 'RED')).toThrow(ForbiddenError);
    expect(() => incidentTlpChange(COORDINATOR, { command: commander }, 'GREEN')).toThrow(ForbiddenError);
    // The commander (a responder) coordinates the incident: may raise and lower.
    const ida = { subject: 'ida', roles: ['responder'] as const };
    expect(incidentTlpChange(ida, { command: commander }, 'RED')?.direction).toBe('raised');
    expect(incidentTlpChange(ida, { command: commander }, 'CLEAR')?.direction).toBe('lowered');
  });
});

describe('what a partner may read of content not addressed to it', () => {
  it('never RED nor AMBER+STRICT; otherwise up to its ceiling', () => {
    expect(partnerWithholding('RED', 'RED')).toBe('RED');
    expect(partnerWithholding('AMBER+STRICT', 'RED')).toBe('AMBER+STRICT');
    expect(partnerWithholding('AMBER', 'GREEN')).toBe('ABOVE_CEILING');
    expect(partnerWithholding('AMBER', 'AMBER')).toBeNull();
    expect(partnerWithholding('CLEAR', 'GREEN')).toBeNull();
  });
});

describe('ceilings read once per organization', () => {
  it('reads each organization once; an unknown one may receive CLEAR only', async () => {
    const reads: string[] = [];
    const standing: Record<string, { ceiling: Tlp; internal: boolean }> = {
      'ORG-A': { ceiling: 'AMBER', internal: false },
      'ORG-INT': { ceiling: 'GREEN', internal: true },
    };
    const ceilings = await organizationCeilings(
      async (id) => {
        reads.push(id);
        return standing[id];
      },
      ['ORG-A', 'ORG-INT', 'ORG-A', 'ORG-GONE'],
    );
    expect(reads.sort()).toEqual(['ORG-A', 'ORG-GONE', 'ORG-INT']);
    expect(standingOf(ceilings, 'ORG-A')).toEqual({ ceiling: 'AMBER', internal: false });
    expect(standingOf(ceilings, 'ORG-INT').internal).toBe(true);
    expect(standingOf(ceilings, 'ORG-GONE')).toEqual({ ceiling: 'CLEAR', internal: false });
    expect(standingOf(ceilings, 'ORG-NEVER-ASKED')).toEqual({ ceiling: 'CLEAR', internal: false });
  });
});
