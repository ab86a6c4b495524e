import type { Repositories, TableContext } from '../repositories.js';

/** The DynamoDB-backed repositories over one table (built once per process by `shared/deps.ts`). */
export function createRepositories(_ctx: TableContext): Repositories {
  return {};
}
