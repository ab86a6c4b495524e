import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, type ErrorDetail, ServiceUnavailableError } from '../errors.js';
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

/** Turns a DynamoDB/SNS/Scheduler SDK error into a typed error, or returns undefined. */
export function fromAwsError(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const name = error.name;
  if (RETRYABLE_AWS_ERRORS.has(name)) {
    return new ServiceUnavailableError('A backing service is busy; retry the request', 1);
  }
  return undefined;
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
  const typed = error instanceof AppError ? error : fromAwsError(error);
  if (typed) {
    if (typed.status >= 500) logger.warn('Request failed with a retryable error', { error });
    const headers: Record<string, string> =
      typed instanceof ServiceUnavailableError ? { 'retry-after': String(typed.retryAfterSeconds) } : {};
    return json(typed.status, errorBody(typed.code, typed.message, typed.details), headers);
  }
  logger.error('Unhandled error', { error });
  return json(500, errorBody('INTERNAL', 'Internal error'));
}
