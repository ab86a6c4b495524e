import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { ForbiddenError, ValidationError } from '../errors.js';
import type { RouteId, RouteOf } from '../routes/index.js';
import type { Route } from '../routes/types.js';
import { type Caller, callerFrom } from './caller.js';
import { errorResponse, json } from './error-response.js';
import { htmlError, htmlResponse, wantsHtml } from './html.js';
import { negotiate, taxiiError } from './media.js';
import { logger } from './observability.js';
import { header, parseBody, parsePath, parseQuery } from './request.js';

type BodyOf<R> = R extends { body: infer B extends z.ZodMiniType } ? z.output<B> : undefined;
type QueryOf<R> = R extends { query: infer Q extends z.ZodMiniType } ? z.output<Q> : Record<string, never>;
type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & ParamsOf<Rest>
  : unknown;

/** The request `run` receives for the route entry `R` (types from its schemas and path). */
export interface RequestFor<R extends Route> {
  readonly body: BodyOf<R>;
  readonly query: QueryOf<R>;
  readonly params: ParamsOf<R['path']> & Record<string, string>;
  readonly caller: Caller;
  readonly idempotencyKey: string | undefined;
  readonly event: APIGatewayProxyEventV2;
}

/** The request of the operation `Id` (type-level only: nothing of the route table is loaded). */
export type Request<Id extends RouteId> = RequestFor<RouteOf<Id>>;

export interface Result {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** The HTML form of the answer, for routes with `html` (sent when the request wants HTML). */
  readonly html?: string;
  /** A text answer sent as is (an export: CSV, JSON lines), instead of the JSON body. */
  readonly text?: { readonly contentType: string; readonly body: string };
}

export const ok = (body: unknown): Result => ({ status: 200, body });
export const created = (body: unknown): Result => ({ status: 201, body });

/**
 * The documented response schema shapes every success answer: keys in schema order, internal
 * attributes dropped. A body that does not match is a bug: logged, and answered 500.
 */
function shapeResponse(route: Route, result: Result): unknown {
  if (result.status !== route.response.status) return result.body;
  const parsed = route.response.schema.safeParse(result.body);
  if (!parsed.success) {
    logger.error('Response does not match its schema', { route: route.id, issues: parsed.error.issues });
    throw new Error(`Response of ${route.id} does not match its schema`);
  }
  return parsed.data;
}

const PUBLIC_CALLER: Caller = { subject: 'anonymous', organization: undefined, roles: [] };

/** Methods whose requests may carry an `Idempotency-Key` (GET and DELETE are idempotent already). */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;

/** The `Idempotency-Key` header: absent, or 1-255 printable ASCII characters (else 400). */
export function idempotencyKeyOf(event: APIGatewayProxyEventV2): string | undefined {
  const value = header(event, 'idempotency-key');
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new ValidationError('Invalid Idempotency-Key header', [
      { field: 'header.idempotency-key', message: 'must be 1-255 printable ASCII characters' },
    ]);
  }
  return value;
}

/**
 * Wraps an operation, given its own route entry (`routes.<id>` from `shared/routes/<area>.ts`;
 * importing the entry, not the table, keeps the other routes and their schemas out of the bundle):
 * authenticate → authorize (roles from the route table) → parse and validate
 * path, query and body (schemas from the route table) → run → respond. Every error becomes an HTTP
 * answer in `errorResponse`, the last step.
 *
 * A POST/PUT/PATCH carrying `Idempotency-Key` runs through `shared/db/idempotency.ts` (loaded on
 * first use), AFTER validation, so an invalid request never touches the idempotency store. The key
 * is scoped to route id + caller subject + path parameters + header value; the validated body and
 * query must match on a repeat (else 422 IDEMPOTENCY_KEY_REUSED). Only 2xx answers are stored.
 */
export function httpHandler<const R extends Route>(
  route: R,
  run: (request: RequestFor<R>) => Promise<Result>,
) {
  const idempotent = IDEMPOTENT_METHODS.has(route.method);
  const base = async (
    event: APIGatewayProxyEventV2,
    context: Context,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    // Correlation id on every log line: the API Gateway request id (set directly, no JMESPath).
    logger.setCorrelationId(event.requestContext?.requestId);
    const mode = (route as Route).html;
    const asHtml = mode === 'page' || (mode === 'negotiate' && wantsHtml(event));
    const taxii = (route as Route).media?.startsWith('taxii') === true;
    try {
      const caller = route.roles === 'public' ? PUBLIC_CALLER : callerFrom(event);
      if (
        route.roles !== 'public' &&
        !caller.roles.some((r) => (route.roles as readonly string[]).includes(r))
      ) {
        throw new ForbiddenError(
          `Role ${caller.roles.join(', ') || '(none)'} may not ${route.summary.toLowerCase()}`,
        );
      }
      const contentType = negotiate(route, event);
      const params = parsePath(route, event);
      const query = parseQuery(route, event);
      const body = parseBody(route, event);
      const idempotencyKey = idempotent ? idempotencyKeyOf(event) : undefined;
      const execute = async () => {
        const result = await run({ body, query, params, caller, idempotencyKey, event } as RequestFor<R>);
        if (asHtml && result.html !== undefined) return htmlResponse(result.status, result.html);
        if (result.text !== undefined) {
          return {
            statusCode: result.status,
            headers: { 'content-type': result.text.contentType, ...result.headers },
            body: result.text.body,
          };
        }
        const answer = json(result.status, shapeResponse(route, result), result.headers);
        if (contentType !== undefined) answer.headers['content-type'] = contentType;
        return answer;
      };
      if (idempotencyKey === undefined) return await execute();
      const { runIdempotently } = await import('../db/idempotency.js');
      return await runIdempotently(
        {
          key: { route: route.id, subject: caller.subject, params, idempotencyKey },
          payload: { body: body ?? null, query },
        },
        context,
        execute,
      );
    } catch (error) {
      if (taxii) return taxiiError(errorResponse(error));
      return asHtml ? htmlError(errorResponse(error)) : errorResponse(error);
    }
  };
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(base);
}
