import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { config } from '../config.js';
import {
  type ErrorDetail,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.js';
import { pathParams, type Route } from '../routes/types.js';
import { ID_PATTERN } from '../schemas/common.js';

/** zod issues → `{field, message}` details naming each field (`body.severity`, `query.limit`). */
export function issuesToDetails(prefix: string, error: z.core.$ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => {
      const path = [...issue.path, ...(key === undefined ? [] : [key])].map(String);
      const field = [prefix, ...path].join('.');
      const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
      return { field, message };
    });
  });
}

function parseWith<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
  prefix: string,
  label: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = issuesToDetails(prefix, result.error);
    const fields = [...new Set(details.map((d) => d.field))].join(', ');
    throw new ValidationError(`Invalid ${label}: ${fields}`, details);
  }
  return result.data;
}

function rawBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined || event.body === null) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

export function parseBody(route: Route, event: APIGatewayProxyEventV2): unknown {
  if (!route.body) return undefined;
  const text = rawBody(event);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > config().maxBodyBytes) {
    throw new PayloadTooLargeError(`Request body is ${bytes} bytes; the limit is ${config().maxBodyBytes}`, [
      { field: 'body', message: `larger than ${config().maxBodyBytes} bytes` },
    ]);
  }
  let value: unknown = {};
  const type = header(event, 'content-type') ?? '';
  if (route.html && /^application\/x-www-form-urlencoded\s*(;.*)?$/i.test(type.trim())) {
    // The public pages' form: its fields, empty ones left out (an empty textarea is no value).
    const form = [...new URLSearchParams(text)].filter(([, v]) => v.trim() !== '');
    return parseWith(route.body, Object.fromEntries(form), 'body', 'form');
  }
  if (text.trim() !== '') {
    if (!/^application\/(.+\+)?json\s*(;.*)?$/i.test(type.trim())) {
      throw new UnsupportedMediaTypeError('Request body must be JSON (Content-Type: application/json)', [
        { field: 'header.content-type', message: `expected application/json, got "${type}"` },
      ]);
    }
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new ValidationError('Request body is not valid JSON', [
        { field: 'body', message: e instanceof Error ? e.message : 'malformed JSON' },
      ]);
    }
  }
  return parseWith(route.body, value, 'body', 'request body');
}

const EMPTY_QUERY = z.strictObject({});

export function parseQuery(route: Route, event: APIGatewayProxyEventV2): unknown {
  return parseWith(route.query ?? EMPTY_QUERY, event.queryStringParameters ?? {}, 'query', 'query string');
}

export function parsePath(route: Route, event: APIGatewayProxyEventV2): Record<string, string> {
  const out: Record<string, string> = {};
  const details: ErrorDetail[] = [];
  for (const name of pathParams(route.path)) {
    const raw = event.pathParameters?.[name];
    const value = raw === undefined ? undefined : safeDecode(raw);
    if (value === undefined || !ID_PATTERN.test(value)) {
      details.push({ field: `path.${name}`, message: 'must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });
    } else {
      out[name] = value;
    }
  }
  if (details.length > 0) throw new ValidationError('Invalid path parameter', details);
  return out;
}

function safeDecode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export { header };
