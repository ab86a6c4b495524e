/**
 * Local stand-in for Cognito + the API Gateway JWT authorizer: HS256 tokens carrying the same claim
 * names as Cognito ID tokens (`cognito:groups`, `custom:organization`), so handlers take the same
 * code path locally and in AWS.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const localIssuer = 'http://127.0.0.1/liaison-local';
export const localAudience = 'liaison-local';
/** Cognito's default ID-token lifetime is one hour; local tokens last a working day. */
export const DEFAULT_TTL_SECONDS = 8 * 60 * 60;

/** `.liaison/jwt-secret` at the repository root (git-ignored). */
export const SECRET_FILE = fileURLToPath(new URL('../../.liaison/jwt-secret', import.meta.url));

/** The local signing secret: read from {@link SECRET_FILE}, created (32 random bytes) on first use. */
export function loadSecret(file: string = SECRET_FILE): Uint8Array {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it in between: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64,}$/i.test(hex)) {
    throw new Error(`${file} does not hold a hex secret of at least 32 bytes; delete it to get a new one`);
  }
  return Buffer.from(hex, 'hex');
}

/** A fresh in-memory secret (tests). */
export const randomSecret = (): Uint8Array => randomBytes(32);

export interface TokenRequest {
  readonly sub: string;
  /** Rendered as the `cognito:groups` array claim. */
  readonly roles: readonly string[];
  /** Rendered as the `custom:organization` claim; omitted when undefined. */
  readonly organization?: string | undefined;
  readonly ttlSeconds?: number;
  /** Defaults to the secret in `.liaison/jwt-secret`. */
  readonly secret?: Uint8Array;
  /** Overrides for negative tests (wrong audience, foreign issuer). */
  readonly audience?: string;
  readonly issuer?: string;
  /** Extra claims (e.g. `email`). */
  readonly claims?: Record<string, unknown>;
}

/** Signs an HS256 ID-token-like JWT. */
export async function signToken(request: TokenRequest): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    ...request.claims,
    'cognito:groups': [...request.roles],
    token_use: 'id',
    ...(request.organization === undefined ? {} : { 'custom:organization': request.organization }),
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuer(request.issuer ?? localIssuer)
    .setAudience(request.audience ?? localAudience)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.ttlSeconds ?? DEFAULT_TTL_SECONDS))
    .sign(request.secret ?? loadSecret());
}

/**
 * Verifies like API Gateway's JWT authorizer: signature, issuer, audience, `exp` and `nbf`.
 * Resolves to the claims; rejects on any failure.
 */
export async function verifyToken(token: string, secret: Uint8Array = loadSecret()): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, secret, {
    algorithms: ['HS256'],
    issuer: localIssuer,
    audience: localAudience,
    requiredClaims: ['exp', 'sub'],
  });
  return payload;
}
