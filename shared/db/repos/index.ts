import type { Repositories, TableContext } from '../repositories.js';
import { ackTokensRepository } from './ack-tokens.js';
import { activationsRepository } from './activations.js';
import { obligationsRepository } from './obligations.js';
import { outboxRepository } from './outbox.js';
import { remindersRepository } from './reminders.js';
import { topicsRepository } from './topics.js';

/** The DynamoDB-backed repositories over one table (built once per process by `shared/deps.ts`). */
export function createRepositories(ctx: TableContext): Repositories {
  return {
    ackTokens: ackTokensRepository(ctx),
    activations: activationsRepository(ctx),
    obligations: obligationsRepository(ctx),
    outbox: outboxRepository(ctx),
    reminders: remindersRepository(ctx),
    topics: topicsRepository(ctx),
  };
}
