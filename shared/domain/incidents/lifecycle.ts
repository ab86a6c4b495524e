import { DEFAULT_INCIDENT_TLP, type StoredIncident } from '../../db/entities/incident.js';
import type { Write } from '../../db/repositories.js';
import { TransactionConflict, withOptimisticRetry } from '../../db/transact.js';
import { ConflictError, UnprocessableError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  CloseIncidentBody,
  CreateIncidentBody,
  ImpactAssessmentBody,
  Incident,
  ReopenIncidentBody,
} from '../../schemas/incidents.js';
import { assertAuthority } from '../command/rules.js';
import { assertNoOpenCoordinatedActions } from '../coordination/rules.js';
import { EMPTY_SUMMARY } from '../dashboard/summary.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { autoStartChains, cancelChainSchedules, chainsStoppedByClose } from '../escalation/chains.js';
import { newReplyToken } from '../inbound/rules.js';
import { FUTURE_TOLERANCE_MS, storedView } from './changes.js';
import { priorityAtCreation, priorityFromImpact } from './priority.js';
import { assertClosable, assertIncidentOpen, assertReopenable } from './rules.js';
import {
  assertIfMatch,
  type Change,
  commit,
  MAX_TRANSACTION_ITEMS,
  mutate,
  type NewEntry,
  NO_EFFECTS,
  timelineItems,
} from './unit-of-work.js';

// ---------- create ----------

export async function createIncident(
  deps: Deps,
  caller: Caller,
  body: CreateIncidentBody,
  rt: EscalationRuntime,
): Promise<Incident> {
  return (await createIncidentWith(deps, caller, body, rt)).incident;
}

/**
 * What a caller writes with a new incident, in its creation transaction (the exercise start: the
 * activation, its notice and the exercise record, docs/exercises.md). `extend` receives the draft
 * (id, createdAt, counters) and returns its next state (participants, commSeq …), the items and the
 * timeline entries to write after the incident's own; `prepare` runs just before the transaction
 * (schedules that re-read what they act on); `explain` turns the failed indexes of `items` into
 * the error to answer (undefined: not theirs).
 */
export interface CreationExtension {
  readonly incident: StoredIncident;
  readonly items: readonly Write[];
  readonly timeline: readonly NewEntry[];
  readonly prepare?: (() => Promise<void>) | undefined;
  readonly explain?: ((failed: readonly number[]) => Error | undefined) | undefined;
}

/** `createIncident` with what `extend` adds written in the same ONE transaction. */
export async function createIncidentWith(
  deps: Deps,
  caller: Caller,
  body: CreateIncidentBody,
  rt: EscalationRuntime,
  extend?: (draft: StoredIncident) => Promise<CreationExtension>,
): Promise<{ incident: Incident; stored: StoredIncident }> {
  const now = deps.now();
  const nowIso = now.toISOString();
  const affected = body.affectedThirdParties ?? [];
  // Each third party once: checked by the schema (CreateIncidentBody).
  const discoveryDate = body.discoveryDate ?? nowIso;
  if (Date.parse(discoveryDate) > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new ValidationError('discoveryDate is in the future', [
      { field: 'body.discoveryDate', message: 'must not be in the future' },
    ]);
  }
  const priority = priorityAtCreation(body.severity, affected.length);
  const draft: StoredIncident = {
    id: body.id ?? `INC-${deps.newId()}`,
    title: body.title,
    description: body.description,
    severity: body.severity,
    category: body.category,
    status: 'open',
    priority,
    affectedThirdParties: affected,
    ...(body.discoveredBy ? { discoveredBy: body.discoveredBy } : {}),
    discoveryDate,
    tlp: body.tlp ?? DEFAULT_INCIDENT_TLP,
    // Set here only (PATCH does not accept it): an exercise stays an exercise (docs/exercises.md).
    ...(body.exercise ? { exercise: true } : {}),
    createdAt: nowIso,
    updatedAt: nowIso,
    createdBy: caller.subject,
    version: 1,
    timelineSeq: 1,
    dashboard: EMPTY_SUMMARY,
    actionSeq: 0,
    commSeq: 0,
    escSeq: 0,
    lessonSeq: 0,
    replyToken: newReplyToken(),
  };
  const extension: CreationExtension = extend
    ? await extend(draft)
    : { incident: draft, items: [], timeline: [] };
  // Escalation triggers that hold at creation fire in the creation transaction (docs/escalation.md).
  const triggered = await (rt.effects ?? NO_EFFECTS).plan(deps, extension.incident);
  const incident: StoredIncident = {
    ...triggered.incident,
    timelineSeq: 1 + extension.timeline.length + triggered.timeline.length,
  };
  const items: Write[] = [
    deps.repos.incidents.putIncident(incident, null),
    // A third party's incident counter counts real incidents; an exercise only checks it exists.
    ...affected.map((orgId) =>
      body.exercise
        ? deps.repos.incidents.organizationExists(orgId)
        : deps.repos.incidents.countIncidentOn(orgId, discoveryDate, nowIso),
    ),
    ...deps.repos.incidents.putLinks(incident),
    ...timelineItems(deps, incident.id, 1, nowIso, caller.subject, [
      {
        type: 'incident.created',
        summary: `${body.exercise ? 'Exercise incident' : 'Incident'} opened with severity ${body.severity} and priority ${priority}`,
        data: {
          severity: body.severity,
          priority,
          affectedThirdParties: affected,
          ...(body.exercise ? { exercise: true } : {}),
        },
      },
      ...extension.timeline,
      ...triggered.timeline,
    ]),
  ];
  const offset = items.length;
  items.push(...extension.items);
  if (items.length > MAX_TRANSACTION_ITEMS) {
    const linked = new Set([...incident.affectedThirdParties, ...(incident.participants ?? [])]).size;
    throw new UnprocessableError(
      `Creating this incident would write ${items.length} items in one transaction (at most ${MAX_TRANSACTION_ITEMS}); it involves ${linked} organizations`,
      [{ field: 'body', message: `too many organizations involved (${linked}) for one transaction` }],
      'INCIDENT_TOO_WIDE',
    );
  }
  try {
    await extension.prepare?.();
    await deps.repos.incidents.transact(items);
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    const theirs = extension.explain?.(error.failed.filter((i) => i >= offset).map((i) => i - offset));
    if (theirs) throw theirs;
    if (error.failed.includes(0)) {
      throw new ConflictError(
        `Incident ${incident.id} already exists`,
        [{ field: 'body.id', message: 'already exists' }],
        'ALREADY_EXISTS',
      );
    }
    const missing = error.failed.filter((i) => i >= 1 && i <= affected.length).map((i) => i - 1);
    if (missing.length > 0) {
      throw new ValidationError(
        `Unknown third part${missing.length > 1 ? 'ies' : 'y'}: ${missing.map((i) => affected[i]).join(', ')}`,
        missing.map((i) => ({
          field: `body.affectedThirdParties.${i}`,
          message: `third party ${affected[i]} does not exist`,
        })),
      );
    }
    throw new ConflictError('The incident could not be created; retry the request', [], 'CONCURRENT_UPDATE');
  }
  await triggered.afterCommit(incident);
  await autoStartChains(deps, rt, incident);
  return { incident: storedView(incident), stored: incident };
}

