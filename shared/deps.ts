import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from './config.js';
import { documentClient } from './db/client.js';
import { type Clock, systemClock } from './domain/time.js';

/** What domain services need from the outside world; tests pass their own. */
export interface Deps {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: Clock;
  readonly newId: () => string;
}

let deps: Deps | undefined;

/** The process-wide dependencies (built once, at first use). */
export function defaultDeps(): Deps {
  deps ??= {
    db: documentClient(),
    tableName: config().tableName,
    now: systemClock,
    newId: () => randomUUID(),
  };
  return deps;
}
