/**
 * What a regime accepts on an obligation (pure): the trigger times its clocks start from and the
 * facts their conditions read. A trigger or a fact no clock of the regime uses is a 400 naming the
 * field (it would be stored and change nothing — `highRisk` on NIS2 — which reads as a decision
 * taken when none was); a trigger time before the incident's discovery is a 400 too (the clocks
 * would start before anyone knew).
 */
import { type ErrorDetail, ValidationError } from '../../errors.js';
import type { Regime } from './regimes.js';
import { TRIGGER_OF } from './view.js';

/** The settable triggers (by their API key, `ransomPayment` …) and the facts `regime`'s clocks use. */
export function regimeInputs(regime: Regime): { triggers: string[]; facts: string[] } {
  const apiKey = new Map<string, string>(Object.entries(TRIGGER_OF).map(([key, trigger]) => [trigger, key]));
  const triggers = new Set<string>();
  const facts = new Set<string>();
  for (const clock of regime.clocks) {
    for (const t of [clock.trigger, clock.cap?.trigger]) {
      const key = t === undefined ? undefined : apiKey.get(t);
      if (key) triggers.add(key);
    }
    for (const f of clock.condition?.facts ?? []) facts.add(f);
  }
  return { triggers: [...triggers].sort(), facts: [...facts].sort() };
}

const accepted = (names: readonly string[]) => (names.length ? names.join(', ') : 'none');

/** A problem of the input, and the sentence that states it as the error's headline. */
interface Problem {
  readonly detail: ErrorDetail;
  readonly headline: string;
}

/**
 * The discovery instant truncated to its second: a trigger given in whole seconds (as people and
 * `date -u +%FT%TZ` write them) within the second of discovery is not "before" it.
 */
const wholeSecond = (iso: string): number => Math.floor(Date.parse(iso) / 1000) * 1000;

function problemsOf(
  regime: Regime,
  input: { readonly triggers?: Record<string, unknown>; readonly facts?: Record<string, unknown> },
  discoveryDate: string,
): Problem[] {
  const uses = regimeInputs(regime);
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(input.triggers ?? {})) {
    if (value === undefined || value === null) continue; // null clears a trigger: always harmless
    if (!uses.triggers.includes(name)) {
      const message = `${regime.name} has no clock started by ${name} (it uses: ${accepted(uses.triggers)})`;
      problems.push({ detail: { field: `body.triggers.${name}`, message }, headline: message });
    } else if (typeof value === 'string' && Date.parse(value) < wholeSecond(discoveryDate)) {
      problems.push({
        detail: {
          field: `body.triggers.${name}`,
          message: `must not be before the incident's discovery (${discoveryDate})`,
        },
        headline: `${name} time (${value}) is before the incident's discovery (${discoveryDate})`,
      });
    }
  }
  for (const [name, value] of Object.entries(input.facts ?? {})) {
    if (value === undefined || value === null) continue;
    if (!uses.facts.includes(name)) {
      const message = `${regime.name} has no clock that depends on ${name} (it uses: ${accepted(uses.facts)})`;
      problems.push({ detail: { field: `body.facts.${name}`, message }, headline: message });
    }
  }
  return problems;
}

/** Field-level problems of the triggers and facts given for `regime` (empty when fine). */
export function inputProblems(
  regime: Regime,
  input: { readonly triggers?: Record<string, unknown>; readonly facts?: Record<string, unknown> },
  discoveryDate: string,
): ErrorDetail[] {
  return problemsOf(regime, input, discoveryDate).map((p) => p.detail);
}

/**
 * The 400 for the input's problems (undefined when fine). Its headline states the FIRST real
 * reason ("awareness time (…) is before the incident's discovery (…)"), then how many more the
 * details list; the details name every field.
 */
export function inputError(
  regime: Regime,
  input: { readonly triggers?: Record<string, unknown>; readonly facts?: Record<string, unknown> },
  discoveryDate: string,
): ValidationError | undefined {
  const problems = problemsOf(regime, input, discoveryDate);
  const [first] = problems;
  if (!first) return undefined;
  const more = problems.length - 1;
  return new ValidationError(
    `${first.headline}${more > 0 ? `; ${more} more problem${more === 1 ? '' : 's'} in details` : ''}`,
    problems.map((p) => p.detail),
  );
}
