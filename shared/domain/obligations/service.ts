/**
 * Regulatory obligations of an incident. Every change reads the incident and the obligation, decides
 * with the pure rules (`regimes.ts`, `deadlines.ts`, `view.ts`) and commits through the incident
 * service's `commit`: ONE TransactWriteItems with the obligation, the incident (version bump) and a
 * timeline entry naming the caller. Obligations may change on closed incidents too: regulators'
 * final reports are often due after the incident is closed.
 */

import { regulatoryConfig } from '../../config.js';
import { MAX_SUBMISSIONS } from '../../db/entities/obligation.js';
import { withOptimisticRetry } from '../../db/transact.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  AttachObligationBody,
  CreateSubmissionBody,
  Obligation,
  ObligationClock,
  RegimeView,
  Submission,
  UpdateObligationBody,
} from '../../schemas/obligations.js';
import { summarized, withObligation } from '../dashboard/summary.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { commit } from '../incidents/unit-of-work.js';
import {
  cancelReminderSchedules,
  NO_REMINDER_CHANGE,
  planObligationReminders,
  reminderPrepare,
} from '../reminders/schedules.js';
import { signedIsoDuration } from '../time.js';
import { incidentTlp } from '../tlp/rules.js';
import { computeDue } from './deadlines.js';
import { inputError } from './inputs.js';
import { clockApplies, REGIMES, type Regime } from './regimes.js';
import { dueContext, type ObligationRecord, obligationView, regimeOf, regimeView } from './view.js';

/** Clock skew tolerated for caller-supplied "now-ish" timestamps. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

function notInFuture(deps: Deps, field: string, value: string | null | undefined) {
  if (value && Date.parse(value) > deps.now().getTime() + FUTURE_TOLERANCE_MS) {
    throw new ValidationError(`${field.replace(/^body\./, '')} is in the future`, [
      { field, message: 'must not be in the future' },
    ]);
  }
}

const holidaysOf = (regime: string) => regulatoryConfig().holidays[regime] ?? [];

function view(record: ObligationRecord, discoveryDate: string, now: Date, exercise?: boolean): Obligation {
  return obligationView(record, discoveryDate, now, regulatoryConfig(), exercise === true);
}

/** `{ authority: '2025-…Z', data-subjects: 'asap' }`: deadlines for the timeline. */
function dueSummary(o: Obligation): Record<string, string> {
  return Object.fromEntries(
    o.clocks
      .filter((c) => c.applicable)
      .map((c) => [c.clockId, c.due ?? (c.status === 'pending' ? 'pending' : 'asap')]),
  );
}

const listDue = (due: Record<string, string>) =>
  Object.entries(due)
    .map(([clock, at]) => `${clock} ${at}`)
    .join('; ');

/** 400 naming each trigger or fact the regime does not use, or a trigger before discovery. */
function assertInputs(
  regime: Regime,
  body: { triggers?: Record<string, unknown> | undefined; facts?: Record<string, unknown> | undefined },
  discoveryDate: string,
): void {
  const error = inputError(regime, body, discoveryDate);
  if (error) throw error;
}

// ---------- attach ----------

export async function attachObligation(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: AttachObligationBody,
  rt: EscalationRuntime,
): Promise<Obligation> {
  const scheduling = rt.scheduling;
  const regime = regimeOf(body.regime);
  for (const [k, v] of Object.entries(body.triggers ?? {})) notInFuture(deps, `body.triggers.${k}`, v);
  const attached = await withOptimisticRetry(async () => {
    const { incident, obligation: existing } = await deps.repos.obligations.incidentAndObligation(
      incidentId,
      regime.id,
    );
    if (existing) {
      throw new ConflictError(
        `${regime.name} is already attached to incident ${incidentId}`,
        [{ field: 'body.regime', message: 'already attached' }],
        'ALREADY_ATTACHED',
      );
    }
    assertInputs(regime, body, incident.discoveryDate);
    const at = deps.now().toISOString();
    const record: ObligationRecord = {
      incidentId,
      obligationId: regime.id,
      regime: regime.id,
      triggers: { ...(body.triggers ?? {}) },
      facts: { ...(body.facts ?? {}) },
      ...(body.notes ? { notes: body.notes } : {}),
      submissions: [],
      attachedAt: at,
      attachedBy: caller.subject,
      updatedAt: at,
      version: 1,
    };
    const shown = view(record, incident.discoveryDate, deps.now(), incident.exercise);
    const due = dueSummary(shown);
    // Reminders at fractions of each clock (docs/reminders.md), scheduled before the commit.
    const reminders = planObligationReminders(deps.now(), incidentId, shown);
    return commit(
      deps,
      caller,
      incident,
      {
        ...reminderPrepare(scheduling, reminders),
        incident: summarized(incident, (s) => withObligation(s, shown)),
        items: [deps.repos.obligations.putPart(record, null)],
        timeline: [
          {
            type: 'obligation.attached',
            summary: `${regime.name} attached (${regime.citation}): ${listDue(due)}${regime.inForce ? '' : ' — not yet in force'}`,
            data: { obligationId: regime.id, triggers: record.triggers, facts: record.facts, due },
          },
        ],
        result: shown,
      },
      rt.effects,
    );
  });
  return attached;
}

