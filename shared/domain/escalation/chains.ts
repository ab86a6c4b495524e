/**
 * Escalation chains: an incident (or an activation of it) climbing a policy's levels until someone
 * acknowledges. See `docs/escalation.md`.
 *
 * - Start: the chain item (`INC#<id>` / `ESCCHAIN#CHAIN-n`, status `active`, currentLevel 0) and a
 *   `escalation.chain_started` timeline entry in ONE incident transaction; then level 1 runs now.
 * - A level runs in three steps: (1) the next level's one-time schedule
 *   (`esc.<incidentId>.<chainId>.l<n+1>`, at now + this level's timeframe, target `escalation-step`,
 *   idempotent by name) — FIRST, so a failing Scheduler leaves nothing claimed; (2) CLAIM + NOTICE
 *   in ONE transaction — the conditional chain Update (`status = active AND currentLevel < level
 *   AND size(steps) = n`, n = the steps read; sets currentLevel, nextLevelAt, nextSchedule, appends
 *   the step with what the notice did; at the last level also status `exhausted`) is the first item
 *   of the notice's transaction (communication + outbox + timeline `escalation.level`); (3) the
 *   Publish after the commit (what a failed Publish or a stopped process leaves, the notification
 *   sweeper sends, same message id). Only the firing that wins the claim notifies: a duplicate, a
 *   late firing, or one after acknowledgement, finds the condition false and writes nothing.
 * - Closing the incident stops its active chains in the close transaction and deletes their
 *   schedules (`chainsStoppedByClose`, `cancelChainSchedules`).
 * - A chain of more than one level needs the Scheduler: without it `startChain` refuses before
 *   writing anything (a deployment bug; automatic starts log it and skip).
 * - An activation's chain ends (status `acknowledged`) when no coordinated action of the activation
 *   is still `pending`: after each action update, and again when a level fires (`runStep`).
 * - Acknowledge / stop: ONE incident transaction ends every active chain (UpdateItem conditioned on
 *   the chain version and `status = active`), then the pending schedules are deleted. A schedule
 *   created after that (a claim that won just before) fires into a chain that is no longer active:
 *   a no-op.
 */
import { randomBytes } from 'node:crypto';
import { acknowledgementLinkConfig } from '../../config.js';
import type { StoredChain } from '../../db/entities/escalation-chain.js';
import type { StoredIncident } from '../../db/entities/incident.js';
import { withOptimisticRetry } from '../../db/transact.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.js';
import { logger } from '../../logging.js';
import type { Caller } from '../../model/caller.js';
import { fireInstant, scheduleOnce } from '../../scheduling/schedules.js';
import { ID_PATTERN } from '../../schemas/common.js';
import type {
  AcknowledgeIncidentBody,
  Acknowledgement,
  ChainLevel,
  StartEscalationChainBody,
} from '../../schemas/escalation.js';
import { loadContacts } from '../contacts/service.js';
import { getChannel } from '../coordination/channels.js';
import type { Deps } from '../deps.js';
import { assertIncidentOpen } from '../incidents/rules.js';
import { commit } from '../incidents/unit-of-work.js';
import { NoticeClaimLostError, sendNotice, systemActor } from '../notifications/notice.js';
import { loadOrganization } from '../organizations/service.js';
import { timeframeSeconds } from '../timeframe.js';
import { incidentTlp } from '../tlp/rules.js';
import { acknowledgeHint, sendAcknowledgementLinks } from './ack-links.js';
import { cached } from './cache.js';
import { type EscalationRuntime, endChains } from './chain-end.js';
import { autoStartPolicies } from './policies.js';
import {
  chainLevelOf,
  chainLevelOfRule,
  classifyRuleContact,
  decideStep,
  priorityAtLeast,
  renumber,
  type StepDecision,
  stepScheduleName,
} from './rules.js';

/** Scheduler target of the next-level firings (an entry of SCHEDULED_FUNCTIONS). */
export const STEP_TARGET = 'escalation-step';

export type { EscalationRuntime } from './chain-end.js';
export { cancelChainSchedules, endChains } from './chain-end.js';

export interface StepPayload {
  readonly incidentId: string;
  readonly chainId: string;
  readonly level: number;
}

type ChainSource = { policyId: string } | { channelId: string };

