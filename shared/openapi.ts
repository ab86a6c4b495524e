/**
 * Builds the OpenAPI 3.1 document from the route table and its zod schemas (the same schemas that
 * validate requests), so the document cannot drift from the code.
 */
import * as z from 'zod/mini';
import { ROUTE_ERRORS } from './route-errors.js';
import { pathParams, type Route, routes } from './routes.js';
import { ErrorBody, GatewayErrorBody, ID_PATTERN } from './schemas/common.js';

type JsonSchema = Record<string, unknown>;

/** JSON with object keys sorted, to compare schemas by content. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

const ERRORS: Record<string, string> = {
  '400': 'Invalid input; `details` names each field',
  '401':
    'Missing or invalid bearer token (answered by API Gateway’s JWT authorizer: `{"message":"Unauthorized"}`, not the error envelope)',
  '403': 'The caller’s role may not do this',
  '404': 'Unknown id',
  '409':
    'State conflict (e.g. closed incident, open actions, concurrent change; IDEMPOTENCY_IN_PROGRESS while a request with the same Idempotency-Key runs)',
  '410':
    'The verification or acknowledgement link existed but cannot be used any more (used, expired or superseded)',
  '412':
    'The incident is no longer at the `If-Match` version (PRECONDITION_FAILED; `details` give the current version): read it again',
  '413':
    'Body too large (over 64 KiB: the error envelope; over API Gateway’s 10 MB: `{"message":"Request Entity Too Large"}`)',
  '406':
    'The `Accept` header allows none of the media types this TAXII endpoint answers (`application/taxii+json;version=2.1`)',
  '415': 'Body is not JSON',
  '422': 'Well-formed but refused',
  '429': 'Too many failed link attempts (verification or acknowledgement) from this address; try again later',
  '503': 'A backing service is busy; retry after `Retry-After` seconds',
};

/** Incident writes that accept `If-Match: "<version>"` (the ETag of GET /incidents/{id}; 412 otherwise). */
const CONDITIONAL_WRITES: ReadonlySet<string> = new Set([
  'assessImpact',
  'createAction',
  'updateAction',
  'createCommunication',
  'createEscalation',
  'createLesson',
  'closeIncident',
  'reopenIncident',
]);

/** Methods that accept an `Idempotency-Key` header (shared/http/handler.ts). */
const IDEMPOTENT_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * 422 codes an operation can answer besides IDEMPOTENCY_KEY_REUSED (every write with an
 * Idempotency-Key): INCIDENT_TOO_WIDE wherever an incident changes (shared/domain/incidents/unit-of-work.ts
 * `commit`), the TLP and fan-out checks where a communication is sent.
 */
const INCIDENT_CHANGE = ['INCIDENT_TOO_WIDE'];
const UNPROCESSABLE: Record<string, readonly string[]> = {
  createCommunication: ['TLP_REFUSED', 'TOO_MANY_ORGANIZATIONS', ...INCIDENT_CHANGE],
};
/** Routes whose writes change an incident (and so may be INCIDENT_TOO_WIDE). */
const changesIncident = (route: Route): boolean =>
  route.path.startsWith('/incidents') ||
  route.path.startsWith('/activations/') ||
  route.id === 'activatePlaybook';

/** Extra statuses an operation answers (the verification link: gone, rate limited). */
const EXTRA_STATUSES: Record<string, readonly string[]> = {
  verifyContact: ['410', '429'],
  getVerifyPage: ['429'],
  acknowledgeByLink: ['410', '429'],
  getAcknowledgePage: ['429'],
};

const TAXII_MEDIA = 'application/taxii+json;version=2.1';
const STIX_MEDIA = 'application/stix+json;version=2.1';
/** A TAXII 2.1 error message (§3.6.1), the error body of the TAXII endpoints. */
const TAXII_ERROR = {
  type: 'object',
  required: ['title'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    error_code: { type: 'string' },
    http_status: { type: 'string' },
    details: { type: 'object' },
  },
};
/** The ledger reads also answer `format=csv` / `format=jsonl` as text. */
const LEDGER_EXPORTS: ReadonlySet<string> = new Set(['getIncidentLedger', 'getOrganizationLedger']);

function mediaContent(media: 'stix' | 'taxii' | 'taxii-objects', schema: unknown): Record<string, unknown> {
  if (media === 'stix') return { [STIX_MEDIA]: { schema } };
  return media === 'taxii-objects'
    ? { [TAXII_MEDIA]: { schema }, [STIX_MEDIA]: { schema } }
    : { [TAXII_MEDIA]: { schema } };
}

