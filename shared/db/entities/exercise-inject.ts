/**
 * The firing marker of one inject `EXERCISE#<id>` / `INJECT#<n>`: created (never replaced) in the
 * transaction of what the inject does, so a duplicate or late firing of its schedule writes nothing.
 */
import { exerciseKeys } from '../keys.js';
import { defineEntity } from './entity.js';

export interface InjectFired {
  readonly exerciseId: string;
  readonly n: number;
  readonly firedAt: string;
  /** The communication of a message inject (null when nobody could be reached, absent for a state change). */
  readonly communicationId?: string | null;
}

export const injectFiredEntity = defineEntity<InjectFired>({
  entity: 'exerciseInject',
  keyOf: (f) => exerciseKeys.injectFired(f.exerciseId, f.n),
});
