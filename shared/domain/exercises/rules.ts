/**
 * Exercise rules (pure, docs/exercises.md): the instants of the injects, and the report's figures —
 * per action and per organization, time to acknowledge and to complete against the playbook's
 * timeframes, unreachable contacts, escalation levels fired. Nothing here reads or writes.
 */
import { ConflictError } from '../../errors.js';
import type { CoordinatedAction } from '../../schemas/coordination.js';
import type { ExerciseResults, Inject, UnreachableContact } from '../../schemas/exercises.js';
import type { Communication } from '../../schemas/incidents.js';
import { median } from '../dashboard/service.js';

const MINUTE_MS = 60_000;
const minutes = (from: string, to: string): number =>
  Math.round(((Date.parse(to) - Date.parse(from)) / MINUTE_MS) * 10) / 10;

/** Exercise ids: `EX-<id>`; findings are numbered per exercise: FINDING-1, FINDING-2, … */
export const findingId = (n: number): string => `FINDING-${n}`;

/** When inject `inject` fires: the exercise start plus its offset. */
export const injectInstant = (startAt: string, inject: Pick<Inject, 'offsetMinutes'>): Date =>
  new Date(Date.parse(startAt) + inject.offsetMinutes * MINUTE_MS);

/** 409 EXERCISE_ENDED: an ended exercise takes no more findings, injects or end. */
export function assertRunning(exercise: { id: string; status: string }): void {
  if (exercise.status !== 'running') {
    throw new ConflictError(
      `Exercise ${exercise.id} has ended`,
      [{ field: 'path.exerciseId', message: 'the exercise has ended' }],
      'EXERCISE_ENDED',
    );
  }
}

export interface ActionFigures {
  actionId: string;
  description: string;
  organizationId: string;
  status: string;
  timeframeMinutes: number | null;
  acknowledgeMinutes: number | null;
  completeMinutes: number | null;
  withinTimeframe: boolean | null;
}

/** One coordinated action against its playbook timeframe (due date − activation). */
export function actionFigures(activatedAt: string, a: CoordinatedAction): ActionFigures {
  return {
    actionId: a.actionId,
    description: a.description,
    organizationId: a.responsibleOrganization,
    status: a.status,
    timeframeMinutes: a.dueDate ? minutes(activatedAt, a.dueDate) : null,
    acknowledgeMinutes: a.acknowledgedAt ? minutes(activatedAt, a.acknowledgedAt) : null,
    completeMinutes: a.completedAt ? minutes(activatedAt, a.completedAt) : null,
    withinTimeframe: a.completedAt && a.dueDate ? Date.parse(a.completedAt) <= Date.parse(a.dueDate) : null,
  };
}

function summarise(actions: readonly ActionFigures[]) {
  const ack = actions.map((a) => a.acknowledgeMinutes).filter((m): m is number => m !== null);
  const done = actions.map((a) => a.completeMinutes).filter((m): m is number => m !== null);
  return {
    actions: actions.length,
    acknowledged: ack.length,
    completed: done.length,
    completedWithinTimeframe: actions.filter((a) => a.withinTimeframe === true).length,
    medianAcknowledgeMinutes: median(ack),
    medianCompleteMinutes: median(done),
  };
}

/** Per organization, in the order of `organizations` (participants without actions too). */
export function organizationFigures(organizations: readonly string[], actions: readonly ActionFigures[]) {
  const ids = [...new Set([...organizations, ...actions.map((a) => a.organizationId)])];
  return ids.map((organizationId) => ({
    organizationId,
    ...summarise(actions.filter((a) => a.organizationId === organizationId)),
  }));
}

type ContactState = { organizationId: string; verificationStatus?: string | undefined };

/**
 * Contacts the exercise could not rely on, from its outbound messages: `bounced` (the message to
 * its organization failed), `unverified` (not verified in the directory), `no_ack` (its
 * organization left an action unacknowledged). One row per contact and reason.
 */
export function unreachableContacts(input: {
  communications: readonly Communication[];
  contacts: ReadonlyMap<string, ContactState>;
  actions: readonly ActionFigures[];
}): UnreachableContact[] {
  const rows = new Map<string, UnreachableContact>();
  const add = (contactId: string, organizationId: string, reason: UnreachableContact['reason']) =>
    rows.set(`${contactId}#${reason}`, { contactId, organizationId, reason });
  const silent = new Set(
    input.actions.filter((a) => a.acknowledgeMinutes === null).map((a) => a.organizationId),
  );
  for (const c of input.communications) {
    if (c.direction !== 'outbound') continue;
    for (const o of c.delivery?.organizations ?? []) {
      for (const contactId of o.recipients) {
        if (o.status === 'failed') add(contactId, o.organizationId, 'bounced');
        const known = input.contacts.get(contactId);
        if (known && known.verificationStatus !== 'verified') add(contactId, o.organizationId, 'unverified');
        if (silent.has(o.organizationId)) add(contactId, o.organizationId, 'no_ack');
      }
    }
  }
  return [...rows.values()].sort(
    (a, b) => a.organizationId.localeCompare(b.organizationId) || a.contactId.localeCompare(b.contactId),
  );
}

/** The escalation levels notified, from the incident's chains. */
export function escalationLevels(
  chains: readonly { chainId: string; steps: readonly { level: number; at: string }[] }[],
) {
  return chains
    .flatMap((c) => c.steps.map((s) => ({ chainId: c.chainId, level: s.level, at: s.at })))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The headline figures (stored on the exercise when it ends; compared across exercises). */
export function results(input: {
  actions: readonly ActionFigures[];
  unreachable: readonly UnreachableContact[];
  escalationLevelsFired: number;
  findings: number;
}): ExerciseResults {
  return {
    ...summarise(input.actions),
    unreachableContacts: new Set(input.unreachable.map((u) => u.contactId)).size,
    escalationLevelsFired: input.escalationLevelsFired,
    findings: input.findings,
  };
}
