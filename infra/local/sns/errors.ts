/**
 * SNS errors as the awsQuery protocol carries them. `code` and `status` are the ones the SDK's error
 * registry maps to a typed exception (`NotFound`/404 → NotFoundException, `InvalidParameter`/400 →
 * InvalidParameterException, …), see `@aws-sdk/client-sns` (`awsQueryError` traits).
 */
export class SnsError extends Error {
  override readonly name = 'SnsError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string) =>
  new SnsError('InvalidParameter', `Invalid parameter: ${message}`, 400);
/** InvalidParameterValueException (used by SNS for message attribute problems). */
export const invalidParameterValue = (message: string) => new SnsError('ParameterValueInvalid', message, 400);
export const notFound = (message: string) => new SnsError('NotFound', message, 404);
export const resourceNotFound = (message: string) => new SnsError('ResourceNotFound', message, 404);
export const filterPolicyLimitExceeded = (message: string) =>
  new SnsError('FilterPolicyLimitExceeded', message, 403);
export const internalError = () => new SnsError('InternalError', 'Internal error', 500, 'Receiver');
/** The generic AWS throttling error (what SNS answers when an API's request rate is exceeded). */
export const throttling = () => new SnsError('Throttling', 'Rate exceeded', 400);
/** SNS's own throttling error (ThrottledException, HTTP 429). */
export const throttled = () => new SnsError('Throttled', 'Rate exceeded', 429);
