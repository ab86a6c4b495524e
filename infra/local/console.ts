/**
 * The web console in the local stack (issue 13), on the same origin as the local API:
 *  - `GET /` → `web/dist/index.html` (a short page saying to run `npm run web:build` when missing),
 *  - `GET /assets/*` → `web/dist/assets/*` (content type by extension, no path traversal),
 *  - `GET /config.json` → the console's runtime config (`signIn.mode: local`),
 *  - `GET /local/sign-in?return=<url>` → a form (roles, organization, subject); submitting it
 *    redirects to `<return>#token=<jwt>`,
 *  - `POST /local/token` `{ roles, organization, sub }` → `{ token }` (browser tests).
 * The tokens are the ones `npm run token` mints (infra/local/auth.ts), signed with the secret the
 * local API verifies with. None of this exists in AWS: there the console is on CloudFront
 * (infra/constructs/console.ts) and signs in with Cognito.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TTL_SECONDS, signToken } from './auth.js';
import { DEFAULT_ORGANIZATION, DEFAULT_SUBJECT, TOKEN_ROLES } from './token.js';

/** `web/dist/` at the repository root (Vite's output). */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface ConsoleAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export interface LocalConsoleOptions {
  /** HS256 secret the local API verifies tokens with. */
  readonly secret: Uint8Array;
  /** Default {@link WEB_DIST_DIR}. */
  readonly distDir?: string;
  /** `apiBaseUrl` of config.json; default: the origin the request came to (`http://<host>`). */
  readonly apiBaseUrl?: string;
}

export type LocalConsole = (
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
) => Promise<ConsoleAnswer | undefined>;

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

const answer = (
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): ConsoleAnswer => ({
  status,
  headers: { 'content-type': contentType, ...SECURITY_HEADERS, ...headers },
  body: typeof body === 'string' ? Buffer.from(body) : body,
});

const json = (status: number, value: unknown): ConsoleAnswer =>
  answer(status, 'application/json', JSON.stringify(value), { 'cache-control': 'no-store' });

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Liaison console not built</title></head>
<body><main><h1>The Liaison console is not built</h1>
<p>Run <code>npm run web:build</code> and reload this page. The API answers on this origin meanwhile.</p>
</main></body></html>
`;

/**
 * The file under `root` that `relative` names, or undefined when it does not exist or would leave
 * `root` (`..`, encoded `%2e%2e`, absolute paths, symbolic links pointing out).
 */
export function staticFile(root: string, relative: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const base = resolve(root);
  const target = resolve(base, `.${sep}${decoded}`);
  if (!target.startsWith(base + sep)) return undefined;
  if (!existsSync(target)) return undefined;
  const real = realpathSync(target);
  const realBase = realpathSync(base);
  if (!real.startsWith(realBase + sep) || !statSync(real).isFile()) return undefined;
  return real;
}

/** Only same-origin return addresses: a path (`/…`, not `//…`) or an URL on the request's origin. */
export function safeReturn(raw: string | null, origin: string): string {
  if (raw === null || raw === '') return '/';
  if (raw.startsWith('/') && !raw.startsWith('//') && !raw.includes('\\')) return raw.split('#')[0] as string;
  try {
    const u = new URL(raw);
    if (u.origin === origin) return `${u.origin}${u.pathname}${u.search}`;
  } catch {
    // not an URL
  }
  return '/';
}

export class SignInInputError extends Error {}

export interface SignInInput {
  readonly roles: string[];
  readonly organization: string | undefined;
  readonly sub: string;
}

/** Validates `{ roles, organization, sub }` (JSON or form); throws {@link SignInInputError}. */
export function signInInput(raw: { roles: unknown; organization: unknown; sub: unknown }): SignInInput {
  const roles = Array.isArray(raw.roles) ? raw.roles : raw.roles === undefined ? [] : [raw.roles];
  if (roles.length === 0) throw new SignInInputError('roles: choose at least one role');
  for (const role of roles) {
    if (typeof role !== 'string' || !TOKEN_ROLES.includes(role)) {
      throw new SignInInputError(`roles: unknown role "${String(role)}"; expected ${TOKEN_ROLES.join(', ')}`);
    }
  }
  const text = (value: unknown, name: string, fallback: string | undefined): string | undefined => {
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value !== 'string' || value.length > 200 || !/^[\w.@:-]+$/.test(value)) {
      throw new SignInInputError(`${name}: letters, digits and . _ - @ : only (at most 200)`);
    }
    return value;
  };
  return {
    roles: [...new Set(roles as string[])],
    organization: text(raw.organization, 'organization', DEFAULT_ORGANIZATION),
    sub: text(raw.sub, 'sub', DEFAULT_SUBJECT) as string,
  };
}

