/**
 * Escalation triggers (`ESCTRIGGER#<id>`, ISO/IEC 27035-4 "escalation triggers"): `{when, notify,
 * template?, startChain?}` rules evaluated on every change of an incident.
 *
 * Exactly once per incident and trigger: `commit` (incidents service) evaluates the enabled
 * triggers against the incident's NEXT state; the ids that hold and are not yet in the incident's
 * `firedTriggers` are added to it and a `trigger.fired` timeline entry is written, in the SAME
 * transaction as the change, conditioned on the incident version. Two concurrent changes cannot both
 * fire a trigger: the second one's transaction fails on the version, re-reads, and finds the id in
 * `firedTriggers`. Only after the commit are the effects run (the notice, the chain), best-effort:
 * a failure is logged and the `trigger.fired` entry stays as the record.
 */

import type { NotifyDeps, SchedulingDeps } from '../../aws/ports.js';
import type { StoredTrigger } from '../../db/entities/escalation-trigger.js';
import { incidentView, type StoredIncident } from '../../db/entities/incident.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { logger } from '../../logging.js';
import type { Caller } from '../../model/caller.js';
import type {
  CreateEscalationTriggerBody,
  EscalationTrigger,
  ListEscalationTriggersQuery,
  UpdateEscalationTriggerBody,
} from '../../schemas/escalation.js';
import { referenceChange } from '../contacts/references.js';
import type { Deps } from '../deps.js';
import type { CommitEffects } from '../incidents/unit-of-work.js';
import { sendNotice, systemActor } from '../notifications/notice.js';
import { withOptimisticRetry } from '../retry.js';
import { renderTemplate, templateView } from '../templates/render.js';
import { getTemplate, loadVersion } from '../templates/service.js';
import { cached, invalidateEscalationCache } from './cache.js';
import { type EscalationRuntime, logFailedStart, startChain } from './chains.js';
import { newlyFired } from './rules.js';

/** The trigger; 404 when unknown. */
export async function getTrigger(deps: Deps, id: string): Promise<StoredTrigger> {
  const trigger = await deps.repos.triggers.get(id);
  if (!trigger) throw new NotFoundError(`Escalation trigger ${id} not found`);
  return trigger;
}

