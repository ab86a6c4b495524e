/**
 * The exercise item `EXERCISE#<id>` / `#EXERCISE` (docs/exercises.md): the drill's incident,
 * playbook, injects and status, versioned; listed per playbook on gsi1 by start.
 */
import type { Exercise } from '../../schemas/exercises.js';
import { exerciseKeys } from '../keys.js';
import { defineEntity } from './entity.js';

/** The exercise as stored: its view plus the finding counter and the version. */
export type StoredExercise = Exercise & { findingSeq: number; version: number };

export const EXERCISE_BOOKKEEPING = ['findingSeq', 'version'] as const;

export const exerciseEntity = defineEntity<StoredExercise>({
  entity: 'exercise',
  keyOf: (e) => exerciseKeys.exercise(e.id),
  indexKeysOf: exerciseKeys.indexKeys,
});
