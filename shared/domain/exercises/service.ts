/**
 * Exercises (tabletop and live drills, issue 15, docs/exercises.md). An exercise is an incident
 * marked `exercise: true` at creation, the activation of a shared playbook on it (or only a
 * scenario of injects), and timed injects — messages to participants or state changes — each a
 * one-time EventBridge Scheduler schedule `exr.<exerciseId>.i<n>` firing `exercise-inject`.
 * Participants acknowledge and act through the ordinary routes; the report measures them.
 */
import type { SchedulingDeps } from '../../aws/ports.js';
import { EXERCISE_BOOKKEEPING, type StoredExercise } from '../../db/entities/exercise.js';
import type { InjectFired } from '../../db/entities/exercise-inject.js';
import type { StoredIncident } from '../../db/entities/incident.js';
import type { OutboxItem } from '../../db/entities/outbox.js';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.js';
import { logger } from '../../logging.js';
import type { Caller } from '../../model/caller.js';
import { cancelSchedule, fireInstant, scheduleName, scheduleOnce } from '../../scheduling/schedules.js';
import type { Activation } from '../../schemas/coordination.js';
import type {
  CompareExercisesQuery,
  CreateExerciseBody,
  CreateFindingBody,
  EndExerciseBody,
  Exercise,
  ExerciseComparison,
  ExerciseInject,
  ExerciseReport,
  Finding,
} from '../../schemas/exercises.js';
import { participantsAfter } from '../access/visibility.js';
import { loadContacts } from '../contacts/service.js';
import { activationNotice, activationParts } from '../coordination/activations.js';
import { getPlaybook } from '../coordination/playbooks.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { type CreationExtension, createIncidentWith } from '../incidents/lifecycle.js';
import { getIncident } from '../incidents/reads.js';
import { publishNotice, resolveNoticeRecipients, sendNotice } from '../notifications/notice.js';
import { loadOrganization } from '../organizations/service.js';
import { reminderPrepare } from '../reminders/schedules.js';
import { withOptimisticRetry } from '../retry.js';
import {
  actionFigures,
  assertRunning,
  escalationLevels,
  findingId,
  injectInstant,
  organizationFigures,
  results,
  unreachableContacts,
} from './rules.js';

/** The scheduled function every inject schedule targets (SCHEDULED_FUNCTIONS, infra/functions.ts). */
export const INJECT_TARGET = 'exercise-inject';

/** The one-time schedule of inject `n` (one firing per inject). */
export const injectScheduleName = (exerciseId: string, n: number): string =>
  scheduleName(['exr', exerciseId, `i${n}`]);

const view = (stored: StoredExercise, fired: readonly InjectFired[] = []): Exercise => {
  const out: Record<string, unknown> = { ...stored };
  for (const k of EXERCISE_BOOKKEEPING) delete out[k];
  const byN = new Map(fired.map((f) => [f.n, f]));
  out.injects = stored.injects.map((i) => {
    const f = byN.get(i.n);
    return f
      ? {
          ...i,
          firedAt: f.firedAt,
          ...(f.communicationId !== undefined ? { communicationId: f.communicationId } : {}),
        }
      : i;
  });
  return out as Exercise;
};

