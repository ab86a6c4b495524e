/**
 * Vitest globalSetup: ONE DynamoDB Local (in memory) for the whole run. Test files reach it through
 * `inject('dynamodbEndpoint')`; each file gets its own table (see `setup-env.ts`, `local-stack.ts`).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the run's DynamoDB Local. */
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Node 20 is this project's runtime; the SDK's "node 22 from 2027" notice is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const started = Date.now();
  const db = await startDynamoDbLocal();
  if (process.env.LIAISON_TEST_TIMINGS)
    console.log(`DynamoDB Local ${db.endpoint} up in ${Date.now() - started} ms`);
  project.provide('dynamodbEndpoint', db.endpoint);
  return () => db.stop();
}
