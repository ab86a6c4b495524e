import { describe, expect, it } from 'vitest';
import { inputError, inputProblems, regimeInputs } from '../../shared/domain/obligations/inputs.js';
import { REGIMES } from '../../shared/domain/obligations/regimes.js';
import { ValidationError } from '../../shared/errors.js';

const regime = (id: string) => {
  const r = REGIMES.find((x) => x.id === id);
  if (!r) throw new Error(`no regime ${id}`);
  return r;
};
const DISCOVERY = '2030-03-04T09:00:00.000Z';

describe('what a regime accepts', () => {
  it('derives the triggers and facts from its clocks', () => {
    expect(regimeInputs(regime('gdpr'))).toEqual({ triggers: ['awareness'], facts: ['highRisk'] });
    expect(regimeInputs(regime('nis2'))).toEqual({ triggers: ['awareness'], facts: [] });
    expect(regimeInputs(regime('dora'))).toEqual({ triggers: ['awareness', 'classification'], facts: [] });
    expect(regimeInputs(regime('hipaa'))).toEqual({
      triggers: [],
      facts: ['affectedIndividuals', 'maxResidentsInAState'],
    });
    expect(regimeInputs(regime('nydfs')).triggers).toEqual(['determination', 'extortionPayment']);
    expect(regimeInputs(regime('circia')).triggers).toEqual(['awareness', 'ransomPayment']);
  });

  it('every fact a condition reads is declared by it (a condition cannot read an undeclared fact unnoticed)', () => {
    for (const r of REGIMES) {
      for (const clock of r.clocks) {
        if (!clock.condition) continue;
        const declared = new Set<string>(clock.condition.facts);
        const read = new Set<string>();
        const probe = new Proxy(
          {},
          {
            get: (_t, key) => {
              read.add(String(key));
              return undefined;
            },
          },
        );
        clock.condition.test(probe);
        expect(
          [...read].filter((k) => !declared.has(k)),
          `${r.id}/${clock.id}`,
        ).toEqual([]);
      }
    }
  });
});

describe('input problems', () => {
  it('accepts what the regime uses', () => {
    expect(
      inputProblems(
        regime('gdpr'),
        { triggers: { awareness: DISCOVERY }, facts: { highRisk: false } },
        DISCOVERY,
      ),
    ).toEqual([]);
  });

  it('names a fact or a trigger the regime does not use, and says what it does use', () => {
    expect(inputProblems(regime('nis2'), { facts: { highRisk: false } }, DISCOVERY)).toEqual([
      { field: 'body.facts.highRisk', message: expect.stringContaining('(it uses: none)') },
    ]);
    expect(
      inputProblems(regime('gdpr'), { triggers: { classification: '2030-03-05T00:00:00Z' } }, DISCOVERY),
    ).toEqual([
      { field: 'body.triggers.classification', message: expect.stringContaining('(it uses: awareness)') },
    ]);
  });

  it('refuses a trigger before the discovery; a null (clearing) trigger is always fine', () => {
    expect(
      inputProblems(regime('nis2'), { triggers: { awareness: '2030-03-04T08:59:59Z' } }, DISCOVERY),
    ).toEqual([
      {
        field: 'body.triggers.awareness',
        message: `must not be before the incident's discovery (${DISCOVERY})`,
      },
    ]);
    expect(inputProblems(regime('gdpr'), { triggers: { classification: null } }, DISCOVERY)).toEqual([]);
  });

  it('a trigger in whole seconds within the second of a discovery with milliseconds is not before it', () => {
    const discovery = '2030-03-04T09:00:00.640Z';
    const nis2 = regime('nis2');
    expect(inputProblems(nis2, { triggers: { awareness: '2030-03-04T09:00:00Z' } }, discovery)).toEqual([]);
    expect(inputProblems(nis2, { triggers: { awareness: '2030-03-04T08:59:59.999Z' } }, discovery)).toEqual([
      {
        field: 'body.triggers.awareness',
        message: `must not be before the incident's discovery (${discovery})`,
      },
    ]);
  });
});

describe('the 400 of input problems', () => {
  it('states the first real reason in its headline, then how many more the details list', () => {
    expect(inputError(regime('nis2'), { triggers: { awareness: '2030-03-05T00:00:00Z' } }, DISCOVERY)).toBe(
      undefined,
    );
    const early = inputError(regime('nis2'), { triggers: { awareness: '2030-03-04T08:59:59Z' } }, DISCOVERY);
    expect(early).toBeInstanceOf(ValidationError);
    expect(early?.message).toBe(
      `awareness time (2030-03-04T08:59:59Z) is before the incident's discovery (${DISCOVERY})`,
    );
    expect(early?.details).toEqual([
      {
        field: 'body.triggers.awareness',
        message: `must not be before the incident's discovery (${DISCOVERY})`,
      },
    ]);
    const two = inputError(
      regime('nis2'),
      { triggers: { awareness: '2030-03-04T08:59:59Z' }, facts: { highRisk: true } },
      DISCOVERY,
    );
    expect(two?.message).toMatch(
      /^awareness time .* is before the incident's discovery .*; 1 more problem in details$/,
    );
    expect(two?.details.map((d) => d.field)).toEqual(['body.triggers.awareness', 'body.facts.highRisk']);
  });
});