// ---------- update triggers and facts ----------

function merged<T extends object>(current: T, patch: object | undefined): T {
  const out: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = v;
  }
  return out as T;
}

export async function updateObligation(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  obligationId: string,
  body: UpdateObligationBody,
  rt: EscalationRuntime,
): Promise<Obligation> {
  const scheduling = rt.scheduling;
  for (const [k, v] of Object.entries(body.triggers ?? {})) notInFuture(deps, `body.triggers.${k}`, v);
  let plan = NO_REMINDER_CHANGE;
  const updated = await withOptimisticRetry(async () => {
    const { incident, obligation: current } = await loadObligation(deps, incidentId, obligationId);
    const now = deps.now();
    assertInputs(regimeOf(current.regime), body, incident.discoveryDate);
    const before = view(current, incident.discoveryDate, now, incident.exercise);
    const record: ObligationRecord = {
      ...current,
      triggers: merged(current.triggers, body.triggers),
      facts: merged(current.facts, body.facts),
      updatedAt: now.toISOString(),
      version: current.version + 1,
    };
    const after = view(record, incident.discoveryDate, now, incident.exercise);
    const from = dueSummary(before);
    const to = dueSummary(after);
    const moved = Object.keys({ ...from, ...to }).filter((c) => from[c] !== to[c]);
    plan = planObligationReminders(now, incidentId, after, before);
    return commit(
      deps,
      caller,
      incident,
      {
        ...reminderPrepare(scheduling, plan),
        incident: summarized(incident, (s) => withObligation(s, after)),
        items: [deps.repos.obligations.putPart(record, current.version)],
        timeline: [
          {
            type: 'obligation.updated',
            summary: `${before.name}: ${
              moved.length
                ? `clocks re-computed: ${moved.map((c) => `${c} ${from[c] ?? 'n/a'} → ${to[c] ?? 'n/a'}`).join('; ')}`
                : 'no deadline changed'
            }${body.reason ? ` (${body.reason})` : ''}`,
            data: {
              obligationId,
              ...(body.triggers ? { triggers: body.triggers } : {}),
              ...(body.facts ? { facts: body.facts } : {}),
              from,
              to,
              ...(body.reason ? { reason: body.reason } : {}),
            },
          },
        ],
        result: after,
      },
      rt.effects,
    );
  });
  if (scheduling) await cancelReminderSchedules(scheduling, plan);
  return updated;
}

async function loadObligation(deps: Deps, incidentId: string, obligationId: string) {
  const { incident, obligation } = await deps.repos.obligations.incidentAndObligation(
    incidentId,
    obligationId,
  );
  if (!obligation) throw new NotFoundError(`Obligation ${obligationId} not found on incident ${incidentId}`);
  return { incident, obligation };
}

// ---------- submissions ----------