function signInPage(returnTo: string, error?: string): string {
  const boxes = TOKEN_ROLES.map(
    (role) =>
      `<label><input type="checkbox" name="roles" value="${role}"${role === 'coordinator' ? ' checked' : ''}> ${role}</label>`,
  ).join('\n        ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Liaison local sign-in</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}
fieldset{margin:1rem 0}label{display:block;margin:.25rem 0}.error{color:#b00020}
input[type=text]{width:100%;padding:.3rem}button{padding:.4rem 1.2rem}</style></head>
<body><main>
<h1>Liaison local sign-in</h1>
<p>This page exists only in the local stack (<code>npm start</code>). It mints the same tokens as
<code>npm run token</code>. Deployed, the console signs in with Cognito.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/local/sign-in">
  <input type="hidden" name="return" value="${escapeHtml(returnTo)}">
  <fieldset><legend>Roles</legend>
        ${boxes}
  </fieldset>
  <label for="organization">Organization</label>
  <input type="text" id="organization" name="organization" value="${DEFAULT_ORGANIZATION}">
  <label for="sub">Subject (user id)</label>
  <input type="text" id="sub" name="sub" value="${DEFAULT_SUBJECT}">
  <p><button type="submit">Sign in</button></p>
</form>
</main></body></html>
`;
}

/** The request's origin as the browser sees it (the local stack is plain HTTP on 127.0.0.1). */
const originOf = (headers: IncomingHttpHeaders): string => `http://${headers.host ?? '127.0.0.1'}`;

/**
 * The console's routes in the local runner; resolves to undefined for every other request (the
 * API's routes), so it is consulted first.
 */
export function localConsole(options: LocalConsoleOptions): LocalConsole {
  const dist = options.distDir ?? WEB_DIST_DIR;
  const assets = join(dist, 'assets');

  const mint = (input: SignInInput): Promise<string> =>
    signToken({
      sub: input.sub,
      roles: input.roles,
      organization: input.organization,
      ttlSeconds: DEFAULT_TTL_SECONDS,
      secret: options.secret,
    });

  return async (method, url, headers, body) => {
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
    const origin = originOf(headers);

    if (method === 'GET' && (path === '/' || path === '/index.html')) {
      const index = join(dist, 'index.html');
      if (!existsSync(index)) return answer(200, CONTENT_TYPES['.html'] as string, NOT_BUILT);
      return answer(200, CONTENT_TYPES['.html'] as string, readFileSync(index), {
        'cache-control': 'no-cache',
      });
    }
    if (method === 'GET' && path.startsWith('/assets/')) {
      const file = staticFile(assets, path.slice('/assets/'.length));
      if (!file) return json(404, { message: 'Not Found' });
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return answer(200, type, readFileSync(file), {
        'cache-control': 'public, max-age=31536000, immutable',
      });
    }
    if (method === 'GET' && path === '/config.json') {
      return json(200, {
        apiBaseUrl: options.apiBaseUrl ?? origin,
        signIn: { mode: 'local', url: '/local/sign-in' },
      });
    }
    if (path === '/local/sign-in' && method === 'GET') {
      return answer(
        200,
        CONTENT_TYPES['.html'] as string,
        signInPage(safeReturn(query.get('return'), origin)),
        {
          'cache-control': 'no-store',
        },
      );
    }
    if (path === '/local/sign-in' && method === 'POST') {
      const form = new URLSearchParams(body.toString('utf8'));
      const returnTo = safeReturn(form.get('return'), origin);
      try {
        const input = signInInput({
          roles: form.getAll('roles'),
          organization: form.get('organization') ?? undefined,
          sub: form.get('sub') ?? undefined,
        });
        const token = await mint(input);
        return answer(303, 'text/plain; charset=utf-8', '', {
          location: `${returnTo}#token=${token}`,
          'cache-control': 'no-store',
        });
      } catch (error) {
        if (!(error instanceof SignInInputError)) throw error;
        return answer(400, CONTENT_TYPES['.html'] as string, signInPage(returnTo, error.message), {
          'cache-control': 'no-store',
        });
      }
    }
    if (path === '/local/token' && method === 'POST') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return json(400, { code: 'VALIDATION_FAILED', message: 'body: expected JSON' });
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return json(400, { code: 'VALIDATION_FAILED', message: 'body: expected an object' });
      }
      const o = parsed as Record<string, unknown>;
      try {
        const input = signInInput({ roles: o.roles, organization: o.organization, sub: o.sub });
        return json(200, { token: await mint(input) });
      } catch (error) {
        if (!(error instanceof SignInInputError)) throw error;
        return json(400, { code: 'VALIDATION_FAILED', message: error.message });
      }
    }
    return undefined;
  };
}
