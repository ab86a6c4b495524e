/**
 * Sign-in. Deployed: OIDC authorization code + PKCE with oidc-client-ts (tokens in sessionStorage,
 * silent renew, sign-out). Local: the local stack's sign-in page redirects back with `#token=<jwt>`;
 * the token is kept in sessionStorage and stripped from the address bar.
 */
import type { UserManager } from 'oidc-client-ts';

export interface OidcConfig {
  readonly mode: 'oidc';
  readonly authority: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri?: string;
  readonly scope?: string;
}
export interface LocalSignInConfig {
  readonly mode: 'local';
  /** The local sign-in page (default /local/sign-in). */
  readonly url?: string;
}
export interface ConsoleConfig {
  readonly apiBaseUrl?: string;
  readonly signIn: OidcConfig | LocalSignInConfig;
}

export interface Session {
  readonly token: string;
  readonly sub: string;
  readonly roles: readonly string[];
  readonly organization: string | undefined;
  readonly expiresAt: number | undefined;
}

const KEY = 'liaison.token';
let current: Session | undefined;
let manager: UserManager | undefined;
let config: ConsoleConfig = { signIn: { mode: 'local' } };

export async function loadConfig(): Promise<ConsoleConfig> {
  try {
    const res = await fetch('./config.json', { cache: 'no-store' });
    if (res.ok) config = (await res.json()) as ConsoleConfig;
  } catch {
    // no config.json: same origin, local sign-in
  }
  return config;
}

function decode(token: string): Session | undefined {
  try {
    const part = token.split('.')[1];
    if (!part) return undefined;
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const rolesClaim = claims.roles ?? claims['cognito:groups'] ?? claims['custom:roles'];
    const roles = Array.isArray(rolesClaim)
      ? rolesClaim.map(String)
      : typeof rolesClaim === 'string'
        ? rolesClaim.split(/[ ,]+/).filter(Boolean)
        : [];
    const org = claims.organization ?? claims['custom:organization'];
    return {
      token,
      sub: String(claims.sub ?? ''),
      roles,
      organization: typeof org === 'string' ? org : undefined,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  } catch {
    return undefined;
  }
}

export function session(): Session | undefined {
  if (current?.expiresAt !== undefined && current.expiresAt < Date.now()) current = undefined;
  return current;
}

export function token(): string | undefined {
  return session()?.token;
}

/** Restores or completes a sign-in; answers the session, or undefined when signed out. */
export async function initAuth(): Promise<Session | undefined> {
  if (config.signIn.mode === 'oidc') {
    const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
    const c = config.signIn;
    manager = new UserManager({
      authority: c.authority,
      client_id: c.clientId,
      redirect_uri: c.redirectUri,
      post_logout_redirect_uri: c.postLogoutRedirectUri ?? c.redirectUri,
      scope: c.scope ?? 'openid email profile',
      response_type: 'code',
      automaticSilentRenew: true,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
    manager.events.addUserLoaded((user) => {
      current = decode(user.id_token ?? user.access_token);
    });
    const params = new URLSearchParams(window.location.search);
    if (params.has('code') && params.has('state')) {
      const user = await manager.signinRedirectCallback();
      window.history.replaceState(null, '', window.location.pathname + window.location.hash);
      current = decode(user.id_token ?? user.access_token);
      return current;
    }
    const user = await manager.getUser();
    current = user && !user.expired ? decode(user.id_token ?? user.access_token) : undefined;
    return current;
  }
  const match = /[#&]token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
    window.history.replaceState(null, '', `${window.location.pathname}#/`);
  }
  const stored = sessionStorage.getItem(KEY);
  current = stored ? decode(stored) : undefined;
  return session();
}

export async function signIn(): Promise<void> {
  if (manager) {
    await manager.signinRedirect();
    return;
  }
  const c = config.signIn as LocalSignInConfig;
  const back = `${window.location.origin}${window.location.pathname}`;
  window.location.assign(`${c.url ?? '/local/sign-in'}?return=${encodeURIComponent(back)}`);
}

export async function signOut(): Promise<void> {
  current = undefined;
  sessionStorage.removeItem(KEY);
  if (manager) {
    await manager.signoutRedirect();
    return;
  }
  window.location.hash = '#/';
  window.location.reload();
}

export function apiBaseUrl(): string {
  return config.apiBaseUrl ?? window.location.origin;
}
