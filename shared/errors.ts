/**
 * Typed errors thrown by the domain and the HTTP layer. `shared/http/error-response.ts` is the one
 * place that maps them to HTTP status codes and bodies.
 */
export interface ErrorDetail {
  /** Dotted path of the offending field (`body.severity`, `query.limit`, `path.incidentId`). */
  readonly field: string;
  readonly message: string;
  readonly [extra: string]: unknown;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly details: readonly ErrorDetail[];
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'UNAUTHORIZED';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'NOT_FOUND';
}

/** 410: a link (verification, acknowledgement) existed but cannot be used any more. */
export class GoneError extends AppError {
  readonly status = 410;
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, details: readonly ErrorDetail[] = [], code = 'CONFLICT') {
    super(message, details);
    this.code = code;
  }
}

/**
 * 412: a conditional request (`If-Match: "<version>"` on an incident write) whose version is no
 * longer the resource's; `details` carry the current version.
 */
export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly code = 'PRECONDITION_FAILED';
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}

/** 406: the request's `Accept` allows none of the media types the endpoint answers (TAXII). */
export class NotAcceptableError extends AppError {
  readonly status = 406;
  readonly code = 'NOT_ACCEPTABLE';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

export class UnprocessableError extends AppError {
  readonly status = 422;
  readonly code: string;
  constructor(message: string, details: readonly ErrorDetail[] = [], code = 'UNPROCESSABLE') {
    super(message, details);
    this.code = code;
  }
}

/** A dependency (DynamoDB throttling, SNS, Scheduler) failed in a way the client should retry. */
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'SERVICE_UNAVAILABLE';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
