/**
 * Conditional writes on an incident (issue 12 item 7): `GET /incidents/{id}` answers
 * `ETag: "<version>"`; a write sending `If-Match: "<version>"` is conditioned on the incident still
 * being at that version (412 PRECONDITION_FAILED with the current version otherwise).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../errors.js';

/** The strong ETag of an incident version. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version an `If-Match` header names: absent or `*`, undefined; `"3"`, `W/"3"` or `3`: 3; else 400. */
export function ifMatchOf(event: APIGatewayProxyEventV2): number | undefined {
  const raw = event.headers?.['if-match'] ?? event.headers?.['If-Match'];
  if (raw === undefined || raw.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?([1-9]\d{0,9})"?\s*$/.exec(raw);
  if (!m) {
    throw new ValidationError('Invalid If-Match header', [
      { field: 'header.if-match', message: 'must be the ETag of GET /incidents/{id}, e.g. "3"' },
    ]);
  }
  return Number(m[1]);
}
