/**
 * Builds the OpenAPI 3.1 document from the route table and its zod schemas (the same schemas that
 * validate requests), so the document cannot drift from the code.
 */
import { z } from 'zod';
import { pathParams, type Route, routes } from './routes.js';
import { ErrorBody, ID_PATTERN } from './schemas/common.js';

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
  '401': 'Missing or invalid bearer token',
  '403': 'The caller’s role may not do this',
  '404': 'Unknown id',
  '409': 'State conflict (e.g. closed incident, open actions, concurrent change)',
  '413': 'Body too large',
  '415': 'Body is not JSON',
  '503': 'A backing service is busy; retry after `Retry-After` seconds',
};

export function buildOpenApi(): Record<string, unknown> {
  const components: Record<string, JsonSchema> = {};
  /**
   * Converts a schema; named sub-schemas (`.meta({ id })`) are moved to `components.schemas` and
   * referenced from there. Input and output forms of one name can differ (defaults, transforms):
   * the input form gets an `Input` suffix when it does.
   */
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
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
  components.Error = convert(ErrorBody, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes as readonly Route[]) {
    const parameters: unknown[] = pathParams(route.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: ID_PATTERN.source },
    }));
    if (route.query) {
      const q = convert(route.query, 'input') as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    const isPublic = route.roles === 'public';
    const errorCodes = Object.keys(ERRORS).filter(
      (c) => !(isPublic && ['401', '403'].includes(c)) && (route.body || !['413', '415'].includes(c)),
    );
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
          content:
            route.html === 'page'
              ? { 'text/html': { schema: convert(route.response.schema, 'output') } }
              : {
                  'application/json': { schema: convert(route.response.schema, 'output') },
                  ...(route.html ? { 'text/html': { schema: { type: 'string' } } } : {}),
                },
        },
        ...Object.fromEntries(
          errorCodes.map((c) => [
            c,
            {
              description: ERRORS[c],
              content:
                route.html === 'page'
                  ? { 'text/html': { schema: { type: 'string' } } }
                  : {
                      'application/json': { schema: { $ref: '#/components/schemas/Error' } },
                      ...(route.html ? { 'text/html': { schema: { type: 'string' } } } : {}),
                    },
            },
          ]),
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
