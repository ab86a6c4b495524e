import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { claimNames } from '../config.js';
import { UnauthorizedError } from '../errors.js';
import { ROLES, type Role } from '../routes/types.js';

/** Who is calling, from the JWT the API Gateway authorizer (or the local runner) verified. */
export interface Caller {
  readonly subject: string;
  readonly organization: string | undefined;
  readonly roles: readonly Role[];
}

const names = claimNames();

/**
 * API Gateway's JWT authorizer passes array claims as a string `"[a b]"`; tokens verified locally
 * pass real arrays. Both, plus comma-separated strings, are accepted.
 */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner
    .split(/[\s,]+/)
    .map((s) => s.replace(/^"|"$/g, ''))
    .filter((s) => s.length > 0);
}

type EventWithJwt = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

export function callerFrom(event: APIGatewayProxyEventV2): Caller {
  const claims = (event as EventWithJwt).requestContext.authorizer?.jwt?.claims;
  const subject = claims?.sub;
  if (!claims || typeof subject !== 'string' || subject === '') {
    throw new UnauthorizedError('A valid bearer token is required');
  }
  const known = new Set<string>(ROLES);
  const roles = claimList(claims[names.roles]).filter((r): r is Role => known.has(r));
  const org = claims[names.organization];
  return { subject, organization: typeof org === 'string' && org !== '' ? org : undefined, roles };
}
