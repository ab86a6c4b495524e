/**
 * What domain services need from the outside world; `shared/deps.ts` builds the process-wide set,
 * tests pass their own (unit tests: in-memory repositories, test/helpers/memory-repos.ts).
 */
import type { Repositories } from '../db/repositories.js';
import type { Clock } from './time.js';

export interface Deps {
  /** The repositories of every aggregate: the only way the domain reads or writes the table. */
  readonly repos: Repositories;
  readonly now: Clock;
  readonly newId: () => string;
}