interface StartOptions {
  readonly reason?: string | undefined;
  readonly activationId?: string | undefined;
  readonly triggerId?: string | undefined;
  /** Request field named by a 400 about the source (`body.policyId` …). */
  readonly field?: string;
}

/** A policy → its chain levels and source. */
async function levelsOfPolicy(deps: Deps, policyId: string, field: string) {
  try {
    const policy = await deps.repos.policies.get(policyId);
    if (!policy) throw new NotFoundError(`Escalation policy ${policyId} not found`);
    return {
      source: { type: 'policy' as const, policyId, policyVersion: policy.version },
      levels: policy.levels.map(chainLevelOf),
    };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown escalation policy ${policyId}`, [
      { field, message: `escalation policy ${policyId} does not exist` },
    ]);
  }
}

/**
 * A channel's escalation rules → chain levels: each rule's `contact` is a live contact id, else an
 * organization id, else a stakeholder group name, else unresolved (the level records it as skipped).
 */
async function levelsOfChannel(deps: Deps, channelId: string, field: string) {
  let channel: Awaited<ReturnType<typeof getChannel>>;
  try {
    channel = await getChannel(deps, channelId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown channel ${channelId}`, [
      { field, message: `channel ${channelId} does not exist` },
    ]);
  }
  if (channel.escalationRules.length === 0) {
    throw new ValidationError(`Channel ${channelId} has no escalation rules`, [
      { field, message: 'the channel has no escalation rules' },
    ]);
  }
  const texts = channel.escalationRules.map((r) => r.contact.trim());
  const ids = [...new Set(texts.filter((t) => ID_PATTERN.test(t)))];
  const contacts = await loadContacts(deps, ids);
  const isContact = (text: string) => {
    const contact = contacts.get(text);
    return contact !== undefined && !contact.deletedAt;
  };
  // The organization look-ups of the rules that name no contact, at once (not one rule after another).
  const isOrganization = new Map(
    await Promise.all(
      [...new Set(texts.filter((t) => !isContact(t) && ID_PATTERN.test(t)))].map(async (text) => {
        const found = await loadOrganization(deps, text).then(
          () => true,
          (error: unknown) => {
            if (error instanceof NotFoundError) return false;
            throw error;
          },
        );
        return [text, found] as const;
      }),
    ),
  );
  const levels: ChainLevel[] = channel.escalationRules.map((rule, i) => {
    const text = texts[i] as string;
    return chainLevelOfRule(
      rule,
      classifyRuleContact(text, {
        contact: isContact(text),
        organization: isOrganization.get(text) ?? false,
      }),
    );
  });
  return {
    source: { type: 'channel' as const, channelId, channelVersion: channel.version },
    levels: renumber(levels),
  };
}

const sameSource = (a: StoredChain['source'], b: StoredChain['source']): boolean =>
  a.type === 'policy' && b.type === 'policy'
    ? a.policyId === b.policyId
    : a.type === 'channel' && b.type === 'channel' && a.channelId === b.channelId;

/**
 * Starts a chain on the incident and notifies level 1 now; returns the chain as stored after level 1.
 * 400 for an unknown policy/channel; 409 for a closed incident, and 409 CHAIN_ACTIVE while a chain
 * of the same source (and activation) is still active on the incident.
 */