async function assertTemplate(deps: Deps, templateId: string | undefined): Promise<void> {
  if (!templateId) return;
  try {
    await getTemplate(deps, templateId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown template ${templateId}`, [
      { field: 'body.template', message: `template ${templateId} does not exist` },
    ]);
  }
}

/**
 * The trigger (conditioned on `expectedVersion`), the ConditionChecks of its policy and
 * organizations, and the `referencedBy` changes of the contacts its `notify` names (`trigger:<id>`,
 * so a contact a trigger names cannot be deleted: 409 CONTACT_IN_USE), in ONE transaction.
 * `beforeContacts`: the contacts the stored version named (none on create).
 */
async function write(
  deps: Deps,
  t: StoredTrigger,
  expectedVersion: number | null,
  beforeContacts: readonly string[],
): Promise<void> {
  await assertTemplate(deps, t.template);
  const contactRefs = deps.repos.contacts.referenceParts({
    ref: `trigger:${t.id}`,
    ...referenceChange(
      beforeContacts,
      (t.notify.contacts ?? []).map((contactId, i) => ({ contactId, field: `body.notify.contacts.${i}` })),
    ),
  });
  // Its policy and organizations are ConditionChecks of the same transaction (400 naming the field).
  await deps.repos.triggers.write(t, expectedVersion, contactRefs);
  invalidateEscalationCache();
}

export async function createTrigger(
  deps: Deps,
  caller: Caller,
  body: CreateEscalationTriggerBody,
): Promise<EscalationTrigger> {
  const at = deps.now().toISOString();
  const trigger: StoredTrigger = {
    id: body.id ?? `TRG-${deps.newId()}`,
    name: body.name,
    when: body.when,
    notify: body.notify,
    ...(body.template ? { template: body.template } : {}),
    ...(body.startChain ? { startChain: body.startChain } : {}),
    enabled: body.enabled,
    version: 1,
    createdAt: at,
    createdBy: caller.subject,
    updatedAt: at,
    updatedBy: caller.subject,
  };
  await write(deps, trigger, null, []);
  return trigger;
}

export function updateTrigger(
  deps: Deps,
  caller: Caller,
  id: string,
  body: UpdateEscalationTriggerBody,
): Promise<EscalationTrigger> {
  return withOptimisticRetry(async () => {
    const current = await getTrigger(deps, id);
    const { template: _t, startChain: _s, ...rest } = current;
    const template = body.template === undefined ? current.template : (body.template ?? undefined);
    const startChain = body.startChain === undefined ? current.startChain : (body.startChain ?? undefined);
    const next: StoredTrigger = {
      ...rest,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.when !== undefined ? { when: body.when } : {}),
      ...(body.notify !== undefined ? { notify: body.notify } : {}),
      ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      ...(template ? { template } : {}),
      ...(startChain ? { startChain } : {}),
      version: current.version + 1,
      updatedAt: deps.now().toISOString(),
      updatedBy: caller.subject,
    };
    await write(deps, next, current.version, current.notify.contacts ?? []);
    return next;
  });
}

export async function listTriggers(
  deps: Deps,
  query: ListEscalationTriggersQuery,
): Promise<{ items: EscalationTrigger[]; nextCursor: string | null }> {
  return deps.repos.triggers.list(query);
}

/** Every trigger (cached in module memory, see cache.ts). */
export function allTriggers(deps: Deps): Promise<StoredTrigger[]> {
  return cached(deps.repos.triggers, 'triggers', () => deps.repos.triggers.all());
}

// ---------- evaluation (called by the incidents service's commit and createIncident) ----------

export interface TriggerEvaluation {
  /** The incident's next state, with the newly fired ids added to `firedTriggers`. */
  readonly incident: StoredIncident;
  /** One `trigger.fired` entry per newly fired trigger (written in the same transaction). */
  readonly timeline: { type: string; summary: string; data?: Record<string, unknown> }[];
  readonly fired: StoredTrigger[];
}

type WithTriggerState = StoredIncident & { firedTriggers?: string[]; overdueActions?: unknown[] };

/** Which triggers the next state fires (see the module comment). Reads the cached trigger list. */
export async function evaluateTriggers(deps: Deps, next: StoredIncident): Promise<TriggerEvaluation> {
  const triggers = await allTriggers(deps);
  if (triggers.length === 0) return { incident: next, timeline: [], fired: [] };
  const state = next as WithTriggerState;
  const already = state.firedTriggers ?? [];
  const ids = newlyFired(
    triggers,
    {
      priority: state.priority,
      affectedThirdParties: state.affectedThirdParties,
      impactAssessment: state.impactAssessment,
      overdueActions: state.overdueActions,
    },
    already,
  );
  if (ids.length === 0) return { incident: next, timeline: [], fired: [] };
  const fired = ids.map((id) => triggers.find((t) => t.id === id) as StoredTrigger);
  return {
    incident: { ...state, firedTriggers: [...already, ...ids] } as StoredIncident,
    timeline: fired.map((t) => ({
      type: 'trigger.fired',
      summary: `Escalation trigger ${t.id} (${t.name}) fired${t.startChain ? `; starting policy ${t.startChain}` : ''}`,
      data: { triggerId: t.id, when: t.when, ...(t.startChain ? { startChain: t.startChain } : {}) },
    })),
    fired,
  };
}

/** The notice a fired trigger sends: its template's approved version, else a default text. */
async function triggerMessage(
  deps: Deps,
  t: StoredTrigger,
  incident: StoredIncident,
): Promise<{ subject: string; content: string }> {
  if (t.template) {
    try {
      const head = await getTemplate(deps, t.template);
      if (head.approvedVersion !== null) {
        const version = await loadVersion(deps, head.id, head.approvedVersion);
        const rendered = renderTemplate(
          version,
          templateView(incidentView(incident as unknown as Record<string, unknown>)),
        );
        return { subject: rendered.subject, content: rendered.body };
      }
      logger.warn('escalation trigger template has no approved version', { triggerId: t.id });
    } catch (error) {
      logger.warn('escalation trigger template unusable; default text sent', { triggerId: t.id, error });
    }
  }
  return {
    subject: `${t.name}: ${incident.title}`,
    content: `Escalation trigger "${t.name}" fired on incident ${incident.id} (priority ${incident.priority}, severity ${incident.severity}).`,
  };
}

/**
 * After the commit: each fired trigger's notice, then its chain. Best-effort: never throws (the
 * change is committed; the `trigger.fired` entry records the firing), failures are logged.
 */
export async function runTriggerEffects(
  deps: Deps,
  rt: EscalationRuntime,
  incident: StoredIncident,
  fired: readonly StoredTrigger[],
): Promise<void> {
  if (fired.length === 0) return;
  const actor: Caller = systemActor('escalation-trigger');
  for (const t of fired) {
    try {
      const hasRecipients =
        (t.notify.contacts?.length ?? 0) +
          (t.notify.organizations?.length ?? 0) +
          (t.notify.groups?.length ?? 0) >
        0;
      if (hasRecipients) {
        const message = await triggerMessage(deps, t, incident);
        await sendNotice(deps, rt.notify, actor, {
          incidentId: incident.id,
          kind: 'trigger.notice',
          subject: message.subject,
          content: message.content,
          recipients: t.notify,
          data: { triggerId: t.id },
        });
      }
      if (t.startChain) {
        await startChain(
          deps,
          rt,
          actor,
          incident.id,
          { policyId: t.startChain },
          {
            reason: `escalation trigger ${t.id} (${t.name})`,
            triggerId: t.id,
          },
        );
      }
    } catch (error) {
      logFailedStart('escalation trigger effect', error, { triggerId: t.id, incidentId: incident.id });
    }
  }
}

/**
 * The escalation-trigger effects of an incident change (passed to the unit of work's `commit`):
 * triggers newly true in the next state are recorded in the same transaction; after the commit each
 * one's notice is sent (SNS: `rt.notify`) and its chain started (Scheduler: `rt.scheduling`).
 */
export function triggerEffects(rt: EscalationRuntime): CommitEffects {
  return {
    plan: async (deps, next) => {
      const evaluation = await evaluateTriggers(deps, next);
      return {
        incident: evaluation.incident,
        timeline: evaluation.timeline,
        afterCommit: (stored) => runTriggerEffects(deps, rt, stored, evaluation.fired),
      };
    },
  };
}

/**
 * The escalation runtime of explicit services: SNS and Scheduler when given, and the trigger
 * effects every chain's incident change is committed with (so a chain start or stop evaluates the
 * triggers like any other change, with the same services).
 */
export function escalationRuntimeOf(services: {
  readonly notify?: NotifyDeps | undefined;
  readonly scheduling?: SchedulingDeps | undefined;
}): EscalationRuntime {
  const rt: {
    notify?: NotifyDeps | undefined;
    scheduling?: SchedulingDeps | undefined;
    effects?: CommitEffects;
  } = { ...services };
  rt.effects = triggerEffects(rt);
  return rt;
}
