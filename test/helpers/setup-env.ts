/**
 * Vitest setupFiles: runs in each test file's worker BEFORE the file's imports, so the handlers'
 * configuration (read once, at first use) and the Powertools logger see the local environment:
 * the run's DynamoDB Local and a table name unique to this file (created by `startLocalStack()`
 * or `ensureTable()`).
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { localEnvironment } from '../../infra/local/server.js';

const endpoint = inject('dynamodbEndpoint');
if (endpoint) {
  Object.assign(
    process.env,
    localEnvironment({
      tableName: `liaison-test-${process.pid}-${randomBytes(3).toString('hex')}`,
      dynamodbEndpoint: endpoint,
      logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
    }),
  );
}