export async function startChain(
  deps: Deps,
  rt: EscalationRuntime,
  actor: Caller,
  incidentId: string,
  source: ChainSource,
  options: StartOptions = {},
): Promise<StoredChain> {
  const resolved =
    'policyId' in source
      ? await levelsOfPolicy(deps, source.policyId, options.field ?? 'body.policyId')
      : await levelsOfChannel(deps, source.channelId, options.field ?? 'body.channelId');
  if (resolved.levels.length > 1 && !rt.scheduling) {
    // A deployment bug (the function lacks `uses: ['scheduler']`): such a chain would notify level 1
    // and then stay `active` without ever climbing. Refuse before writing anything (500 on the
    // explicit route; the automatic starts log it and skip).
    throw new Error(
      `Escalation chain on ${incidentId} not started: it has ${resolved.levels.length} levels but the Scheduler is not configured in this function`,
    );
  }
  const { chain, incident } = await withOptimisticRetry(async () => {
    const current = await deps.repos.incidents.get(incidentId);
    assertIncidentOpen(current);
    const existing = await deps.repos.incidents.chains(incidentId);
    const running = existing.find(
      (c) =>
        c.status === 'active' &&
        sameSource(c.source, resolved.source) &&
        c.activationId === options.activationId,
    );
    if (running) {
      // A retried request (or a second trigger) must not start the same ladder twice.
      throw new ConflictError(
        `${running.chainId} is already climbing this ${resolved.source.type} on ${incidentId}`,
        [
          {
            field: options.field ?? ('policyId' in source ? 'body.policyId' : 'body.channelId'),
            message: `${running.chainId} is active`,
          },
        ],
        'CHAIN_ACTIVE',
      );
    }
    const at = deps.now().toISOString();
    const chain: StoredChain = {
      chainId: `CHAIN-${existing.length + 1}`,
      incidentId,
      source: resolved.source,
      ...(options.activationId ? { activationId: options.activationId } : {}),
      ...(options.triggerId ? { triggerId: options.triggerId } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
      status: 'active',
      currentLevel: 0,
      levels: resolved.levels,
      steps: [],
      nextLevelAt: null,
      nextSchedule: null,
      startedAt: at,
      startedBy: actor.subject,
      version: 1,
    };
    const what =
      chain.source.type === 'policy'
        ? `policy ${chain.source.policyId}`
        : `channel ${chain.source.channelId}`;
    return commit(
      deps,
      actor,
      current,
      {
        incident: current,
        items: [deps.repos.incidents.putChain(chain, null)],
        timeline: [
          {
            type: 'escalation.chain_started',
            summary: `${chain.chainId} started on ${what} (${chain.levels.length} level(s))${
              options.activationId ? ` for ${options.activationId}` : ''
            }${options.reason ? `: ${options.reason}` : ''}`,
            data: {
              chainId: chain.chainId,
              source: chain.source,
              levels: chain.levels.length,
              ...(options.activationId ? { activationId: options.activationId } : {}),
              ...(options.triggerId ? { triggerId: options.triggerId } : {}),
            },
          },
        ],
        result: (stored: StoredIncident) => ({ chain, incident: stored }),
      },
      rt.effects,
    );
  });
  try {
    await runLevel(deps, rt, chain, incident, 1);
  } catch (error) {
    // Level 1 could not run (Scheduler or the claim failing; a failed notice is recorded, not
    // thrown): the chain must not stay "active" without a ladder under it (a retry would meet 409
    // CHAIN_ACTIVE). Stop it, then fail the request (503 for throttling/unavailability): the
    // client's retry starts a fresh chain.
    await endChains(deps, rt, actor, incidentId, 'stopped', {
      only: (c) => c.chainId === chain.chainId,
      type: 'escalation.chain_stopped',
      summary: (ids) => `${ids.join(', ')} stopped: its first level could not run`,
      assertOpen: false,
    }).catch((stopError: unknown) =>
      logger.error('escalation chain left active after a failed start', {
        chainId: chain.chainId,
        stopError,
      }),
    );
    throw error;
  }
  return (await deps.repos.incidents.chain(incidentId, chain.chainId)) ?? chain;
}

/** The explicit start (`POST /incidents/{id}/escalation-chain`). */
export function startChainByRequest(
  deps: Deps,
  rt: EscalationRuntime,
  caller: Caller,
  incidentId: string,
  body: StartEscalationChainBody,
): Promise<StoredChain> {
  const source: ChainSource = body.policyId
    ? { policyId: body.policyId }
    : { channelId: body.channelId as string };
  return startChain(deps, rt, caller, incidentId, source, { reason: body.reason });
}

/**
 * Runs level `level` (schedule the next → claim + notice in one transaction → publish). False when
 * the claim fails (another firing did it, or the chain is no longer active). A failure before the
 * commit claims nothing and is thrown (Scheduler retries the firing); a notice too wide for one
 * transaction is recorded on the step instead (`communicationId: null`).
 */
async function runLevel(
  deps: Deps,
  rt: EscalationRuntime,
  chain: StoredChain,
  incident: StoredIncident,
  level: number,
): Promise<boolean> {
  const def = chain.levels[level - 1];
  if (!def) return false;
  const hasNext = level < chain.levels.length;
  const now = deps.now();
  const at = now.toISOString();
  // The instant the next level really fires (whole seconds, rounded up): what the notice announces
  // and `nextLevelAt` stores, never earlier than now + timeframe.
  const nextAt = hasNext
    ? fireInstant(
        new Date(now.getTime() + timeframeSeconds(def.timeframe, `levels.${level - 1}.timeframe`) * 1000),
      )
    : null;
  const nextName =
    hasNext && rt.scheduling ? stepScheduleName(chain.incidentId, chain.chainId, level + 1) : null;
  const actor = systemActor(STEP_TARGET);
  // The next level's schedule comes FIRST (idempotent by name): when Scheduler fails, nothing is
  // claimed and the firing fails into Scheduler's retries (or the start request into a 503) with
  // the chain unchanged. A schedule created by a firing that then loses the claim fires later into
  // a chain that is already there (or no longer active) and does nothing.
  if (nextAt && nextName && rt.scheduling) {
    const payload: StepPayload = { incidentId: chain.incidentId, chainId: chain.chainId, level: level + 1 };
    await scheduleOnce(rt.scheduling, {
      name: nextName,
      at: nextAt,
      target: STEP_TARGET,
      payload,
      description: `Liaison escalation ${chain.chainId} of ${chain.incidentId}: level ${level + 1}`,
    });
  } else if (hasNext) {
    logger.warn('escalation chain cannot schedule its next level: Scheduler not configured here', {
      incidentId: chain.incidentId,
      chainId: chain.chainId,
      level: level + 1,
    });
  }
  const claim = {
    at,
    nextLevelAt: nextAt ? nextAt.toISOString() : null,
    nextSchedule: nextName,
    last: !hasNext,
    by: actor.subject,
    stepsBefore: chain.steps.length,
  };
  const unresolved = def.unresolved ?? [];
  const unresolvedSkips = unresolved.map((text) => ({
    recipient: text,
    reason: 'no contact, organization or stakeholder group of that name',
  }));
  // The claim is the first item of the notice's ONE transaction (claim + communication + outbox +
  // timeline): a level is claimed exactly when its notice is in the outbox. A process that stops
  // after the commit leaves the message to the notification sweeper (same message id); its retry
  // finds the level claimed. A failure before the commit claims nothing: the firing fails into
  // Scheduler's retries (the next level is already scheduled either way).
  const notice = {
    incidentId: chain.incidentId,
    kind: 'escalation.level',
    subject: `Escalation level ${level} of ${chain.levels.length}: ${incident.title}`,
    content: [
      `Incident ${incident.id} (priority ${incident.priority}, severity ${incident.severity}) has not been acknowledged.`,
      `You are level ${level} of ${chain.levels.length} of escalation ${chain.chainId}${
        chain.reason ? ` (${chain.reason})` : ''
      }.`,
      hasNext && nextAt
        ? `Without acknowledgement, level ${level + 1} is notified at ${nextAt.toISOString()}.`
        : '',
      acknowledgeHint(acknowledgementLinkConfig().publicBaseUrl, incident.id),
    ]
      .filter(Boolean)
      .join('\n'),
    recipients: def.recipients,
    data: {
      chainId: chain.chainId,
      level,
      ...(chain.activationId ? { activationId: chain.activationId } : {}),
      ...(unresolved.length ? { unresolved } : {}),
      ...(nextAt ? { nextLevelAt: nextAt.toISOString() } : { last: true }),
    },
  };
  try {
    const result = await sendNotice(deps, rt.notify, actor, notice, (result) =>
      deps.repos.incidents.claimLevelItem(chain, level, {
        ...claim,
        step: {
          level,
          at,
          communicationId: result.communicationId,
          replaced: result.replaced,
          skipped: [...result.skipped, ...unresolvedSkips],
        },
      }),
    );
    // Each contact the notice reached gets its own single-use acknowledgement link (best-effort).
    await sendAcknowledgementLinks(deps, rt.notify, acknowledgementLinkConfig(), randomBytes, {
      incidentId: incident.id,
      incidentTitle: incident.title,
      tlp: incidentTlp(incident),
      chainId: chain.chainId,
      level,
      levels: chain.levels.length,
      nextLevelAt: nextAt ? nextAt.toISOString() : null,
      organizations: result.organizations,
    });
    return true;
  } catch (error) {
    if (error instanceof NoticeClaimLostError) return false;
    if (!(error instanceof UnprocessableError)) throw error;
    // The notice can never be written (INCIDENT_TOO_WIDE: more organizations than one transaction
    // holds): claim the level without it and record why, so the ladder goes on.
    const why = `${error.name}: ${error.message}`;
    logger.error('escalation level notice cannot be written; level claimed without it', {
      incidentId: chain.incidentId,
      chainId: chain.chainId,
      level,
      error,
    });
    return deps.repos.incidents.claimLevel(chain, level, {
      ...claim,
      step: {
        level,
        at,
        communicationId: null,
        replaced: [],
        skipped: [{ recipient: 'level', reason: `notice failed: ${why}` }, ...unresolvedSkips],
      },
    });
  }
}

/** The scheduled firing (`escalation-step`): acts only per `decideStep`. */
export async function runStep(
  deps: Deps,
  rt: EscalationRuntime,
  payload: StepPayload,
): Promise<{ acted: boolean; decision: StepDecision }> {
  const [chain, incident] = await Promise.all([
    deps.repos.incidents.chain(payload.incidentId, payload.chainId),
    deps.repos.incidents.get(payload.incidentId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }),
  ]);
  // An activation's chain: are its coordinated actions all acknowledged already? (The stop after
  // the action update is best-effort; this makes the firing itself end the chain.)
  const allAcknowledged =
    chain?.activationId && chain.status === 'active'
      ? await activationAcknowledged(deps, payload.incidentId, chain.activationId)
      : undefined;
  const decision = decideStep({ chain, incident, level: payload.level, allAcknowledged });
  if (!decision.act) {
    if (decision.stop && chain) {
      await endChains(deps, rt, systemActor(STEP_TARGET), payload.incidentId, 'stopped', {
        only: (c) => c.chainId === chain.chainId,
        type: 'escalation.chain_stopped',
        summary: (ids) => `${ids.join(', ')} stopped: the incident is closed`,
        assertOpen: false,
      });
    }
    if (decision.acknowledge && chain?.activationId) {
      await endActivationChains(deps, rt, systemActor(STEP_TARGET), payload.incidentId, chain.activationId);
    }
    return { acted: false, decision };
  }
  const acted = await runLevel(deps, rt, chain as StoredChain, incident as StoredIncident, payload.level);
  return { acted, decision: acted ? decision : { act: false, reason: 'already_done' } };
}