async function playbookOr400(deps: Deps, playbookId: string) {
  try {
    return await getPlaybook(deps, playbookId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown playbook ${playbookId}`, [
      { field: 'body.playbookId', message: `playbook ${playbookId} does not exist` },
    ]);
  }
}

async function assertOrganizationsExist(deps: Deps, ids: readonly string[]): Promise<void> {
  const missing: number[] = [];
  await Promise.all(
    ids.map(async (id, i) => {
      try {
        await loadOrganization(deps, id);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        missing.push(i);
      }
    }),
  );
  if (missing.length > 0) {
    throw new ValidationError(
      `Unknown organization(s): ${missing.map((i) => ids[i]).join(', ')}`,
      missing
        .sort((a, b) => a - b)
        .map((i) => ({
          field: `body.participatingOrganizations.${i}`,
          message: `organization ${ids[i]} does not exist`,
        })),
    );
  }
}

/**
 * Starts an exercise in ONE transaction: the exercise incident (flagged, its creation triggers
 * evaluated), the playbook's activation on it with its `activation.started` notice (the first
 * `[EXERCISE]` message), or — a scenario — its organizations as the incident's participants, and
 * the exercise record. Everything is checked first (playbook, organizations, a free id); the inject
 * and reminder schedules are created just before the transaction (a firing re-reads the exercise or
 * action, so a schedule left by a refused start does nothing). Nothing is half-written.
 */
export async function createExercise(
  deps: Deps,
  caller: Caller,
  body: CreateExerciseBody,
  rt: EscalationRuntime,
): Promise<Exercise> {
  const { notify, scheduling } = rt;
  const playbook = body.playbookId ? await playbookOr400(deps, body.playbookId) : undefined;
  const organizations = playbook
    ? playbook.participatingOrganizations
    : (body.participatingOrganizations ?? []);
  if (!playbook) await assertOrganizationsExist(deps, organizations);
  if (playbook) {
    body.injects.forEach((inject, i) => {
      if (inject.kind !== 'message') return;
      const outside = (inject.organizations ?? []).findIndex((o) => !organizations.includes(o));
      if (outside >= 0) {
        throw new ValidationError('An inject names an organization outside the exercise', [
          {
            field: `body.injects.${i}.organizations.${outside}`,
            message: `${inject.organizations?.[outside]} does not take part in playbook ${playbook.id}`,
          },
        ]);
      }
    });
  }
  const exerciseId = body.id ?? `EX-${deps.newId()}`;
  if (await deps.repos.exercises.get(exerciseId)) throw exerciseExists(exerciseId);
  const activationId = playbook ? `ACT-${deps.newId()}` : undefined;
  const resolution =
    playbook && organizations.length > 0 ? await resolveNoticeRecipients(deps, { organizations }) : undefined;
  // The activation's notice is in the transaction unless both do not fit one (then it follows it).
  let withNotice = resolution !== undefined;
  // Inject schedules this start created: deleted again when its transaction is refused.
  const created: string[] = [];
  // What the (last) transaction wrote, set by `extend` when the incident's creation calls it.
  const planned: { last?: { stored: StoredExercise; outbox: OutboxItem[]; activation?: Activation } } = {};
  const extend = async (draft: StoredIncident): Promise<CreationExtension> => {
    const startAt = draft.createdAt;
    const injects: ExerciseInject[] = body.injects.map((inject, i) => {
      const n = i + 1;
      return {
        ...inject,
        n,
        at: fireInstant(injectInstant(startAt, inject)).toISOString(),
        scheduleName: injectScheduleName(exerciseId, n),
      };
    });
    const parts =
      playbook && activationId
        ? await activationParts(deps, caller, playbook, draft, {
            activationId,
            resolution: withNotice ? resolution : undefined,
          })
        : undefined;
    const stored: StoredExercise = {
      id: exerciseId,
      title: body.title,
      ...(body.description ? { description: body.description } : {}),
      mode: body.mode,
      status: 'running',
      incidentId: draft.id,
      ...(playbook ? { playbookId: playbook.id, playbookVersion: playbook.version } : {}),
      ...(activationId ? { activationId } : {}),
      participatingOrganizations: [...organizations],
      startAt,
      injects,
      createdAt: startAt,
      createdBy: caller.subject,
      findingSeq: 0,
      version: 1,
    };
    planned.last = { stored, outbox: parts?.outbox ?? [], ...(parts ? { activation: parts.view } : {}) };
    const reminders = parts ? reminderPrepare(scheduling, parts.reminders).prepare : undefined;
    return {
      // A scenario's organizations take part without an activation: link items, partner access.
      incident: parts?.incident ?? {
        ...draft,
        participants: participantsAfter(draft.participants, organizations),
      },
      items: [...(parts?.items ?? []), deps.repos.exercises.createPart(stored)],
      timeline: [
        ...(parts?.timeline ?? []),
        ...(playbook
          ? []
          : [
              {
                type: 'exercise.participants',
                summary: `Scenario exercise ${exerciseId} with ${organizations.join(', ')}`,
                data: { exerciseId, participatingOrganizations: [...organizations] },
              },
            ]),
      ],
      prepare: async () => {
        await reminders?.();
        created.push(...(await scheduleInjects(scheduling, exerciseId, injects)));
      },
      // The exercise record is the last item: taken meanwhile → 409 ALREADY_EXISTS.
      explain: (failed) =>
        failed.includes((parts?.items ?? []).length) ? exerciseExists(exerciseId) : undefined,
    };
  };
  const incidentBody = {
    title: body.title,
    description: body.description ?? `Exercise ${exerciseId}: ${body.title}`,
    severity: body.severity,
    category: 'exercise',
    exercise: true,
    ...(body.tlp ? { tlp: body.tlp } : {}),
  };
  const start = () => createIncidentWith(deps, caller, incidentBody, rt, extend);
  try {
    try {
      await start();
    } catch (error) {
      // Too many organizations for the activation and its notice in one transaction: the notice
      // follows the transaction in its own (sent at most once in that rare case).
      if (!(error instanceof UnprocessableError && error.code === 'INCIDENT_TOO_WIDE') || !withNotice)
        throw error;
      withNotice = false;
      await start();
    }
  } catch (error) {
    if (scheduling) await cancelCreated(scheduling, exerciseId, created);
    throw error;
  }
  const done = planned.last;
  if (!done) throw new Error(`exercise ${exerciseId}: the incident was created without its extension`);
  await publishNotice(deps, notify, done.outbox);
  if (resolution && !withNotice && done.activation && playbook) {
    await sendNotice(deps, notify, caller, activationNotice(done.activation, playbook.name));
  }
  return view(done.stored);
}

/**
 * Creates the injects' one-time schedules (before the start's transaction: see createExercise);
 * the names of those it created (a name taken already — the same exercise id — is left alone).
 */
async function scheduleInjects(
  scheduling: SchedulingDeps | undefined,
  exerciseId: string,
  injects: readonly ExerciseInject[],
): Promise<string[]> {
  if (!scheduling) {
    if (injects.length > 0)
      logger.warn('exercise injects not scheduled: no Scheduler configured', { exerciseId });
    return [];
  }
  const created: string[] = [];
  for (const inject of injects) {
    const res = await scheduleOnce(scheduling, {
      name: inject.scheduleName,
      at: new Date(inject.at),
      target: INJECT_TARGET,
      payload: { exerciseId, n: inject.n },
      description: `Exercise ${exerciseId} inject ${inject.n} (${inject.kind})`,
    });
    if (res.created) created.push(inject.scheduleName);
  }
  return created;
}

/** A refused start's inject schedules, deleted (best effort: one left over fails its firings to the DLQ). */
async function cancelCreated(scheduling: SchedulingDeps, exerciseId: string, names: readonly string[]) {
  const results = await Promise.allSettled(names.map((name) => cancelSchedule(scheduling, name)));
  results.forEach((r, i) => {
    if (r.status === 'rejected') {
      logger.warn('inject schedule of a refused exercise start not deleted', {
        exerciseId,
        schedule: names[i],
        error: r.reason,
      });
    }
  });
}

const exerciseExists = (exerciseId: string) =>
  new ConflictError(
    `Exercise ${exerciseId} already exists`,
    [{ field: 'body.id', message: 'already exists' }],
    'ALREADY_EXISTS',
  );

async function loadOr404(deps: Deps, exerciseId: string) {
  const loaded = await deps.repos.exercises.load(exerciseId);
  if (!loaded) throw new NotFoundError(`Exercise ${exerciseId} not found`);
  return loaded;
}

export async function getExercise(deps: Deps, exerciseId: string): Promise<Exercise> {
  const { exercise, fired } = await loadOr404(deps, exerciseId);
  return view(exercise, fired);
}

/**
 * The report: the exercise, its incident (one Query each), the agreement updates raised from its
 * findings (one Query of gsi2), the contacts its messages went to (one BatchGet).
 */
export async function getExerciseReport(deps: Deps, exerciseId: string): Promise<ExerciseReport> {
  const { exercise, fired, findings } = await loadOr404(deps, exerciseId);
  const [detail, raised] = await Promise.all([
    getIncident(deps, exercise.incidentId),
    deps.repos.agreementUpdates.listBySource({ kind: 'exercise', id: exerciseId }, { limit: 100 }),
  ]);
  const activation = detail.activations.find((a) => a.activationId === exercise.activationId);
  const actions = (activation?.actions ?? []).map((a) =>
    actionFigures(activation?.activatedAt ?? exercise.startAt, a),
  );
  const recipients = [
    ...new Set(
      detail.communications.flatMap((c) => (c.delivery?.organizations ?? []).flatMap((o) => o.recipients)),
    ),
  ];
  const contacts = await loadContacts(deps, recipients);
  const unreachable = unreachableContacts({ communications: detail.communications, contacts, actions });
  const levels = escalationLevels(detail.escalationChains ?? []);
  const shown = view(exercise, fired);
  return {
    exercise: true,
    exerciseId,
    incidentId: exercise.incidentId,
    ...(exercise.playbookId ? { playbookId: exercise.playbookId } : {}),
    status: exercise.status,
    startAt: exercise.startAt,
    generatedAt: deps.now().toISOString(),
    injects: shown.injects,
    actions,
    organizations: organizationFigures(exercise.participatingOrganizations, actions),
    unreachableContacts: unreachable,
    escalationLevels: levels,
    regulatoryClocks: detail.obligations.flatMap((o) =>
      o.clocks.map((c) => ({
        obligationId: o.obligationId,
        clock: c.clockId,
        due: c.due,
        simulated: true as const,
      })),
    ),
    findings,
    agreementUpdates: raised.items,
    results: results({
      actions,
      unreachable,
      escalationLevelsFired: levels.length,
      findings: findings.length,
    }),
  };
}

/** Ends the exercise: freezes the report's figures on it and cancels the injects not fired yet. */
export async function endExercise(
  deps: Deps,
  caller: Caller,
  exerciseId: string,
  body: EndExerciseBody,
  scheduling: SchedulingDeps | undefined,
): Promise<Exercise> {
  const ended = await withOptimisticRetry(async () => {
    const { exercise, fired } = await loadOr404(deps, exerciseId);
    assertRunning(exercise);
    const report = await getExerciseReport(deps, exerciseId);
    const at = deps.now().toISOString();
    const next: StoredExercise = {
      ...exercise,
      status: 'ended',
      endedAt: at,
      endedBy: caller.subject,
      ...(body.notes ? { notes: body.notes } : {}),
      results: report.results,
      version: exercise.version + 1,
    };
    await deps.repos.exercises.replace(next, exercise.version);
    return { next, fired };
  });
  const firedN = new Set(ended.fired.map((f) => f.n));
  if (scheduling) {
    // A firing already under way finds the exercise ended and does nothing.
    for (const inject of ended.next.injects) {
      if (!firedN.has(inject.n)) await cancelSchedule(scheduling, inject.scheduleName);
    }
  }
  return view(ended.next, ended.fired);
}

/** A finding (during the exercise or at its debrief, after it ended) and what it proposes. */
export async function createFinding(
  deps: Deps,
  caller: Caller,
  exerciseId: string,
  body: CreateFindingBody,
): Promise<Finding> {
  if (body.contactId) {
    const found = await loadContacts(deps, [body.contactId]);
    if (!found.get(body.contactId) || found.get(body.contactId)?.deletedAt) {
      throw new ValidationError(`Unknown contact ${body.contactId}`, [
        { field: 'body.contactId', message: `contact ${body.contactId} does not exist` },
      ]);
    }
  }
  return withOptimisticRetry(async () => {
    const { exercise } = await loadOr404(deps, exerciseId);
    if (body.organizationId && !exercise.participatingOrganizations.includes(body.organizationId)) {
      throw new ValidationError(`${body.organizationId} does not take part in exercise ${exerciseId}`, [
        { field: 'body.organizationId', message: 'not a participating organization of the exercise' },
      ]);
    }
    const n = exercise.findingSeq + 1;
    const finding: Finding = {
      findingId: findingId(n),
      exerciseId,
      finding: body.finding,
      ...(body.recommendation ? { recommendation: body.recommendation } : {}),
      ...(body.organizationId ? { organizationId: body.organizationId } : {}),
      ...(body.actionId ? { actionId: body.actionId } : {}),
      ...(body.contactId ? { contactId: body.contactId } : {}),
      proposes: body.proposes,
      // Set when the finding is raised (POST …/findings/{findingId}/raise, raise.ts).
      link: null,
      recordedAt: deps.now().toISOString(),
      recordedBy: caller.subject,
    };
    await deps.repos.exercises.addFinding(
      { ...exercise, findingSeq: n, version: exercise.version + 1 },
      exercise.version,
      finding,
    );
    return finding;
  });
}

/** Exercises of one playbook by start, with the figures each froze when it ended (one Query page). */
export async function compareExercises(
  deps: Deps,
  playbookId: string,
  query: CompareExercisesQuery,
): Promise<ExerciseComparison> {
  await getPlaybook(deps, playbookId); // 404 for an unknown playbook
  const page = await deps.repos.exercises.ofPlaybook(playbookId, query);
  return {
    items: page.items.map((e) => ({
      exerciseId: e.id,
      title: e.title,
      startAt: e.startAt,
      status: e.status,
      ...(e.playbookVersion !== undefined ? { playbookVersion: e.playbookVersion } : {}),
      results: e.results ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}
