/**
 * `POST /verify/{token}` and `GET /directory/health` (docs/verification.md).
 *
 * Verify: the token is looked up by its SHA-256 only; unknown → 404 VERIFICATION_TOKEN_NOT_FOUND,
 * expired → 410 VERIFICATION_TOKEN_EXPIRED, already used → 410 VERIFICATION_TOKEN_USED (none names
 * the contact). Success consumes the token and stamps the contact verified in ONE transaction.
 * Rate limit (application level): failed attempts are counted per SHA-256 of the caller's IP and
 * window (`LIAISON_VERIFY_MAX_FAILURES` per `LIAISON_VERIFY_WINDOW_SECONDS`); at the limit every
 * attempt from that IP is refused 429 until the window ends, before the token is even looked up.
 */
import { createHash } from 'node:crypto';
import type { VerificationConfig } from '../../config.js';
import { AppError, GoneError } from '../../errors.js';
import type { DirectoryHealth, VerificationResult, VerifyContactBody } from '../../schemas/verification.js';
import type { Deps } from '../deps.js';
import { withOptimisticRetry } from '../retry.js';
import { addDays, hashToken, newToken, sendTimes, TOKEN_PATTERN, tokenExpired } from './rules.js';
import type { SweepResult, SweepRun } from './sweep.js';

/** 410: the token existed but cannot be used any more. */
export class TokenGoneError extends GoneError {
  constructor(
    message: string,
    code: 'VERIFICATION_TOKEN_EXPIRED' | 'VERIFICATION_TOKEN_USED' | 'VERIFICATION_TOKEN_SUPERSEDED',
  ) {
    super(message, code);
  }
}

/** 429: too many failed verification attempts from this address. */
export class TooManyAttemptsError extends AppError {
  readonly status = 429;
  readonly code = 'TOO_MANY_ATTEMPTS';
}

/** 404: no such token (never says whether a contact exists). */
class TokenNotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'VERIFICATION_TOKEN_NOT_FOUND';
}

/** Rate-limit bucket: SHA-256 of the source IP (never stored in clear) + window start. */
export function rateBucket(
  sourceIp: string,
  now: Date,
  windowSeconds: number,
): { bucket: string; ttl: number } {
  const window = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
  const ipHash = createHash('sha256').update(`liaison-verify:${sourceIp}`).digest('hex').slice(0, 32);
  return { bucket: `${ipHash}#${window}`, ttl: window + windowSeconds + 3600 };
}

/**
 * The stored link and its contact when the link may be used at `at`, else the error to answer, in
 * this order: unknown (404), used, expired, superseded by a re-addressed contact or a later round
 * (410). Shared by the confirmation (`verifyToken`) and the page (`previewVerification`).
 */
async function linkState(deps: Deps, hash: string, at: Date) {
  const stored = await deps.repos.verification.loadToken(hash);
  if (!stored) return new TokenNotFoundError('Unknown verification token');
  if (stored.usedAt)
    return new TokenGoneError('This verification link was already used', 'VERIFICATION_TOKEN_USED');
  if (tokenExpired(stored.tokenExpiresAt, at)) {
    return new TokenGoneError('This verification link has expired', 'VERIFICATION_TOKEN_EXPIRED');
  }
  const contact = await deps.repos.verification.loadContact(stored.contactId);
  if (!contact || contact.deletedAt) return new TokenNotFoundError('Unknown verification token');
  if (contact.verificationRound !== stored.round) {
    // Re-addressed since the link was sent (new channels), or a later round began.
    return new TokenGoneError(
      'This verification link was replaced: the contact changed or was asked again',
      'VERIFICATION_TOKEN_SUPERSEDED',
    );
  }
  return { stored, contact };
}

export async function verifyToken(
  deps: Deps,
  settings: Pick<VerificationConfig, 'maxFailures' | 'windowSeconds'>,
  token: string,
  sourceIp: string,
  body: VerifyContactBody = {},
): Promise<VerificationResult> {
  const now = deps.now();
  const { bucket, ttl } = rateBucket(sourceIp, now, settings.windowSeconds);
  if ((await deps.repos.verification.failedAttempts(bucket)) >= settings.maxFailures) {
    throw new TooManyAttemptsError('Too many failed verification attempts; try again later');
  }
  const fail = async (error: AppError): Promise<never> => {
    await deps.repos.verification.recordFailure(bucket, ttl);
    throw error;
  };
  const notFound = () => new TokenNotFoundError('Unknown verification token');
  if (!TOKEN_PATTERN.test(token)) return fail(notFound());
  const hash = hashToken(token);
  return withOptimisticRetry(async () => {
    const at = deps.now();
    const state = await linkState(deps, hash, at);
    if (state instanceof AppError) return fail(state);
    const { stored, contact } = state;
    const iso = at.toISOString();
    const nextDue = addDays(iso, Number(contact.verificationIntervalDays));
    // Token consumed meanwhile (a concurrent confirmation): used. Contact changed: read again.
    const outcome = await deps.repos.verification.confirm(
      hash,
      { id: stored.contactId, version: Number(contact.version), round: stored.round },
      iso,
      nextDue,
      body.comment,
    );
    if (outcome === 'token-used') {
      return fail(new TokenGoneError('This verification link was already used', 'VERIFICATION_TOKEN_USED'));
    }
    return { verified: true, verifiedAt: iso, nextVerificationDue: nextDue };
  });
}