export function buildOpenApi(): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};
  /**
   * Converts a schema; named sub-schemas (`.meta({ id })`) are moved to `components.schemas` and
   * referenced from there. Input and output forms of one name can differ (defaults, transforms):
   * the input form gets an `Input` suffix when it does.
   */
  const convert = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
    const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    const { $schema: _s, $defs, ...root } = raw as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const rename = new Map<string, string>(Object.keys($defs ?? {}).map((id) => [id, id]));
    const relink = (value: JsonSchema): JsonSchema =>
      JSON.parse(
        JSON.stringify(value).replace(
          /"#\/\$defs\/([^"]+)"/g,
          (_m, id: string) => `"#/components/schemas/${rename.get(id) ?? id}"`,
        ),
      );
    for (const [id, def] of Object.entries($defs ?? {})) {
      const existing = components[id];
      if (existing && canonical(existing) !== canonical(relink(def))) rename.set(id, `${id}Input`);
    }
    for (const [id, def] of Object.entries($defs ?? {})) components[rename.get(id) as string] = relink(def);
    return relink(root);
  };
  // ErrorBody carries `.meta({ id: 'Error' })`: converting it registers `components.schemas.Error`
  // and returns a `$ref` to it. Assigning that `$ref` to `components.Error` made the schema refer to
  // itself (every error response pointed at an empty cycle).
  convert(ErrorBody, 'output');
  convert(GatewayErrorBody, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly Route[]) {
    const parameters: unknown[] = pathParams(route.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: ID_PATTERN.source },
    }));
    if (route.query) {
      type ObjectSchema = { $ref?: string; properties?: Record<string, JsonSchema>; required?: string[] };
      let q = convert(route.query, 'input') as ObjectSchema;
      // A named query schema (`.meta({ id })`) comes back as a `$ref`: its properties are the
      // parameters, so inline it (a query object is not a schema any response uses).
      const named = q.$ref?.replace('#/components/schemas/', '');
      if (named !== undefined) {
        q = components[named] as ObjectSchema;
        delete components[named];
      }
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    const isPublic = route.roles === 'public';
    const specific = ROUTE_ERRORS[route.id] ?? [];
    const writes = IDEMPOTENT_METHODS.has(route.method);
    if (writes) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Repeating a request with the same key answers the first answer again and writes nothing (422 IDEMPOTENCY_KEY_REUSED with another body)',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    }
    const conditional = CONDITIONAL_WRITES.has(route.id);
    if (conditional) {
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: false,
        description:
          'The ETag of `GET /incidents/{incidentId}` (the incident version): the write is conditioned on it (412 PRECONDITION_FAILED when the incident moved on)',
        schema: { type: 'string', example: '"3"' },
      });
    }
    const unprocessable = writes
      ? [
          'IDEMPOTENCY_KEY_REUSED',
          ...(UNPROCESSABLE[route.id] ?? (changesIncident(route) ? INCIDENT_CHANGE : [])),
        ]
      : [];
    const errorCodes = Object.keys(ERRORS).filter(
      (c) =>
        !(isPublic && ['401', '403'].includes(c)) &&
        (route.body || !['413', '415'].includes(c)) &&
        (c !== '422' || unprocessable.length > 0) &&
        (c !== '412' || conditional) &&
        (c !== '406' || route.media?.startsWith('taxii') === true) &&
        (!['410', '429'].includes(c) ||
          (EXTRA_STATUSES[route.id] ?? []).includes(c) ||
          specific.some((e) => String(e.status) === c)),
    );
    const errorSchema = (c: string) =>
      c === '401'
        ? { $ref: '#/components/schemas/GatewayError' }
        : route.media?.startsWith('taxii')
          ? TAXII_ERROR
          : c === '413'
            ? {
                anyOf: [
                  { $ref: '#/components/schemas/Error' },
                  { $ref: '#/components/schemas/GatewayError' },
                ],
              }
            : { $ref: '#/components/schemas/Error' };
    const errorDescription = (c: string) =>
      c === '422' ? `${ERRORS[c]}: ${unprocessable.join(', ')}` : ERRORS[c];
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      ...(isPublic
        ? { security: [] }
        : { description: `Roles: ${(route.roles as readonly string[]).join(', ')}` }),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: convert(route.body, 'input') },
                // A public page's form posts the same fields.
                ...(route.html
                  ? { 'application/x-www-form-urlencoded': { schema: convert(route.body, 'input') } }
                  : {}),
              },
            },
          }
        : {}),
      responses: {
        [String(route.response.status)]: {
          description: route.summary,
          ...(route.id === 'getIncident'
            ? {
                headers: {
                  ETag: {
                    description: 'The incident version, for `If-Match` on a write (e.g. `"3"`)',
                    schema: { type: 'string' },
                  },
                },
              }
            : {}),
          content: route.media
            ? mediaContent(route.media, convert(route.response.schema, 'output'))
            : route.html === 'page'
              ? { 'text/html': { schema: convert(route.response.schema, 'output') } }
              : {
                  ...(LEDGER_EXPORTS.has(route.id)
                    ? {
                        'text/csv': { schema: { type: 'string' } },
                        'application/x-ndjson': { schema: { type: 'string' } },
                      }
                    : {}),
                  'application/json': { schema: convert(route.response.schema, 'output') },
                  ...(route.html ? { 'text/html': { schema: { type: 'string' } } } : {}),
                },
        },
        ...Object.fromEntries(
          errorCodes.map((c) => {
            const codes = specific.filter((e) => String(e.status) === c);
            const listed = codes
              .map((e) => `\`${e.code}\`${e.detail ? ' (in `details[].code`)' : ''}: ${e.when}`)
              .join('; ');
            const xCodes = [...new Set([...(c === '422' ? unprocessable : []), ...codes.map((e) => e.code)])];
            return [
              c,
              {
                description: codes.length ? `${errorDescription(c)}. Codes: ${listed}` : errorDescription(c),
                ...(xCodes.length ? { 'x-error-codes': xCodes } : {}),
                content: route.media?.startsWith('taxii')
                  ? { [TAXII_MEDIA]: { schema: errorSchema(c) } }
                  : route.html === 'page'
                    ? { 'text/html': { schema: { type: 'string' } } }
                    : {
                        'application/json': { schema: errorSchema(c) },
                        ...(route.html ? { 'text/html': { schema: { type: 'string' } } } : {}),
                      },
              },
            ];
          }),
        ),
      },
    };
    const method = route.method.toLowerCase();
    paths[route.path] = { ...(paths[route.path] ?? {}), [method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Liaison API',
      version: '0.1.0',
      description:
        'Coordination of security incidents that involve third parties (ISO/IEC 27035-4). Every operation except this document needs a bearer JWT.',
    },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'local stack (npm start)' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: components,
    },
    paths,
  };
}
