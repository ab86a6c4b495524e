/**
 * @deprecated Transitional compatibility module (issue 12): the incident operations moved to
 * `lifecycle.ts`, `actions.ts`, `communications.ts`, `records.ts`, `reads.ts`, and `commit`/`mutate`
 * to `unit-of-work.ts`, where a commit's effects are an explicit argument. This module keeps the old
 * calls of services not yet converted (coordination, obligations, reminders, the notification
 * sweeper) working as before: their commits evaluate the escalation triggers with the runtime of
 * this function's configuration. It is the one domain module that reads that configuration; new
 * code imports the modules above and passes its `EscalationRuntime`.
 */

import type { StoredIncident } from '../../db/entities/incident.js';
import { escalationRuntime } from '../../escalation-runtime.js';
import type { Caller } from '../../model/caller.js';
import type { CreateEscalationBody, Escalation } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import type { OutboxItem } from '../notifications/delivery.js';
import { recordDeliveryOutcome as recordOutcome } from './communications.js';
import { createEscalation as createEscalationWith } from './records.js';
import {
  type Change,
  type CommitEffects,
  commit as commitWith,
  mutate as mutateWith,
} from './unit-of-work.js';

export type { Change, NewEntry } from './unit-of-work.js';
export { escalationRuntime };

/** `commit` of the unit of work; without `effects`, the escalation triggers of this function's runtime. */
export function commit<R>(
  deps: Deps,
  caller: Caller,
  current: StoredIncident,
  change: Change<R>,
  effects: CommitEffects | undefined = escalationRuntime().effects,
): Promise<R> {
  return commitWith(deps, caller, current, change, effects);
}

/** `mutate` of the unit of work; without `effects`, the escalation triggers of this function's runtime. */
export function mutate<R>(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  decide: (current: StoredIncident) => Change<R>,
  effects: CommitEffects | undefined = escalationRuntime().effects,
): Promise<R> {
  return mutateWith(deps, caller, incidentId, decide, effects);
}

export function createEscalation(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateEscalationBody,
  rt: EscalationRuntime = escalationRuntime(),
): Promise<Escalation> {
  return createEscalationWith(deps, caller, incidentId, body, rt);
}

export function recordDeliveryOutcome(
  deps: Deps,
  item: OutboxItem & { readonly incidentId: string },
  status: 'sent' | 'failed',
  rt: EscalationRuntime = escalationRuntime(),
): Promise<void> {
  return recordOutcome(deps, item, status, rt);
}
