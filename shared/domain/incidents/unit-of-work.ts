/**
 * The incident unit of work: one change to an incident aggregate (the incident item, its children,
 * its organization links and its timeline entries) written in ONE TransactWriteItems, conditioned on
 * the incident version the change was decided on, and retried when another writer got there first.
 *
 * What happens around the transaction is passed in by the caller ({@link CommitEffects}): the
 * escalation-trigger evaluation and its after-commit notices and chain starts
 * (`escalation/triggers.ts` → `triggerEffects(runtime)`), reminder schedules (`Change.prepare`).
 * This module imports none of chains, triggers or notices, so none of them sits in a cycle with it.
 */

import type { StoredIncident } from '../../db/entities/incident.js';
import type { Write } from '../../db/repositories.js';
import { StaleRoot, TransactionConflict, withOptimisticRetry } from '../../db/transact.js';
import { PreconditionFailedError, UnprocessableError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { TimelineEntry } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';
import { forgetIncident, recallIncident, rememberIncident } from './last-seen.js';

export type NewEntry = { type: string; summary: string; data?: Record<string, unknown> };

/** DynamoDB's limit of items in one TransactWriteItems. */
export const MAX_TRANSACTION_ITEMS = 100;

/** What an effect adds to a change before its transaction, and what it runs after the commit. */
export interface EffectPlan {
  /** The incident's next state as the effect changes it (e.g. `firedTriggers`). */
  readonly incident: StoredIncident;
  /** Timeline entries written in the same transaction, after the change's own. */
  readonly timeline: readonly NewEntry[];
  /** After the commit, best-effort (never throws): notices, chain starts … */
  readonly afterCommit: (stored: StoredIncident) => Promise<void>;
}

/**
 * Effects of an incident change, passed in by the caller: `escalation/triggers.ts` builds the
 * escalation-trigger effects (`triggerEffects(runtime)`); without effects a commit writes the
 * change and nothing else.
 */
export interface CommitEffects {
  readonly plan: (deps: Deps, next: StoredIncident) => Promise<EffectPlan>;
}

export const NO_EFFECTS: CommitEffects = {
  plan: async (_deps, next) => ({ incident: next, timeline: [], afterCommit: async () => {} }),
};

export interface Change<R> {
  /** The incident's next state (version, updatedAt and timelineSeq are set by `commit`). */
  incident: StoredIncident;
  /** Other items written in the same transaction. */
  items?: Write[];
  /** Index of `items` entries that are third-party existence checks, with the field they came from. */
  refs?: { index: number; field: string; id: string }[];
  timeline: NewEntry[];
  /** The answer; a function receives the incident as stored (new version, updatedAt). */
  result: R | ((stored: StoredIncident) => R);
  /**
   * Runs just before the transaction; when it throws, nothing is written. For side effects that
   * must exist before the change does and are harmless without it (reminder schedules: created
   * first, they re-read the item when they fire).
   */
  prepare?: () => Promise<void>;
  /**
   * Skip the effects (escalation-trigger evaluation) even when some are passed: for changes made by
   * a function that may not read the trigger list (the public acknowledgement link, whose role
   * reaches only its own items).
   */
  skipTriggers?: boolean;
  /**
   * The version the client read (`If-Match`): the transaction is conditioned on it, and a mismatch
   * is 412 PRECONDITION_FAILED (never retried: the client decides again on what it reads).
   */
  ifMatch?: number | undefined;
}

/** The timeline items of `entries`, numbered from `firstSeq`. */
export function timelineItems(
  deps: Deps,
  incidentId: string,
  firstSeq: number,
  at: string,
  actor: string,
  entries: readonly NewEntry[],
): Write[] {
  return deps.repos.incidents.newTimelineEntries(
    incidentId,
    entries.map(
      (e, i): TimelineEntry => ({
        seq: firstSeq + i,
        at,
        actor,
        type: e.type,
        summary: e.summary,
        ...(e.data ? { data: e.data } : {}),
      }),
    ),
  );
}

/**
 * Writes a change in one transaction, conditioned on the incident version it was decided on; then
 * runs the effects' after-commit part. `effects`: what the caller wants evaluated with the change
 * (the escalation triggers: `triggerEffects(runtime)` of `escalation/triggers.ts`); none by default.
 */
export async function commit<R>(
  deps: Deps,
  caller: Caller,
  current: StoredIncident,
  change: Change<R>,
  effects: CommitEffects = NO_EFFECTS,
): Promise<R> {
  assertIfMatch(current, change.ifMatch);
  const at = deps.now().toISOString();
  // Escalation triggers newly true in the next state fire in this same transaction (docs/escalation.md).
  const planned = await (change.skipTriggers ? NO_EFFECTS : effects).plan(deps, change.incident);
  const timeline = [...change.timeline, ...planned.timeline];
  const next: StoredIncident = {
    ...planned.incident,
    version: current.version + 1,
    updatedAt: at,
    timelineSeq: current.timelineSeq + timeline.length,
  };
  const extra = change.items ?? [];
  const items: Write[] = [
    ...extra,
    deps.repos.incidents.putIncident(next, current.version),
    // Link items carry the summary (incl. updatedAt) shown by `GET /incidents?thirdParty=`.
    ...deps.repos.incidents.putLinks(next),
    ...timelineItems(deps, current.id, current.timelineSeq + 1, at, caller.subject, timeline),
  ];
  if (items.length > MAX_TRANSACTION_ITEMS) {
    // Every incident change re-puts one link item per involved organization (affected third parties
    // and activation participants): an incident involving that many cannot take this change in one
    // transaction. A clear 422 instead of DynamoDB's ValidationException (a 500).
    const linked = new Set([...next.affectedThirdParties, ...(next.participants ?? [])]).size;
    throw new UnprocessableError(
      `This change would write ${items.length} items in one transaction (at most ${MAX_TRANSACTION_ITEMS}); the incident involves ${linked} organizations`,
      [{ field: 'body', message: `too many organizations involved (${linked}) for this change` }],
      'INCIDENT_TOO_WIDE',
    );
  }
  try {
    await change.prepare?.();
    // Conditioned on the version decided on; a moved incident comes back with the failure (StaleRoot).
    if (change.ifMatch === undefined)
      await deps.repos.incidents.transactChange(items, extra.length, current.id);
    else await deps.repos.incidents.transactIfMatch(items, extra.length, current.id);
  } catch (error) {
    if (error instanceof TransactionConflict) {
      const bad = (change.refs ?? []).filter((r) => error.failed.includes(r.index));
      if (bad.length > 0) {
        throw new ValidationError(
          `Unknown third party: ${bad.map((b) => b.id).join(', ')}`,
          bad.map((b) => ({ field: b.field, message: `third party ${b.id} does not exist` })),
        );
      }
    }
    throw error;
  }
  await planned.afterCommit(next);
  return typeof change.result === 'function'
    ? (change.result as (stored: StoredIncident) => R)(next)
    : change.result;
}

/** 412 when the client's `If-Match` version is not the incident's (checked before deciding). */
export function assertIfMatch(current: StoredIncident, ifMatch: number | undefined): void {
  if (ifMatch === undefined || ifMatch === current.version) return;
  throw new PreconditionFailedError(
    `Incident ${current.id} is at version ${current.version}, not the If-Match version ${ifMatch}`,
    [{ field: 'header.if-match', message: `current version is ${current.version}` }],
  );
}

/** How `mutate` finds the incident state a change is decided on. */
export interface MutateOptions {
  /** The version the client read (`If-Match`): 412 when the incident is elsewhere. */
  readonly ifMatch?: number | undefined;
  /** The incident as the caller just read it (e.g. to plan a delivery): no second read. */
  readonly known?: StoredIncident | undefined;
  /**
   * The operation's name: its last written state of this incident (this function instance's, see
   * `last-seen.ts`) is decided on without a read, and the stored result is remembered for the next.
   */
  readonly operation?: string | undefined;
}

/**
 * Decide on the incident, commit; retried when another writer got there first. The state decided
 * on is, in this order: what the last failed attempt's condition returned (`StaleRoot`, ALL_OLD),
 * `options.known`, the operation's remembered state, else one strongly consistent read. A refusal
 * decided on the remembered state is decided again on a read (the state may be stale).
 */
export function mutate<R>(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  decide: (current: StoredIncident) => Change<R>,
  effects: CommitEffects = NO_EFFECTS,
  options: MutateOptions = {},
): Promise<R> {
  const { ifMatch, operation } = options;
  const owner = deps.repos.incidents;
  const remembered = operation ? recallIncident(owner, operation, incidentId) : undefined;
  // A remembered state at another version than the client's If-Match would answer a false 412: read.
  let next: StoredIncident | undefined =
    options.known ?? (ifMatch === undefined || remembered?.version === ifMatch ? remembered : undefined);
  return withOptimisticRetry(async () => {
    const recalled = next !== undefined && next === remembered;
    let current = next ?? (await deps.repos.incidents.get(incidentId));
    next = undefined;
    assertIfMatch(current, ifMatch);
    let change: Change<R>;
    try {
      change = decide(current);
    } catch (error) {
      // A refusal decided on the remembered state proves nothing: another function may have changed
      // the incident since (a hold released, an action completed). Decide again on a read.
      if (!recalled || !operation) throw error;
      forgetIncident(owner, operation, incidentId);
      current = await deps.repos.incidents.get(incidentId);
      assertIfMatch(current, ifMatch);
      change = decide(current);
    }
    const result = change.result;
    try {
      return await commit(
        deps,
        caller,
        current,
        {
          ...change,
          ifMatch,
          result: (stored: StoredIncident) => {
            if (operation) rememberIncident(owner, operation, stored);
            return typeof result === 'function' ? (result as (s: StoredIncident) => R)(stored) : result;
          },
        },
        effects,
      );
    } catch (error) {
      if (operation) forgetIncident(owner, operation, incidentId);
      if (error instanceof StaleRoot) next = error.current as StoredIncident;
      throw error;
    }
  });
}
