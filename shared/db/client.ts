import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.js';

/** Builds a document client; `endpoint` is set by the local stack and the tests only. */
export function createDocumentClient(opts: { region: string; endpoint?: string }): DynamoDBDocumentClient {
  const base = new DynamoDBClient({
    region: opts.region,
    ...(opts.endpoint
      ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
  // No X-Ray SDK subsegment per call (cold start, docs/decisions.md): Lambda active tracing only.
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

let client: DynamoDBDocumentClient | undefined;

/**
 * The process-wide client, created once (module scope in Lambda). Its `middlewareStack` is shared
 * with the low-level client it wraps, so a middleware added here (request counting in the benchmark,
 * fault injection in the reliability tests) sees every DynamoDB request of the process, including
 * the idempotency layer's.
 */
export function documentClient(): DynamoDBDocumentClient {
  client ??= createDocumentClient({ region: config().region, endpoint: config().endpoints.dynamodb });
  return client;
}

/**
 * The same process-wide client as a plain `DynamoDBClient` (Powertools' idempotency layer wants
 * one). A document client sends low-level commands unchanged through the shared middleware stack.
 */
export function lowLevelClient(): DynamoDBClient {
  return documentClient() as unknown as DynamoDBClient;
}
