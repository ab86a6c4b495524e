import { randomUUID } from 'node:crypto';
import { config } from './config.js';
import { documentClient } from './db/client.js';
import { createRepositories } from './db/repos/index.js';
import type { Deps } from './domain/deps.js';
import { systemClock } from './domain/time.js';

/**
 * The composition root of the table: repositories over the DynamoDB document client, the clock and
 * ids. The ports of the other AWS services have their own roots, imported only by the handlers and
 * jobs whose route `uses` them, so no other function bundles (or constructs) their clients:
 * `shared/notify-deps.ts` (SNS), `shared/scheduling-deps.ts` (EventBridge Scheduler),
 * `shared/evidence-deps.ts` (S3). test/infra/bundle.test.ts checks every function's eager bytes.
 */
export type { NotifyDeps, SchedulingDeps } from './aws/ports.js';
export type { Deps } from './domain/deps.js';

let deps: Deps | undefined;

/** The process-wide dependencies (built once, at first use). */
export function defaultDeps(): Deps {
  deps ??= {
    repos: createRepositories({ db: documentClient(), tableName: config().tableName }),
    now: systemClock,
    newId: () => randomUUID(),
  };
  return deps;
}
