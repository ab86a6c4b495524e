/** An exercise finding `EXERCISE#<id>` / `FINDING#<n>` (what it proposes, the link it became). */
import type { Finding } from '../../schemas/exercises.js';
import { exerciseKeys } from '../keys.js';
import { defineEntity } from './entity.js';

/** `n` of `FINDING-n`. */
const findingNumber = (findingId: string): number => Number(/^FINDING-(\d+)$/.exec(findingId)?.[1]);

export const findingEntity = defineEntity<Finding>({
  entity: 'exerciseFinding',
  keyOf: (f) => exerciseKeys.finding(f.exerciseId, findingNumber(f.findingId)),
});