/**
 * Closing an incident: its active chains, the items that end them (`stopped`) in the close
 * transaction, and the timeline entry; the caller deletes their schedules after the commit
 * (`cancelChainSchedules`).
 */
export async function chainsStoppedByClose(deps: Deps, incidentId: string, at: string, by: string) {
  const active = (await deps.repos.incidents.chains(incidentId)).filter((c) => c.status === 'active');
  const ids = active.map((c) => c.chainId);
  return {
    chains: active,
    items: active.map((c) => deps.repos.incidents.endChainItem(c, 'stopped', at, by)),
    timeline: active.length
      ? [
          {
            type: 'escalation.chain_stopped',
            summary: `${ids.join(', ')} stopped: the incident is closed`,
            data: { chainIds: ids },
          },
        ]
      : [],
  };
}

/** `POST /incidents/{id}/acknowledge`: stamps the incident, ends every active chain, deletes schedules. */
export async function acknowledgeIncident(
  deps: Deps,
  rt: EscalationRuntime,
  caller: Caller,
  incidentId: string,
  body: AcknowledgeIncidentBody,
): Promise<Acknowledgement> {
  const out = await endChains(deps, rt, caller, incidentId, 'acknowledged', {
    only: () => true,
    assertOpen: true,
    type: 'incident.acknowledged',
    summary: (ids) =>
      `Incident acknowledged${body.note ? `: ${body.note}` : ''}${ids.length ? `; stopped ${ids.join(', ')}` : ''}`,
    data: body.note ? { note: body.note } : {},
    incident: (current, at) =>
      ({ ...current, acknowledgedAt: at, acknowledgedBy: caller.subject }) as StoredIncident,
    result: (_stored, _ids, at) => at,
  });
  return {
    incidentId,
    acknowledgedAt: out.result as string,
    acknowledgedBy: caller.subject,
    ...(body.note ? { note: body.note } : {}),
    stoppedChains: out.chainIds,
    cancelledSchedules: out.cancelled,
  };
}

