/**
 * Firing one exercise inject (Scheduler target `exercise-inject`, docs/exercises.md). The exercise
 * is re-read: an ended exercise, or an inject that fired already, does nothing. What the inject does
 * and its claim (`INJECT#<n>`, a Put that fails when it exists) are ONE incident transaction, so a
 * duplicate or late firing sends and changes nothing:
 *  - `message`: a notice (kind `exercise.inject`) to the participating organizations' escalation
 *    contacts — `[EXERCISE]` like every notice of an exercise incident;
 *  - `state_change`: the incident's severity / priority, with the escalation triggers evaluated as
 *    for any incident change (a trigger that fires starts its chain: the report counts its levels).
 */
import { TransactionConflict, withOptimisticRetry } from '../../db/transact.js';
import type { ExerciseInjectEvent } from '../../schemas/exercises.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { commit } from '../incidents/unit-of-work.js';
import { NoticeClaimLostError, sendNotice, systemActor } from '../notifications/notice.js';

export type InjectOutcome =
  | { acted: true; exerciseId: string; n: number; communicationId?: string | null }
  | { acted: false; exerciseId: string; n: number; reason: string };

const ACTOR = systemActor('exercise-inject');

/** The exercise of an inject firing is not written (yet): thrown so the Scheduler retries. */
export class ExerciseNotStartedError extends Error {
  constructor(exerciseId: string, n: number) {
    super(`Exercise ${exerciseId} does not exist (yet): inject ${n} is retried`);
    this.name = 'ExerciseNotStartedError';
  }
}

export async function fireInject(
  deps: Deps,
  rt: EscalationRuntime,
  event: ExerciseInjectEvent,
): Promise<InjectOutcome> {
  const { notify } = rt;
  const { exerciseId, n } = event;
  const no = (reason: string): InjectOutcome => ({ acted: false, exerciseId, n, reason });
  const loaded = await deps.repos.exercises.load(exerciseId);
  // Its schedule is created just before the start's transaction (service.ts): an early firing
  // fails so the Scheduler retries once the exercise is written (a refused start deletes them).
  if (!loaded) throw new ExerciseNotStartedError(exerciseId, n);
  const { exercise, fired } = loaded;
  if (exercise.status !== 'running') return no('exercise ended');
  if (fired.some((f) => f.n === n)) return no('fired already');
  const inject = exercise.injects.find((i) => i.n === n);
  if (!inject) return no('unknown inject');
  const firedAt = deps.now().toISOString();

  if (inject.kind === 'message') {
    try {
      const result = await sendNotice(
        deps,
        notify,
        ACTOR,
        {
          incidentId: exercise.incidentId,
          kind: 'exercise.inject',
          subject: inject.subject ?? `Exercise inject ${n}`,
          content: [
            inject.content ?? '',
            '',
            `This message is inject ${n} of exercise ${exerciseId}. Respond as you would in a real incident.`,
          ].join('\n'),
          recipients: { organizations: inject.organizations ?? exercise.participatingOrganizations },
          data: { exerciseId, inject: n },
        },
        (r) =>
          deps.repos.exercises.injectClaim({ exerciseId, n, firedAt, communicationId: r.communicationId }),
      );
      return { acted: true, exerciseId, n, communicationId: result.communicationId };
    } catch (error) {
      if (error instanceof NoticeClaimLostError) return no('fired already');
      throw error;
    }
  }

  try {
    await withOptimisticRetry(async () => {
      const current = await deps.repos.incidents.get(exercise.incidentId);
      const changes = [
        inject.severity ? `severity ${current.severity} → ${inject.severity}` : '',
        inject.priority ? `priority ${current.priority} → ${inject.priority}` : '',
      ].filter(Boolean);
      const claimed = commit(
        deps,
        ACTOR,
        current,
        {
          incident: {
            ...current,
            ...(inject.severity ? { severity: inject.severity } : {}),
            ...(inject.priority ? { priority: inject.priority } : {}),
          },
          // The claim is item 0 (commit writes the change's items first).
          items: [deps.repos.exercises.injectClaim({ exerciseId, n, firedAt })],
          timeline: [
            {
              type: 'exercise.inject',
              summary: `[EXERCISE] inject ${n}: ${changes.join(', ')}${inject.note ? ` (${inject.note})` : ''}`,
              data: {
                exerciseId,
                inject: n,
                ...(inject.severity ? { severity: inject.severity } : {}),
                ...(inject.priority ? { priority: inject.priority } : {}),
              },
            },
          ],
          result: true,
        },
        rt.effects,
      );
      // A failed claim is final; a concurrent incident write is retried (read again).
      return claimed.catch((error: unknown) => {
        if (error instanceof TransactionConflict && error.failed.includes(0))
          throw new NoticeClaimLostError();
        throw error;
      });
    });
  } catch (error) {
    if (error instanceof NoticeClaimLostError) return no('fired already');
    throw error;
  }
  return { acted: true, exerciseId, n };
}
