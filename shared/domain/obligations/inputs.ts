/**
 * What a regime accepts on an obligation (pure): the trigger times its clocks start from and the
 * facts their conditions read. A trigger or a fact no clock of the regime uses is a 400 naming the
 * field (it would be stored and change nothing — `highRisk` on NIS2 — which reads as a decision
 * taken when none was); a trigger time before the incident's discovery is a 400 too (the clocks
 * would start before anyone knew).
 */
import type { ErrorDetail } from '../../errors.js';
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

/** Field-level problems of the triggers and facts given for `regime` (empty when fine). */
export function inputProblems(
  regime: Regime,
  input: { readonly triggers?: Record<string, unknown>; readonly facts?: Record<string, unknown> },
  discoveryDate: string,
): ErrorDetail[] {
  const uses = regimeInputs(regime);
  const problems: ErrorDetail[] = [];
  for (const [name, value] of Object.entries(input.triggers ?? {})) {
    if (value === undefined || value === null) continue; // null clears a trigger: always harmless
    if (!uses.triggers.includes(name)) {
      problems.push({
        field: `body.triggers.${name}`,
        message: `${regime.name} has no clock started by ${name} (it uses: ${accepted(uses.triggers)})`,
      });
    } else if (typeof value === 'string' && Date.parse(value) < Date.parse(discoveryDate)) {
      problems.push({
        field: `body.triggers.${name}`,
        message: `must not be before the incident's discovery (${discoveryDate})`,
      });
    }
  }
  for (const [name, value] of Object.entries(input.facts ?? {})) {
    if (value === undefined || value === null) continue;
    if (!uses.facts.includes(name)) {
      problems.push({
        field: `body.facts.${name}`,
        message: `${regime.name} has no clock that depends on ${name} (it uses: ${accepted(uses.facts)})`,
      });
    }
  }
  return problems;
}
