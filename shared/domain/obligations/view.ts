/**
 * Obligations as the API shows them (pure): the stored record (regime, trigger times, facts,
 * submissions) plus everything computed on read — each clock's deadline, time left, status and
 * checklist coverage — so a stored deadline can never go stale when a trigger or holiday changes.
 */
import type { ObligationRecord } from '../../db/entities/obligation.js';
import type { ImpactAssessmentBody } from '../../schemas/incidents.js';
import type {
  Obligation,
  ObligationClock,
  RegimeSuggestion,
  RegimeView,
  TriggerKey,
} from '../../schemas/obligations.js';
import { signedIsoDuration } from '../time.js';
import {
  type ClockStatus,
  clockStatus,
  computeDue,
  type DueContext,
  type DueResult,
  type SettableTrigger,
} from './deadlines.js';
import { type ClockDef, clockApplies, REGIMES, type Regime, regimeById } from './regimes.js';

export type { ObligationRecord } from '../../db/entities/obligation.js';

export interface RegulatorySettings {
  readonly jurisdictions: readonly string[];
  readonly sectors: readonly string[];
  readonly holidays: Readonly<Record<string, readonly string[]>>;
}

/** API trigger key → the trigger its clocks name. */
export const TRIGGER_OF: Record<TriggerKey, SettableTrigger> = {
  awareness: 'awareness',
  determination: 'determination',
  classification: 'classification',
  ransomPayment: 'ransom-payment',
  extortionPayment: 'extortion-payment',
};

/** Most urgent first: an obligation shows the first status any of its clocks has. */
const URGENCY: readonly ClockStatus[] = [
  'overdue',
  'due_soon',
  'asap',
  'open',
  'pending',
  'submitted',
  'not_applicable',
];

export function regimeOf(id: string): Regime {
  const regime = regimeById(id);
  if (!regime) throw new Error(`Unknown regime ${id}`);
  return regime;
}

/** Context for the deadline arithmetic of one obligation. */
export function dueContext(
  record: Pick<ObligationRecord, 'triggers' | 'submissions' | 'regime'>,
  discoveryDate: string,
  holidays: readonly string[],
): DueContext {
  const triggers: DueContext['triggers'] & Partial<Record<SettableTrigger, string>> = {
    discovery: discoveryDate,
  };
  for (const [key, value] of Object.entries(record.triggers) as [TriggerKey, string | undefined][]) {
    if (value !== undefined) (triggers as Record<string, string>)[TRIGGER_OF[key]] = value;
  }
  const submissions: Record<string, { first: string; last: string }> = {};
  for (const s of [...record.submissions].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))) {
    const seen = submissions[s.clock];
    submissions[s.clock] = { first: seen?.first ?? s.submittedAt, last: s.submittedAt };
  }
  return { triggers, submissions, timeZone: regimeOf(record.regime).timeZone, holidays };
}

const lateness = (seconds: number | null) =>
  seconds !== null && seconds > 0 ? { lateness: { seconds, iso8601: signedIsoDuration(seconds) } } : {};

/** One clock, as of `now`. */
export function clockView(
  clock: ClockDef,
  record: Pick<ObligationRecord, 'facts' | 'submissions'>,
  ctx: DueContext,
  now: Date,
): ObligationClock {
  const applicable = clockApplies(clock, record.facts);
  const mine = record.submissions
    .filter((s) => s.clock === clock.id)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const first = mine[0];
  const due: DueResult = computeDue(clock, ctx);
  const start = due.kind === 'pending' ? null : due.start;
  const dueAt = due.kind === 'deadline' ? due.due : null;
  let status: ClockStatus;
  let timeLeftSeconds: number | null = null;
  let lateSeconds: number | null = null;
  if (!applicable && !first) status = 'not_applicable';
  else if (due.kind === 'pending' && !first) status = 'pending';
  else {
    const s = clockStatus({
      start: start ?? now,
      due: dueAt,
      now,
      submittedAt: first ? new Date(first.submittedAt) : undefined,
    });
    status = s.status;
    timeLeftSeconds = s.timeLeftSeconds;
    lateSeconds = s.lateSeconds;
  }
  const late = lateSeconds !== null && lateSeconds > 0;
  const checklist = clock.checklist.map((item) => {
    const coveredBy = mine
      .filter(
        (s) =>
          s.coveredItems.includes(item.id) ||
          (item.id === 'reasons-for-delay' && s.reasonsForDelay !== undefined),
      )
      .map((s) => s.submissionId);
    return {
      id: item.id,
      label: item.label,
      required: !item.whenLate || late,
      covered: coveredBy.length > 0,
      coveredBy,
    };
  });
  return {
    clockId: clock.id,
    name: clock.name,
    recipient: clock.recipient,
    citation: clock.citation,
    applicable,
    ...(clock.condition ? { condition: clock.condition.description } : {}),
    trigger: clock.after ? `submission of ${clock.after.clock} (${clock.after.submission})` : clock.trigger,
    startedAt: start?.toISOString() ?? null,
    assumedTriggers: due.kind === 'pending' ? [] : [...due.assumed],
    ...(due.kind === 'pending' ? { waitingFor: due.waitingFor } : {}),
    due: dueAt?.toISOString() ?? null,
    timeLeft: timeLeftSeconds === null ? null : signedIsoDuration(timeLeftSeconds),
    timeLeftSeconds,
    status,
    ...(first ? { submittedAt: first.submittedAt } : {}),
    ...lateness(lateSeconds),
    checklist,
    missingItems: checklist.filter((i) => i.required && !i.covered).map((i) => i.id),
    ...(clock.note ? { note: clock.note } : {}),
  };
}

