/**
 * The people of the integration tests: one token per internal role, with the subjects the timelines
 * name (ada the admin, carol the coordinator, rita the responder, victor the viewer), and request
 * shortcuts that write as one of them and read as another unless a test passes its own token.
 *
 *   beforeAll(async () => {
 *     stack = await startLocalStack();
 *     ({ coordinator, responder, viewer } = await personas(stack));
 *   });
 *   const { post, patch, get } = requests(() => stack, () => ({ write: coordinator, read: viewer }));
 */
import type { LocalStack } from './local-stack.js';

export interface Personas {
  readonly admin: string;
  readonly coordinator: string;
  readonly responder: string;
  readonly viewer: string;
}

export async function personas(stack: LocalStack): Promise<Personas> {
  return {
    admin: await stack.token('admin', { sub: 'ada' }),
    coordinator: await stack.token('coordinator', { sub: 'carol' }),
    responder: await stack.token('responder', { sub: 'rita' }),
    viewer: await stack.token('viewer', { sub: 'victor' }),
  };
}

/**
 * `post`/`patch` with a body and `get`, as `write`/`read` unless a token is given. The stack and the
 * tokens are read at call time (they are set in `beforeAll`).
 */
export function requests(stack: () => LocalStack, as: () => { write: string; read: string }) {
  return {
    post: (path: string, body: unknown, token = as().write) => stack().request('POST', path, { body, token }),
    patch: (path: string, body: unknown, token = as().write) =>
      stack().request('PATCH', path, { body, token }),
    get: (path: string, token = as().read) => stack().request('GET', path, { token }),
  };
}
