import type { Repositories, TableContext } from '../repositories.js';
import { activationsRepository } from './activations.js';
import { outboxRepository } from './outbox.js';
import { topicsRepository } from './topics.js';

/** The DynamoDB-backed repositories over one table (built once per process by `shared/deps.ts`). */
export function createRepositories(ctx: TableContext): Repositories {
  return {
    activations: activationsRepository(ctx),
    outbox: outboxRepository(ctx),
    topics: topicsRepository(ctx),
  };
}
