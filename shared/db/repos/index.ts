import type { Repositories, TableContext } from '../repositories.js';
import { createIncidentsRepository } from './incidents.js';

/** The DynamoDB-backed repositories over one table (built once per process by `shared/deps.ts`). */
export function createRepositories(ctx: TableContext): Repositories {
  return {
    incidents: createIncidentsRepository(ctx),
  };
}
