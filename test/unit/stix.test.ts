/**
 * The STIX 2.1 form of an incident (shared/domain/sharing/stix.ts), the pattern grammar, the
 * observable checks and the sharing TLP rules: every object validates against the OASIS schemas,
 * markings are the official TLP 2.0 objects, ids are deterministic, a ceiling gives exactly the
 * objects at or below it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bundleOf,
  defaultPattern,
  type IncidentStixInput,
  incidentStixObjects,
  observableOf,
  shareableObjects,
  TLP_MARKING_IDS,
  tlpMarking,
} from '../../shared/domain/sharing/stix.js';
import { uuidv5 } from '../../shared/domain/sharing/uuid.js';
import { assertCollectionCeiling, itemMarking, sharingCeiling } from '../../shared/domain/tlp/rules.js';
import { stixPatternError } from '../../shared/model/stix-pattern.js';
import { TLP_LEVELS } from '../../shared/model/tlp.js';
import type { Indicator } from '../../shared/schemas/sharing.js';
import { CreateIndicatorBody, observableValueError } from '../../shared/schemas/sharing.js';
import { stixValidator } from '../helpers/stix-schemas.js';

const validator = stixValidator();
const T0 = '2024-03-01T08:00:00.000Z';

const indicator = (id: string, over: Partial<Indicator>): Indicator => ({
  indicatorId: id,
  type: 'ipv4-addr',
  value: '198.51.100.7',
  pattern: "[ipv4-addr:value = '198.51.100.7']",
  tlp: 'GREEN',
  validFrom: T0,
  sightings: [],
  recordedAt: T0,
  recordedBy: 'rita',
  modifiedAt: T0,
  version: 1,
  ...over,
});

const input = (over: Partial<IncidentStixInput> = {}): IncidentStixInput => ({
  incident: {
    id: 'INC-1',
    title: 'Credential stuffing against the portal',
    description: 'Logins from a botnet',
    tlp: 'AMBER',
    severity: 'high',
    category: 'unauthorized_access',
    status: 'open',
    createdAt: T0,
    updatedAt: '2024-03-01T09:00:00.000Z',
    affectedThirdParties: ['TP-CLOUD'],
  },
  operatorName: 'Acme',
  organizations: new Map([['TP-CLOUD', { id: 'TP-CLOUD', name: 'Cloud Provider', kind: 'supplier' }]]),
  indicators: [
    indicator('IND-CLEAR', {
      type: 'domain-name',
      value: 'bad.example',
      pattern: "[domain-name:value = 'bad.example']",
      tlp: 'CLEAR',
    }),
    indicator('IND-GREEN', {
      sightings: [
        { sightingId: 'SIGHT-1', firstSeen: T0, lastSeen: T0, count: 4, recordedAt: T0, recordedBy: 'rita' },
      ],
    }),
    indicator('IND-AMBER', {
      type: 'sha256',
      value: 'a'.repeat(64),
      pattern: `[file:hashes.'SHA-256' = '${'a'.repeat(64)}']`,
      tlp: 'AMBER',
    }),
  ],
  lessons: [
    {
      lessonId: 'LESSON-1',
      lesson: 'MFA was off',
      recommendation: 'Enforce MFA',
      recordedAt: T0,
      recordedBy: 'carol',
    },
  ],
  ...over,
});

describe('the STIX 2.1 export of an incident', () => {
  it('validates, object by object and as a bundle, against the OASIS STIX 2.1 schemas', () => {
    const bundle = bundleOf(shareableObjects(incidentStixObjects(input()), undefined));
    expect(new Set(bundle.objects.map((o) => o.type))).toEqual(
      new Set([
        'marking-definition',
        'identity',
        'incident',
        'indicator',
        'domain-name',
        'ipv4-addr',
        'file',
        'relationship',
        'sighting',
        'note',
        'course-of-action',
      ]),
    );
    expect(validator.bundleErrors(bundle)).toEqual([]);
  });

  it('the validator rejects what the schemas forbid (so the test above can fail)', () => {
    const bundle = bundleOf(shareableObjects(incidentStixObjects(input()), undefined));
    const ind = bundle.objects.find((o) => o.type === 'indicator') as Record<string, unknown>;
    const { pattern: _, ...noPattern } = ind;
    expect(validator.objectErrors(noPattern as { type: string })).not.toEqual([]);
    expect(
      validator.objectErrors({ ...ind, modified: '2024-03-01T08:00:00Z' } as unknown as { type: string }),
    ).not.toEqual([]);
  });

  it('marks every object with the official TLP 2.0 marking definitions (OASIS cti-stix-common-objects)', () => {
    const canonical = JSON.parse(
      readFileSync(
        new URL(
          '../../../shared/conformance/stix2.1/tlp2/canonical-tlp-marking-definitions.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { tlp_2_0_stix21_extension: { id: string; name: string }[] };
    for (const level of TLP_LEVELS) {
      const official = canonical.tlp_2_0_stix21_extension.find((m) => m.name === `TLP:${level}`);
      expect(tlpMarking(level)).toEqual(official);
      expect(TLP_MARKING_IDS[level]).toBe(official?.id);
    }
    const objects = shareableObjects(incidentStixObjects(input()), undefined);
    for (const { object } of objects) {
      if (object.type === 'marking-definition') continue;
      expect(object.object_marking_refs, object.id).toHaveLength(1);
      expect(Object.values(TLP_MARKING_IDS)).toContain((object.object_marking_refs as string[])[0]);
    }
    const incident = objects.find((s) => s.object.type === 'incident');
    expect(incident?.object.object_marking_refs).toEqual([TLP_MARKING_IDS.AMBER]);
  });

  it('ids are UUIDv5 of the item key: a re-export updates (same id, `modified` moves), never duplicates', () => {
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    ); // RFC 9562 test vector
    const first = incidentStixObjects(input());
    const again = incidentStixObjects(input());
    expect(again.map((s) => s.object.id)).toEqual(first.map((s) => s.object.id));
    const later = '2024-03-02T10:00:00.000Z';
    const changed = incidentStixObjects(
      input({
        indicators: input().indicators.map((i) =>
          i.indicatorId === 'IND-GREEN' ? { ...i, modifiedAt: later } : i,
        ),
      }),
    );
    expect(changed.map((s) => s.object.id)).toEqual(first.map((s) => s.object.id));
    const id = (xs: typeof first) =>
      xs.find((s) => s.object.type === 'indicator' && s.tlp === 'GREEN')?.object;
    expect(id(changed)?.id).toBe(id(first)?.id);
    expect(id(first)?.modified).toBe(T0);
    expect(id(changed)?.modified).toBe(later);
    // SCOs: the id STIX 2.1 prescribes (UUIDv5 of the id-contributing properties, STIX namespace).
    expect(observableOf('ipv4-addr', '198.51.100.7').id).toBe(
      `ipv4-addr--${uuidv5('{"value":"198.51.100.7"}', '00abedb4-aa42-466c-9c01-fed23315a9b7')}`,
    );
  });

  it('a recipient under GREEN gets exactly the objects at or below GREEN, with whole references', () => {
    const all = incidentStixObjects(input());
    const green = shareableObjects(all, 'GREEN');
    const kinds = green.map((s) => `${s.object.type}:${s.tlp}`).sort();
    expect(kinds).toEqual(
      [
        'marking-definition:CLEAR', // TLP:CLEAR
        'marking-definition:CLEAR', // TLP:GREEN
        'identity:CLEAR', // the operator
        'indicator:CLEAR',
        'domain-name:CLEAR',
        'relationship:CLEAR', // based-on
        'indicator:GREEN',
        'ipv4-addr:GREEN',
        'relationship:GREEN',
        'sighting:GREEN',
      ].sort(),
    );
    expect(green.filter((s) => s.object.type === 'marking-definition').map((s) => s.object.id)).toEqual([
      TLP_MARKING_IDS.CLEAR,
      TLP_MARKING_IDS.GREEN,
    ]);
    const ids = new Set(green.map((s) => s.object.id));
    for (const { object } of green) {
      for (const ref of ['source_ref', 'target_ref', 'sighting_of_ref', 'created_by_ref'])
        if (object[ref] !== undefined) expect(ids.has(String(object[ref])), `${object.id} ${ref}`).toBe(true);
    }
    // Above: AMBER gets everything (the incident, the third party, the note, the course of action).
    const amber = shareableObjects(all, 'AMBER');
    expect(amber.length).toBe(shareableObjects(all, undefined).length);
    expect(
      shareableObjects(all, 'CLEAR')
        .map((s) => s.object.type)
        .sort(),
    ).toEqual(['marking-definition', 'identity', 'indicator', 'domain-name', 'relationship'].sort());
  });
});

describe('STIX patterns and observables', () => {
  it.each([
    "[ipv4-addr:value = '198.51.100.1']",
    "[file:hashes.'SHA-256' = 'ab'] AND [url:value LIKE '%login%']",
    "([domain-name:value = 'a.example'] OR [domain-name:value = 'b.example']) WITHIN 300 SECONDS",
    "[email-addr:value = 'a@b.example' AND email-addr:display_name NOT LIKE 'x%']",
    "[network-traffic:dst_ref.value IN ('198.51.100.1', '198.51.100.2')]",
    "[file:name MATCHES '^x$'] START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'",
  ])('accepts %s', (p) => expect(stixPatternError(p)).toBeNull());

  it.each([
    "ipv4-addr:value = '1.2.3.4'",
    '[ipv4-addr:value = ]',
    "[ipv4-addr:value = '1.2.3.4'",
    '[value]',
    '',
    "[ipv4-addr:value = '1.2.3.4'] AND",
    "[ipv4-addr:value ~ '1.2.3.4']",
  ])('refuses %j', (p) => expect(stixPatternError(p)).not.toBeNull());

  it('derives a pattern that passes its own grammar, for every type', () => {
    const samples = {
      'ipv4-addr': '198.51.100.0/24',
      'ipv6-addr': '2001:db8::1',
      'domain-name': 'bad.example',
      url: "https://bad.example/it's",
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
      sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'email-addr': 'phish@bad.example',
    } as const;
    for (const [type, value] of Object.entries(samples) as [keyof typeof samples, string][]) {
      expect(observableValueError(type, value), type).toBeNull();
      expect(stixPatternError(defaultPattern(type, value)), type).toBeNull();
    }
    expect(observableValueError('ipv4-addr', '300.1.1.1')).not.toBeNull();
    expect(observableValueError('sha256', 'abc')).not.toBeNull();
    expect(observableValueError('domain-name', 'not a domain')).not.toBeNull();
    expect(observableValueError('url', 'javascript:alert(1)')).not.toBeNull();
  });

  it('the request schema names the field of a wrong value or pattern', () => {
    const r = CreateIndicatorBody.safeParse({ type: 'ipv6-addr', value: '198.51.100.7', pattern: '[nope' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['pattern', 'value']);
  });
});

describe('TLP rules of machine-readable sharing', () => {
  it('an item is marked at most at its incident’s level', () => {
    expect(itemMarking({ tlp: 'AMBER' }, undefined)).toBe('AMBER');
    expect(itemMarking({ tlp: 'AMBER' }, 'CLEAR')).toBe('CLEAR');
    expect(() => itemMarking({ tlp: 'GREEN' }, 'AMBER')).toThrow(/above the incident/);
  });

  it('RED never, AMBER+STRICT to one organization only, a reader within its own ceiling', () => {
    expect(sharingCeiling('RED', { organizations: 1 })).toBe('AMBER+STRICT');
    expect(sharingCeiling('RED', { organizations: 3 })).toBe('AMBER');
    expect(sharingCeiling('AMBER+STRICT', { organizations: 2 })).toBe('AMBER');
    expect(sharingCeiling('AMBER', { organizations: 2, readerCeiling: 'GREEN' })).toBe('GREEN');
    expect(sharingCeiling('CLEAR', { organizations: 1, readerCeiling: 'RED' })).toBe('CLEAR');
    expect(() => assertCollectionCeiling('RED', 1)).toThrow();
    expect(() => assertCollectionCeiling('AMBER+STRICT', 2)).toThrow();
    expect(() => assertCollectionCeiling('AMBER+STRICT', 1)).not.toThrow();
  });
});
