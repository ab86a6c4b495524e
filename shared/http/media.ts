/**
 * Media types of the sharing routes (route `media`, docs/sharing.md): TAXII 2.1 content
 * negotiation (`Accept`, 406) and TAXII error messages (TAXII 2.1 §3.6.1) in place of the error
 * envelope.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { NotAcceptableError } from '../errors.js';
import type { Route } from '../routes/types.js';
import { header } from './request.js';

export const TAXII = 'application/taxii+json;version=2.1';
export const STIX = 'application/stix+json;version=2.1';

interface MediaRange {
  readonly type: string;
  readonly version: string | undefined;
  readonly q: number;
}

function ranges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((p) => p.trim());
      const param = (name: string) =>
        params
          .find((p) => p.toLowerCase().startsWith(`${name}=`))
          ?.slice(name.length + 1)
          .replace(/"/g, '');
      const q = Number(param('q') ?? '1');
      return { type: type.toLowerCase(), version: param('version'), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.type !== '' && r.q > 0);
}

const matches = (r: MediaRange, type: string): boolean =>
  (r.type === '*/*' || r.type === 'application/*' || r.type === type) &&
  (r.version === undefined || r.version === '2.1');

/**
 * The content type a `media` route answers this request with; 406 when `Accept` allows none of
 * them (no `Accept`: the route's default).
 */
export function negotiate(route: Route, event: APIGatewayProxyEventV2): string | undefined {
  if (route.media === undefined || route.media === 'stix') return route.media === 'stix' ? STIX : undefined;
  const accept = header(event, 'accept');
  if (accept === undefined || accept.trim() === '') return TAXII;
  const rs = ranges(accept);
  const offered: [string, string][] = [['application/taxii+json', TAXII]];
  if (route.media === 'taxii-objects') offered.push(['application/stix+json', STIX]);
  let best: { type: string; q: number } | undefined;
  for (const [bare, full] of offered) {
    for (const r of rs) if (matches(r, bare) && (!best || r.q > best.q)) best = { type: full, q: r.q };
  }
  if (!best) {
    throw new NotAcceptableError(`This endpoint answers ${offered.map(([, f]) => f).join(' or ')}`, [
      { field: 'header.accept', message: `must accept ${offered.map(([, f]) => f).join(' or ')}` },
    ]);
  }
  return best.type;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** An error answer (of `errorResponse`) as a TAXII error message, same status and headers. */
export function taxiiError(res: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const status = res.statusCode ?? 500;
  let error: { code?: string; message?: string; details?: unknown[] } = {};
  try {
    error = (JSON.parse(String(res.body)) as { error?: typeof error }).error ?? {};
  } catch {
    // keep the defaults
  }
  const body = {
    title: TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error'),
    ...(error.message ? { description: error.message } : {}),
    error_code: error.code ?? 'INTERNAL',
    http_status: String(status),
    ...(error.details && error.details.length > 0 ? { details: { fields: error.details } } : {}),
  };
  return { ...res, headers: { ...(res.headers ?? {}), 'content-type': TAXII }, body: JSON.stringify(body) };
}

/** `https://<host>` of the request (the API's own URL; http on the local stack's 127.0.0.1). */
export function baseUrlOf(event: APIGatewayProxyEventV2): string {
  const host = event.requestContext?.domainName ?? header(event, 'host') ?? 'localhost';
  const proto =
    header(event, 'x-forwarded-proto') ?? (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) ? 'http' : 'https');
  return `${proto}://${host}`;
}
