/** In-memory ExercisesRepository: exercises, fired-inject markers and findings over maps. */
import { exerciseEntity } from '../../../shared/db/entities/exercise.js';
import { injectFiredEntity } from '../../../shared/db/entities/exercise-inject.js';
import type { ExercisesRepository, InjectFired, StoredExercise } from '../../../shared/db/repos/exercises.js';
import { ConflictError } from '../../../shared/errors.js';
import type { Finding } from '../../../shared/schemas/exercises.js';
import { commitParts } from './parts.js';

export interface MemoryExercises extends ExercisesRepository {
  readonly exercises: Map<string, StoredExercise>;
  readonly fired: Map<string, InjectFired>;
  readonly findings: Map<string, Finding>;
}

export function memoryExercises(): MemoryExercises {
  const exercises = new Map<string, StoredExercise>();
  const fired = new Map<string, InjectFired>();
  const findings = new Map<string, Finding>();
  const moved = (next: StoredExercise, expectedVersion: number) => {
    if (exercises.get(next.id)?.version !== expectedVersion) {
      throw new ConflictError(
        'The resource was changed concurrently; retry the request',
        [],
        'CONCURRENT_UPDATE',
      );
    }
  };
  return {
    exercises,
    fired,
    findings,
    async create(exercise) {
      if (exercises.has(exercise.id)) {
        throw new ConflictError(`Exercise ${exercise.id} already exists`, [], 'ALREADY_EXISTS');
      }
      exercises.set(exercise.id, structuredClone(exercise));
    },
    createPart: (exercise) => exerciseEntity.create('memory', exercise),
    async get(id) {
      const e = exercises.get(id);
      return e ? structuredClone(e) : undefined;
    },
    async load(id) {
      const exercise = exercises.get(id);
      if (!exercise) return undefined;
      return {
        exercise: structuredClone(exercise),
        fired: [...fired.values()].filter((f) => f.exerciseId === id).sort((a, b) => a.n - b.n),
        findings: [...findings.values()].filter((f) => f.exerciseId === id),
      };
    },
    async replace(next, expectedVersion) {
      moved(next, expectedVersion);
      exercises.set(next.id, structuredClone(next));
    },
    async addFinding(next, expectedVersion, finding) {
      moved(next, expectedVersion);
      exercises.set(next.id, structuredClone(next));
      findings.set(`${finding.exerciseId}#${finding.findingId}`, { ...finding });
    },
    async linkFinding(finding, part) {
      const key = `${finding.exerciseId}#${finding.findingId}`;
      const current = findings.get(key);
      if (!current) throw new ConflictError('stale', [], 'CONCURRENT_UPDATE');
      if (current.link) throw new ConflictError('raised already', [], 'FINDING_RAISED');
      commitParts([part]);
      findings.set(key, { ...current, link: finding.link });
    },
    // The same conditional Put as the table's: the memory incidents' transaction applies it.
    injectClaim: (f) => injectFiredEntity.create('memory', f),
    async ofPlaybook(playbookId, page) {
      const all = [...exercises.values()]
        .filter((e) => e.playbookId === playbookId)
        .sort((a, b) => `${a.startAt}#${a.id}`.localeCompare(`${b.startAt}#${b.id}`));
      const start = page.cursor ? Number(page.cursor) : 0;
      const items = all.slice(start, start + page.limit);
      return {
        items,
        nextCursor: start + page.limit < all.length ? String(start + page.limit) : null,
      };
    },
  };
}
