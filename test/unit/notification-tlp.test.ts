import { describe, expect, it } from 'vitest';
import {
  assertNotRaising,
  decideRecipient,
  isLowering,
  isRaising,
  type RecipientFacts,
} from '../../shared/domain/tlp/rules.js';
import { ValidationError } from '../../shared/errors.js';

const facts = (o: Partial<RecipientFacts> = {}): RecipientFacts => ({
  tlp: 'AMBER',
  via: 'contact',
  organizationId: 'ORG-A',
  namedOrganizations: new Set<string>(),
  organizationCeiling: 'RED',
  ...o,
});

describe('need-to-know decision per recipient (TLP 2.0)', () => {
  it('allows a named contact of an organization whose agreement covers the level', () => {
    expect(decideRecipient(facts())).toEqual({ allowed: true });
  });

  it('sends RED only to individually named contacts', () => {
    expect(decideRecipient(facts({ tlp: 'RED' })).allowed).toBe(true);
    expect(
      decideRecipient(facts({ tlp: 'RED', via: 'organization', namedOrganizations: new Set(['ORG-A']) })),
    ).toMatchObject({
      allowed: false,
      code: 'RED_NAMED_CONTACTS_ONLY',
    });
    expect(decideRecipient(facts({ tlp: 'RED', via: 'group' }))).toMatchObject({
      allowed: false,
      code: 'RED_NAMED_CONTACTS_ONLY',
    });
  });

  it('sends AMBER+STRICT only to contacts of the named organizations', () => {
    const named = new Set(['ORG-A']);
    expect(
      decideRecipient(facts({ tlp: 'AMBER+STRICT', via: 'organization', namedOrganizations: named })).allowed,
    ).toBe(true);
    expect(
      decideRecipient(facts({ tlp: 'AMBER+STRICT', via: 'contact', namedOrganizations: named })).allowed,
    ).toBe(true);
    expect(decideRecipient(facts({ tlp: 'AMBER+STRICT', via: 'group' }))).toMatchObject({
      allowed: false,
      code: 'AMBER_STRICT_NAMED_ORGANIZATIONS_ONLY',
    });
    expect(decideRecipient(facts({ tlp: 'AMBER+STRICT', via: 'contact' }))).toMatchObject({
      allowed: false,
      code: 'AMBER_STRICT_NAMED_ORGANIZATIONS_ONLY',
    });
  });

  it('refuses anything above the organization ceiling (GREEN without an agreement)', () => {
    expect(decideRecipient(facts({ tlp: 'GREEN', organizationCeiling: 'GREEN' })).allowed).toBe(true);
    expect(decideRecipient(facts({ tlp: 'CLEAR', organizationCeiling: 'GREEN' })).allowed).toBe(true);
    const refused = decideRecipient(facts({ tlp: 'AMBER', organizationCeiling: 'GREEN' }));
    expect(refused).toMatchObject({ allowed: false, code: 'ABOVE_AGREEMENT_CEILING' });
    expect(refused.allowed === false && refused.reason).toContain('ORG-A');
    expect(decideRecipient(facts({ tlp: 'RED', organizationCeiling: 'AMBER+STRICT' }))).toMatchObject({
      code: 'ABOVE_AGREEMENT_CEILING',
    });
  });

  it('an internal recipient needs no agreement (AMBER, AMBER+STRICT) but RED stays named-contacts-only', () => {
    const internal = facts({ organizationCeiling: 'GREEN', internal: true });
    expect(decideRecipient({ ...internal, tlp: 'AMBER', via: 'group' })).toEqual({ allowed: true });
    expect(decideRecipient({ ...internal, tlp: 'AMBER+STRICT', via: 'group' })).toEqual({ allowed: true });
    expect(decideRecipient({ ...internal, tlp: 'RED' })).toEqual({ allowed: true });
    expect(decideRecipient({ ...internal, tlp: 'RED', via: 'group' })).toMatchObject({
      code: 'RED_NAMED_CONTACTS_ONLY',
    });
    expect(decideRecipient({ ...internal, tlp: 'AMBER', templateMaxTlp: 'GREEN' })).toMatchObject({
      code: 'TEMPLATE_TLP_CAP',
    });
    // The same facts for an external organization: refused.
    expect(decideRecipient({ ...internal, internal: false, tlp: 'AMBER' })).toMatchObject({
      code: 'ABOVE_AGREEMENT_CEILING',
    });
  });

  it('caps a template use at its maxTlp, whatever the recipient', () => {
    expect(decideRecipient(facts({ tlp: 'AMBER', templateMaxTlp: 'GREEN' }))).toMatchObject({
      allowed: false,
      code: 'TEMPLATE_TLP_CAP',
    });
    expect(decideRecipient(facts({ tlp: 'GREEN', templateMaxTlp: 'GREEN' })).allowed).toBe(true);
  });

  it('a communication may lower its incident level, not raise it', () => {
    expect(isLowering('AMBER', 'GREEN')).toBe(true);
    expect(isLowering('AMBER', 'AMBER')).toBe(false);
    expect(isRaising('AMBER', 'RED')).toBe(true);
    expect(isRaising('AMBER', 'CLEAR')).toBe(false);
  });
});

describe('a communication above its incident (issue 16)', () => {
  it('is a 400 on body.tlp with detail code ABOVE_INCIDENT_TLP and says so in the headline', () => {
    expect(() => assertNotRaising('AMBER', 'AMBER')).not.toThrow();
    expect(() => assertNotRaising('AMBER', 'GREEN')).not.toThrow();
    try {
      assertNotRaising('AMBER', 'RED');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).message).toMatch(
        /^The communication's TLP:RED is above the incident's TLP:AMBER/,
      );
      expect((e as ValidationError).details).toEqual([
        expect.objectContaining({ field: 'body.tlp', code: 'ABOVE_INCIDENT_TLP', incidentTlp: 'AMBER' }),
      ]);
    }
  });
});
