/**
 * The API client: openapi-fetch over the types generated from docs/openapi.json
 * (`npm run web:client` writes schema.d.ts; test/unit/web-client.test.ts fails when it is stale).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ApiError = Schemas['Error'];
export type Client = ReturnType<typeof createClient<paths>>;

let client: Client | undefined;
let tokenSource: () => string | undefined = () => undefined;

export function configureApi(baseUrl: string, getToken: () => string | undefined): void {
  tokenSource = getToken;
  const auth: Middleware = {
    onRequest({ request }) {
      const token = tokenSource();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client = createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, '') });
  client.use(auth);
}

export function api(): Client {
  if (!client) throw new Error('API not configured');
  return client;
}

/** Any error answer, normalized to the error envelope (the gateway's `{message}` included). */
export function asApiError(error: unknown, status: number): ApiError {
  if (error && typeof error === 'object' && 'error' in error) return error as ApiError;
  const message =
    error && typeof error === 'object' && 'message' in error
      ? String((error as { message: unknown }).message)
      : `HTTP ${status}`;
  return { error: { code: status === 401 ? 'UNAUTHORIZED' : 'ERROR', message, details: [] } };
}

/** The JSON body of an operation whose schema has no name of its own in docs/openapi.json. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