// ---------- automatic starts and stops ----------

/** An automatic start that did not happen: already climbing (info), anything else (error). */
export function logFailedStart(what: string, error: unknown, context: Record<string, unknown>): void {
  if (error instanceof ConflictError && error.code === 'CHAIN_ACTIVE') {
    logger.info(`${what}: chain already active`, context);
  } else {
    logger.error(`${what} failed`, { ...context, error });
  }
}

/** After an incident is created: a chain per auto-start policy at or below its priority (best-effort). */
export async function autoStartChains(
  deps: Deps,
  rt: EscalationRuntime,
  incident: StoredIncident,
): Promise<void> {
  let policies: Awaited<ReturnType<typeof autoStartPolicies>>;
  try {
    policies = await cached(deps.repos.policies, 'autoStartPolicies', () => autoStartPolicies(deps));
  } catch (error) {
    logger.error('escalation auto-start: policies unreadable', { incidentId: incident.id, error });
    return;
  }
  const due = policies.filter(
    (p) => p.autoStart && priorityAtLeast(incident.priority, p.autoStart.minPriority),
  );
  if (due.length === 0) return;
  for (const p of due) {
    try {
      await startChain(
        deps,
        rt,
        systemActor('escalation'),
        incident.id,
        { policyId: p.id },
        {
          reason: `priority ${incident.priority} at creation (policy auto-start at ${p.autoStart?.minPriority})`,
        },
      );
    } catch (error) {
      logFailedStart('escalation auto-start', error, { incidentId: incident.id, policyId: p.id });
    }
  }
}

