/**
 * The repository interfaces the domain depends on (docs/architecture.md). Each aggregate's
 * interface lives next to its implementation in `shared/db/repos/<aggregate>.ts` and is listed
 * here; `createRepositories` (shared/db/repos/index.ts) builds the DynamoDB-backed set and
 * `test/helpers/memory-repos.ts` the in-memory one unit tests use.
 *
 * The domain imports these interfaces and the stored types of `shared/db/entities/`; it never
 * imports `@aws-sdk/*`, `shared/db/keys.ts` or a repository implementation.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IncidentsRepository } from './repos/incidents.js';

/** What a DynamoDB-backed repository is built from. */
export interface TableContext {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Every repository, by aggregate. */
export type Repositories = {
  readonly incidents: IncidentsRepository;
};

/** Types the domain uses with the incident repository (re-exported: the domain never imports `repos/`). */
export type {
  ChildKind,
  Children,
  IncidentHead,
  ListIncidentsFilter,
  Page,
  Write,
} from './repos/incidents.js';