export function assessImpact(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: ImpactAssessmentBody,
  rt: EscalationRuntime,
  ifMatch?: number,
): Promise<Incident> {
  return mutate(
    deps,
    caller,
    incidentId,
    (current): Change<Incident> => {
      assertIncidentOpen(current);
      const { priority, total, factors } = priorityFromImpact(body);
      const at = deps.now().toISOString();
      const incident: StoredIncident = {
        ...current,
        priority,
        impactAssessment: { ...body, assessedAt: at, assessedBy: caller.subject, impactFactors: total },
      };
      const timeline: NewEntry[] = [
        {
          type: 'impact.assessed',
          summary: `Impact assessed: ${total} impact factor point(s)`,
          data: { ...body },
        },
      ];
      if (priority !== current.priority) {
        const why = factors.length
          ? factors.map((f) => `${f.factor} (+${f.points})`).join(', ')
          : 'no impact factors';
        timeline.push({
          type: 'priority.changed',
          summary: `Priority ${current.priority} → ${priority}: ${why}; ${total} point(s)`,
          data: { from: current.priority, to: priority, reason: 'impact assessment', factors, total },
        });
      }
      return { incident, timeline, result: storedView };
    },
    rt.effects,
    { ifMatch, operation: 'assessImpact' },
  );
}

export async function closeIncident(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CloseIncidentBody,
  rt: EscalationRuntime,
  ifMatch?: number,
): Promise<Incident> {
  const closed = await withOptimisticRetry(async () => {
    const [{ incident: current, actions }, activations] = await Promise.all([
      deps.repos.incidents.getWithActions(incidentId),
      deps.repos.incidents.activations(incidentId),
    ]);
    assertIfMatch(current, ifMatch);
    assertAuthority(caller, current, 'close');
    assertClosable(current, actions);
    // The close commit is conditioned on the incident version, which every coordinated action change bumps.
    assertNoOpenCoordinatedActions(
      current,
      activations.flatMap((a) => a.actions.map((c) => ({ ...c, activationId: a.activationId }))),
    );
    const at = deps.now().toISOString();
    const { closureNotes: _n, ...rest } = current;
    const incident: StoredIncident = {
      ...rest,
      status: 'closed',
      closureDate: at,
      closureReason: body.reason,
      ...(body.notes ? { closureNotes: body.notes } : {}),
    };
    // Its active escalation chains stop in the same transaction (each conditioned on its version).
    const stopping = await chainsStoppedByClose(deps, incidentId, at, caller.subject);
    return commit(
      deps,
      caller,
      current,
      {
        ifMatch,
        incident,
        items: stopping.items,
        timeline: [
          {
            type: 'incident.closed',
            summary: `Incident closed: ${body.reason}${body.notes ? ` (${body.notes})` : ''}`,
            data: { reason: body.reason, ...(body.notes ? { notes: body.notes } : {}) },
          },
          ...stopping.timeline,
        ],
        result: (stored: StoredIncident) => ({ view: storedView(stored), chains: stopping.chains }),
      },
      rt.effects,
    );
  });
  // After the commit, best-effort: the stopped chains' pending level schedules are deleted (one
  // left behind fires into a closed incident and a stopped chain, and does nothing).
  await cancelChainSchedules(rt, closed.chains);
  return closed.view;
}

export function reopenIncident(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: ReopenIncidentBody,
  rt: EscalationRuntime,
  ifMatch?: number,
): Promise<Incident> {
  return mutate(
    deps,
    caller,
    incidentId,
    (current): Change<Incident> => {
      assertAuthority(caller, current, 'reopen');
      assertReopenable(current);
      const { closureDate, closureReason, closureNotes: _n, ...rest } = current;
      const incident: StoredIncident = { ...rest, status: 'open' };
      return {
        incident,
        timeline: [
          {
            type: 'incident.reopened',
            summary: `Incident reopened${body.reason ? `: ${body.reason}` : ''}`,
            data: {
              previousClosureDate: closureDate,
              previousClosureReason: closureReason,
              ...(body.reason ? { reason: body.reason } : {}),
            },
          },
        ],
        result: storedView,
      };
    },
    rt.effects,
    { ifMatch, operation: 'reopenIncident' },
  );
}