/** After an activation naming a channel: a chain on the channel's rules for it (best-effort). */
export async function startActivationChain(
  deps: Deps,
  rt: EscalationRuntime,
  actor: Caller,
  incidentId: string,
  activationId: string,
  channelId: string,
): Promise<void> {
  try {
    await startChain(
      deps,
      rt,
      actor,
      incidentId,
      { channelId },
      {
        activationId,
        reason: `activation ${activationId}`,
        field: 'body.coordinationChannel',
      },
    );
  } catch (error) {
    logFailedStart('activation escalation chain', error, { incidentId, activationId });
  }
}

/**
 * After a coordinated action changed: when no action of the activation is still `pending`, the
 * activation's chains are acknowledged and stop (their schedules deleted).
 */
export async function stopActivationChainsIfAcknowledged(
  deps: Deps,
  rt: EscalationRuntime,
  actor: Caller,
  incidentId: string,
  activationId: string,
  statuses: readonly string[],
): Promise<string[]> {
  if (statuses.some((s) => s === 'pending')) return [];
  return endActivationChains(deps, rt, actor, incidentId, activationId);
}

/** Ends the activation's active chains as `acknowledged` (schedules deleted); returns their ids. */
async function endActivationChains(
  deps: Deps,
  rt: EscalationRuntime,
  actor: Caller,
  incidentId: string,
  activationId: string,
): Promise<string[]> {
  const out = await endChains(deps, rt, actor, incidentId, 'acknowledged', {
    only: (c) => c.activationId === activationId,
    assertOpen: false,
    type: 'escalation.chain_stopped',
    summary: (ids) =>
      `${ids.join(', ')} stopped: every coordinated action of ${activationId} was acknowledged`,
    data: { activationId },
  });
  return out.chainIds;
}

/**
 * Whether the activation has coordinated actions and none of them is still `pending` (one Query on
 * the incident's activations). An unknown activation, or one without actions, is not acknowledged.
 */
async function activationAcknowledged(
  deps: Deps,
  incidentId: string,
  activationId: string,
): Promise<boolean> {
  const activation = (await deps.repos.incidents.activations(incidentId)).find(
    (a) => a.activationId === activationId,
  );
  if (!activation || activation.actions.length === 0) return false;
  return activation.actions.every((a) => a.status !== 'pending');
}