export async function recordSubmission(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  obligationId: string,
  body: CreateSubmissionBody,
  rt: EscalationRuntime,
): Promise<Submission> {
  const scheduling = rt.scheduling;
  notInFuture(deps, 'body.submittedAt', body.submittedAt);
  let plan = NO_REMINDER_CHANGE;
  const submission = await withOptimisticRetry(async () => {
    const { incident, obligation: current } = await loadObligation(deps, incidentId, obligationId);
    const regime = regimeOf(current.regime);
    const clock = regime.clocks.find((c) => c.id === body.clock);
    if (!clock) {
      throw new ValidationError(`${regime.name} has no clock ${body.clock}`, [
        { field: 'body.clock', message: `must be one of ${regime.clocks.map((c) => c.id).join(', ')}` },
      ]);
    }
    const unknown = body.coveredItems.flatMap((id, i) =>
      clock.checklist.some((c) => c.id === id) ? [] : [i],
    );
    if (unknown.length > 0) {
      throw new ValidationError(
        `Unknown checklist item(s) of ${clock.id}: ${unknown.map((i) => body.coveredItems[i]).join(', ')}`,
        unknown.map((i) => ({
          field: `body.coveredItems.${i}`,
          message: `must be one of ${clock.checklist.map((c) => c.id).join(', ')}`,
        })),
      );
    }
    if (!clockApplies(clock, current.facts)) {
      throw new ConflictError(
        `${clock.name} does not apply: ${clock.condition?.description ?? ''}; change the obligation's facts first`,
        [{ field: 'body.clock', message: 'not applicable under the recorded facts' }],
        'CLOCK_NOT_APPLICABLE',
      );
    }
    if (current.submissions.length >= MAX_SUBMISSIONS) {
      throw new ConflictError(
        `At most ${MAX_SUBMISSIONS} submissions per obligation`,
        [],
        'TOO_MANY_SUBMISSIONS',
      );
    }
    const now = deps.now();
    const submittedAt = body.submittedAt ?? now.toISOString();
    const ctx = dueContext(current, incident.discoveryDate, holidaysOf(regime.id));
    const due = computeDue(clock, ctx);
    if (due.kind === 'pending') {
      throw new ConflictError(
        `${clock.name} has not started: waiting for ${due.waitingFor}`,
        [{ field: 'body.clock', message: `clock not started (waiting for ${due.waitingFor})` }],
        'CLOCK_NOT_STARTED',
      );
    }
    if (Date.parse(submittedAt) < due.start.getTime()) {
      throw new ValidationError('submittedAt is before the clock started', [
        { field: 'body.submittedAt', message: `must not be before ${due.start.toISOString()}` },
      ]);
    }
    const firstForClock = !current.submissions.some((s) => s.clock === clock.id);
    const dueAt = due.kind === 'deadline' ? due.due : null;
    const lateSeconds = dueAt ? Math.floor((Date.parse(submittedAt) - dueAt.getTime()) / 1000) : 0;
    const late = firstForClock && lateSeconds > 0;
    if (late && clock.lateRequires === 'reasonsForDelay' && body.reasonsForDelay === undefined) {
      throw new ValidationError(
        `${clock.name} is late by ${signedIsoDuration(lateSeconds)}: ${regime.citation} requires the reasons for the delay`,
        [{ field: 'body.reasonsForDelay', message: 'required when the notice is late' }],
      );
    }
    const n = current.submissions.length + 1;
    const submission: Submission = {
      submissionId: `SUB-${n}`,
      clock: clock.id,
      submittedAt,
      recipient: body.recipient,
      ...(body.reference ? { reference: body.reference } : {}),
      coveredItems: [...new Set(body.coveredItems)],
      ...(body.reasonsForDelay ? { reasonsForDelay: body.reasonsForDelay } : {}),
      ...(body.notes ? { notes: body.notes } : {}),
      submittedBy: caller.subject,
      recordedAt: now.toISOString(),
      dueAt: dueAt?.toISOString() ?? null,
      ...(late ? { lateness: { seconds: lateSeconds, iso8601: signedIsoDuration(lateSeconds) } } : {}),
    };
    const record: ObligationRecord = {
      ...current,
      submissions: [...current.submissions, submission],
      updatedAt: now.toISOString(),
      version: current.version + 1,
    };
    const shown = view(record, incident.discoveryDate, now, incident.exercise);
    // A submitted clock's reminders go (after the commit); a clock it starts (e.g. NIS2's final
    // report) gets its own (before the commit).
    plan = planObligationReminders(
      now,
      incidentId,
      shown,
      view(current, incident.discoveryDate, now, incident.exercise),
    );
    const missing = (shown.clocks.find((c) => c.clockId === clock.id) as ObligationClock).missingItems;
    return commit(
      deps,
      caller,
      incident,
      {
        ...reminderPrepare(scheduling, plan),
        incident: summarized(incident, (s) => withObligation(s, shown)),
        items: [
          deps.repos.obligations.putPart(record, current.version),
          // What left: the submission to the regulator, in the sharing ledger (docs/sharing.md).
          deps.repos.sharing.ledgerPut({
            entryId: `submission-${obligationId}-${submission.submissionId}`,
            at: submission.submittedAt,
            channel: 'regulator-submission',
            incidentId,
            recipient: body.recipient,
            tlp: incidentTlp(incident),
            by: caller.subject,
            objects: [{ id: `${obligationId}/${submission.submissionId}`, version: clock.id }],
          }),
        ],
        timeline: [
          {
            type: late ? 'obligation.submitted_late' : 'obligation.submitted',
            summary: `${regime.name}: ${clock.name} ${firstForClock ? 'submitted' : 'supplemented'} to ${body.recipient}${
              body.reference ? ` (ref ${body.reference})` : ''
            }${late ? `, ${signedIsoDuration(lateSeconds)} late` : ''}${missing.length ? `; still missing: ${missing.join(', ')}` : ''}`,
            data: {
              obligationId,
              submissionId: submission.submissionId,
              clock: clock.id,
              submittedAt,
              dueAt: submission.dueAt,
              ...(late ? { lateSeconds } : {}),
              coveredItems: submission.coveredItems,
              missingItems: missing,
            },
          },
        ],
        result: submission,
      },
      rt.effects,
    );
  });
  if (scheduling) await cancelReminderSchedules(scheduling, plan);
  return submission;
}

// ---------- reads ----------

export async function listObligations(
  deps: Deps,
  incidentId: string,
): Promise<{ items: Obligation[]; disclosureHolds?: { holdId: string; audiences: string[] }[] }> {
  const { incident, obligations } = await deps.repos.obligations.incidentObligations(incidentId);
  const now = deps.now();
  // The clocks keep running under a disclosure hold; the view shows the holds beside them.
  const disclosureHolds = (incident.holds ?? [])
    .filter((h) => h.kind === 'disclosure')
    .map((h) => ({ holdId: h.holdId, audiences: [...(h.audiences ?? [])] }));
  return {
    items: obligations.map((o) => view(o, incident.discoveryDate, now, incident.exercise)),
    ...(disclosureHolds.length > 0 ? { disclosureHolds } : {}),
  };
}

export function listRegimes(): { items: RegimeView[] } {
  const { holidays } = regulatoryConfig();
  return { items: REGIMES.map((r) => regimeView(r, holidays[r.id] ?? [])) };
}