export function obligationView(
  record: ObligationRecord,
  discoveryDate: string,
  now: Date,
  settings: Pick<RegulatorySettings, 'holidays'>,
  /** The incident is an exercise: its clocks are simulated, no regulator is due anything. */
  simulated = false,
): Obligation {
  const regime = regimeOf(record.regime);
  const ctx = dueContext(record, discoveryDate, settings.holidays[regime.id] ?? []);
  const clocks = regime.clocks.map((c) => clockView(c, record, ctx, now));
  const status = URGENCY.find((s) => clocks.some((c) => c.status === s)) ?? 'not_applicable';
  return {
    obligationId: record.obligationId,
    regime: regime.id,
    name: regime.name,
    citation: regime.citation,
    inForce: regime.inForce,
    ...(regime.note ? { note: regime.note } : {}),
    status,
    ...(simulated ? { simulated: true } : {}),
    triggers: { discovery: discoveryDate, ...record.triggers },
    facts: record.facts,
    ...(record.notes ? { notes: record.notes } : {}),
    clocks,
    submissions: record.submissions,
    attachedAt: record.attachedAt,
    attachedBy: record.attachedBy,
    updatedAt: record.updatedAt,
    version: record.version,
  };
}

// ---------- suggestions ----------

const SEVERE_ENOUGH = new Set(['moderate', 'severe']);

/** Does a configured jurisdiction (e.g. `US-NY`) cover a regime's (`US-NY` or `US`)? */
const covers = (configured: string, regime: string) =>
  configured === regime || configured.startsWith(`${regime}-`);

/**
 * Regimes that MAY apply, for a coordinator to confirm (never attached automatically):
 * personal-data regimes when the assessment lists compromised data or affected customers;
 * incident-reporting regimes when the regulatory impact is moderate or severe. Limited to the
 * deploying organization's jurisdictions and sectors, minus regimes already attached.
 */
export function suggestRegimes(
  assessment:
    | Pick<ImpactAssessmentBody, 'regulatoryImpact' | 'dataCompromised' | 'customersAffected'>
    | undefined,
  settings: Pick<RegulatorySettings, 'jurisdictions' | 'sectors'>,
  attached: readonly string[] = [],
): RegimeSuggestion[] {
  if (!assessment) return [];
  const personalData =
    (assessment.dataCompromised?.length ?? 0) > 0 || (assessment.customersAffected ?? 0) > 0;
  const regulatory = SEVERE_ENOUGH.has(assessment.regulatoryImpact);
  const out: RegimeSuggestion[] = [];
  for (const r of REGIMES) {
    if (attached.includes(r.id)) continue;
    const where = settings.jurisdictions.find((j) => r.jurisdictions.some((rj) => covers(j, rj)));
    if (!where) continue;
    const sector = r.sectors ? settings.sectors.find((s) => r.sectors?.includes(s)) : undefined;
    if (r.sectors && !sector) continue;
    const because =
      r.concern === 'personal-data'
        ? personalData && 'the impact assessment shows personal data compromised'
        : regulatory && `the regulatory impact is ${assessment.regulatoryImpact}`;
    if (!because) continue;
    out.push({
      regime: r.id,
      name: r.name,
      inForce: r.inForce,
      reason: `${because}; jurisdiction ${where}${sector ? `, sector ${sector}` : ''}${r.inForce ? '' : ' (not yet in force)'}`,
    });
  }
  return out;
}

// ---------- catalogue ----------

export function regimeView(r: Regime, holidays: readonly string[]): RegimeView {
  return {
    id: r.id,
    name: r.name,
    citation: r.citation,
    jurisdictions: [...r.jurisdictions],
    sectors: r.sectors ? [...r.sectors] : null,
    concern: r.concern,
    timeZone: r.timeZone,
    inForce: r.inForce,
    ...(r.note ? { note: r.note } : {}),
    holidays: [...holidays],
    clocks: r.clocks.map((c) => ({
      id: c.id,
      name: c.name,
      recipient: c.recipient,
      citation: c.citation,
      trigger: c.trigger,
      ...(c.after ? { after: { ...c.after } } : {}),
      duration: c.duration ? { ...c.duration } : null,
      ...(c.cap ? { cap: { trigger: c.cap.trigger, duration: { ...c.cap.duration } } } : {}),
      ...(c.condition ? { condition: c.condition.description } : {}),
      ...(c.lateRequires ? { lateRequires: c.lateRequires } : {}),
      checklist: c.checklist.map((i) => ({ id: i.id, label: i.label, whenLate: i.whenLate === true })),
      ...(c.note ? { note: c.note } : {}),
    })),
  };
}