/**
 * What `GET /verify/{token}` (the confirmation page) shows: the contact's name and the channels to
 * check. The same checks as `verifyToken`, but nothing is written: the token stays unused (mail
 * scanners open links) and a failed lookup is not counted (the route is read-only).
 */
export async function previewVerification(
  deps: Deps,
  settings: Pick<VerificationConfig, 'maxFailures' | 'windowSeconds'>,
  token: string,
  sourceIp: string,
): Promise<{ name: string; channels: { type: string; address: string }[]; expiresAt: string }> {
  const { bucket } = rateBucket(sourceIp, deps.now(), settings.windowSeconds);
  if ((await deps.repos.verification.failedAttempts(bucket)) >= settings.maxFailures) {
    throw new TooManyAttemptsError('Too many failed verification attempts; try again later');
  }
  // Read-only: refused over the limit, its own failures not counted (the route throttle bounds it).
  if (!TOKEN_PATTERN.test(token)) throw new TokenNotFoundError('Unknown verification token');
  const state = await linkState(deps, hashToken(token), deps.now());
  if (state instanceof AppError) throw state;
  const { stored, contact } = state;
  const channels = Array.isArray(contact.channels)
    ? (contact.channels as { type: string; address: string }[]).map((c) => ({
        type: String(c.type),
        address: String(c.address),
      }))
    : [];
  return { name: String(contact.name), channels, expiresAt: stored.tokenExpiresAt };
}

/** The last completed sweep's numbers: two GetItems (`#LAST` and `#RUN`), whatever the directory size. */
export async function directoryHealth(deps: Deps): Promise<DirectoryHealth> {
  const [last, run] = await Promise.all([
    deps.repos.verification.loadSweepItem<SweepResult>('last'),
    deps.repos.verification.loadSweepItem<SweepRun>('run'),
  ]);
  const zero = { verified: 0, pending: 0, stale: 0 };
  return {
    asOf: last?.completedAt ?? null,
    total: last?.health.total ?? zero,
    byOrganization: last?.health.byOrganization ?? [],
    byDimension: last?.health.byDimension ?? { vertical: zero, horizontal: zero, external: zero },
    organizationsWithoutVerifiedPrimary: last?.health.organizationsWithoutVerifiedPrimary ?? [],
    expiringAgreements: last?.health.expiringAgreements ?? [],
    contactsToReverify: last?.health.contactsToReverify ?? [],
    lastSweep: last
      ? {
          runId: last.runId,
          startedAt: last.startedAt,
          completedAt: last.completedAt,
          invocations: last.invocations,
          counts: last.counts,
          notified: last.notified,
        }
      : null,
    sweepInProgress:
      run && run.phase !== 'done'
        ? { runId: run.runId, startedAt: run.startedAt, phase: run.phase, counts: run.counts }
        : null,
  };
}

/**
 * Issues a verification token for one live contact now, as the sweep does (claim + token hash in one
 * transaction), WITHOUT sending it; returns the token. For tests and fixtures (the token is the
 * credential of a public route); undefined when the contact is unknown, deleted or already has an
 * outstanding verification.
 */
export async function issueVerificationToken(
  deps: Deps,
  contactId: string,
  settings: Pick<VerificationConfig, 'tokenDays' | 'graceDays'>,
): Promise<string | undefined> {
  const contact = await deps.repos.verification.loadContact(contactId);
  if (!contact || contact.deletedAt) return undefined;
  const { token, hash } = newToken();
  const claimed = await deps.repos.verification.claimContact(
    {
      id: contactId,
      organizationId: String(contact.organizationId),
      nextVerificationDue: String(contact.nextVerificationDue),
    },
    { hash, ...sendTimes(deps.now(), settings) },
  );
  return claimed ? token : undefined;
}
