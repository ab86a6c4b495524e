/**
 * The route table's vocabulary (roles, access, the `Route` shape) and pure helpers: no schema, no
 * route entry, so a handler (through `shared/http`) can import it without loading the table.
 */
import type * as z from 'zod/mini';

import { ROLES, type Role } from '../model/roles.js';

export { ROLES, type Role };

/** Who may call: a list of roles, or `public` (no token; e.g. the OpenAPI document). */
export type Access = readonly Role[] | 'public';
/** Least-privilege table access granted to the operation's function. */
export type TableAccess = 'RO' | 'RW' | 'NONE';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * AWS services a function calls besides the table. The CDK grants exactly these (and sets their
 * environment) on the function's role, see infra/constructs/messaging.ts; absent = none.
 */
export type ServiceUse = 'sns' | 'scheduler' | 's3';

export interface Route {
  /** operationId; unique. */
  readonly id: string;
  readonly method: Method;
  /** API Gateway path with `{param}` placeholders. */
  readonly path: string;
  /** Module under `functions/` (without extension) exporting `handler`. */
  readonly handler: string;
  readonly roles: Access;
  readonly table: TableAccess;
  /** `sns`: topics and publishing; `scheduler`: one-time schedules; `s3`: the evidence bucket. Default: none. */
  readonly uses?: readonly ServiceUse[];
  /**
   * Fine-grained table access: the partition-key prefixes (`VERIFYTOKEN#` …) the function may
   * touch, granted with `dynamodb:LeadingKeys` on the table only (no index, no Scan). Absent: the
   * whole table at `table` access. For public routes, whose caller is nobody.
   */
  readonly tableItems?: readonly string[];
  /**
   * With `tableItems`: also Query the table itself (never an index) within those partitions, e.g.
   * the children of one incident. Absent: item actions only.
   */
  readonly tableQuery?: true;
  /**
   * A public page (docs/escalation.md, docs/verification.md): `page` answers text/html always;
   * `negotiate` answers text/html when the request accepts it or is a form submission (whose
   * `application/x-www-form-urlencoded` body is then accepted), JSON otherwise.
   */
  readonly html?: 'page' | 'negotiate';
  /**
   * Media types other than JSON (docs/sharing.md): `stix` answers `application/stix+json;version=2.1`;
   * `taxii` is a TAXII 2.1 endpoint: `Accept` must allow `application/taxii+json;version=2.1` (else
   * 406), answers carry that type and errors are TAXII error messages; `taxii-objects` also accepts
   * and answers `application/stix+json;version=2.1` when asked for it.
   */
  readonly media?: 'stix' | 'taxii' | 'taxii-objects';
  /**
   * A read that records what it discloses in the sharing ledger (docs/sharing.md): a GET with
   * table access RW (the only kind; test/unit/route-table.test.ts).
   */
  readonly ledger?: true;
  readonly summary: string;
  readonly tag: string;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly response: { readonly status: number; readonly schema: z.ZodMiniType };
}

export const READERS = ['admin', 'coordinator', 'responder', 'viewer'] as const satisfies readonly Role[];
export const RESPONDERS = ['admin', 'coordinator', 'responder'] as const satisfies readonly Role[];
export const COORDINATORS = ['admin', 'coordinator'] as const satisfies readonly Role[];
/** Partner-facing routes (issue 5): the service scopes a `partner` to its organization's incidents. */
export const READERS_AND_PARTNERS = [...READERS, 'partner'] as const satisfies readonly Role[];
/** The joint review's contributions (docs/agreements.md): coordinators, and partners for their organization. */
export const COORDINATORS_AND_PARTNERS = [...COORDINATORS, 'partner'] as const satisfies readonly Role[];
export const RESPONDERS_AND_PARTNERS = [...RESPONDERS, 'partner'] as const satisfies readonly Role[];

/** `{incidentId}` → `incidentId`, in path order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1] as string);
}

/** `POST /incidents/{incidentId}/actions`: the API Gateway route key. */
export const routeKey = (r: Pick<Route, 'method' | 'path'>): string => `${r.method} ${r.path}`;
