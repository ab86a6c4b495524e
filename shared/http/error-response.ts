import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  AppError,
  ConflictError,
  type ErrorDetail,
  ServiceUnavailableError,
  UnprocessableError,
  ValidationError,
} from '../errors.js';
import { logger } from './observability.js';

const RETRYABLE_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionInProgressException',
  'Throttling',
  'TooManyRequestsException',
  'ThrottledException',
]);

/** Cancellation reasons that mean "try again later", not "your condition failed". */
const RETRYABLE_CANCELLATION_REASONS = new Set([
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'TransactionConflict',
]);

/**
 * DynamoDB reports a throttled transaction as TransactionCanceledException with a `ThrottlingError`
 * reason, which the SDK does not retry (found by the fault-injection suite; it was a 500).
 */
function transactionThrottled(error: Error): boolean {
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code !== undefined && RETRYABLE_CANCELLATION_REASONS.has(r.Code));
}

/** Turns a DynamoDB/SNS/Scheduler SDK error into a typed error, or returns undefined. */
export function fromAwsError(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const name = error.name;
  if (RETRYABLE_AWS_ERRORS.has(name) || transactionThrottled(error)) {
    return new ServiceUnavailableError('A backing service is busy; retry the request', 1);
  }
  // A forged cursor that passed `decodeCursor`'s partition check but is not a key DynamoDB can
  // start from ("The provided starting key is invalid", "… does not match the range key
  // predicate", "Exclusive Start Key must have same size …"). Found by the fuzzing suite.
  if (name === 'ValidationException' && /\bstart(ing)? key\b/i.test(error.message)) {
    return new ValidationError('Invalid cursor', [
      { field: 'query.cursor', message: 'not a cursor from this list' },
    ]);
  }
  return undefined;
}

const IDEMPOTENCY_FIELD = 'header.idempotency-key';

/**
 * Powertools idempotency errors (matched by name, so this module does not load the utility):
 *  - same key, another body                → 422 IDEMPOTENCY_KEY_REUSED
 *  - same key, first request still running → 409 IDEMPOTENCY_IN_PROGRESS (retry later)
 *  - the idempotency store failed          → whatever its cause maps to (throttling → 503)
 */
export function fromIdempotencyError(error: unknown): AppError | undefined {
  if (!(error instanceof Error) || !error.name.startsWith('Idempotency')) return undefined;
  switch (error.name) {
    case 'IdempotencyValidationError':
      return new UnprocessableError(
        'This Idempotency-Key was already used with a different request',
        [{ field: IDEMPOTENCY_FIELD, message: 'already used with a different body or query' }],
        'IDEMPOTENCY_KEY_REUSED',
      );
    case 'IdempotencyAlreadyInProgressError':
    case 'IdempotencyInconsistentStateError':
      return new ConflictError(
        'A request with this Idempotency-Key is still in progress; retry it shortly',
        [{ field: IDEMPOTENCY_FIELD, message: 'a request with this key is in progress' }],
        'IDEMPOTENCY_IN_PROGRESS',
      );
    case 'IdempotencyPersistenceLayerError':
      return fromAwsError(error.cause) ?? fromIdempotencyError(error.cause);
    default:
      return undefined;
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  } satisfies APIGatewayProxyStructuredResultV2;
}

function errorBody(code: string, message: string, details: readonly ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

/** The one place errors become HTTP answers. Messages of 5xx errors are never exposed. */
export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  const typed = error instanceof AppError ? error : (fromAwsError(error) ?? fromIdempotencyError(error));
  if (typed) {
    if (typed.status >= 500) logger.warn('Request failed with a retryable error', { error });
    const headers: Record<string, string> =
      typed instanceof ServiceUnavailableError ? { 'retry-after': String(typed.retryAfterSeconds) } : {};
    return json(typed.status, errorBody(typed.code, typed.message, typed.details), headers);
  }
  logger.error('Unhandled error', { error });
  return json(500, errorBody('INTERNAL', 'Internal error'));
}
