/**
 * Contact-directory verification rules (pure; docs/verification.md): tokens, what the sweep does with
 * a contact, when it turns stale, and the directory-health flags.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type AgreementTerms, agreementStatus } from '../tlp/rules.js';

const DAY_MS = 86_400_000;

/**
 * A verification token: `v` + 32 random bytes (256 bits) in base64url = 44 characters. The `v`
 * makes every token a valid path parameter (they must start with a letter or digit).
 */
export const TOKEN_PATTERN = /^v[A-Za-z0-9_-]{43}$/;

/** SHA-256 (hex) of a token: the only form in which a token is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A fresh token and its hash. `random` is for tests. */
export function newToken(random: (n: number) => Buffer = randomBytes): { token: string; hash: string } {
  const token = `v${random(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** The verification state of a contact as stored (the public fields plus the sweep's bookkeeping). */
export interface VerifiableContact {
  readonly id: string;
  readonly organizationId: string;
  readonly deletedAt: string | null;
  readonly verificationStatus: 'pending' | 'verified' | 'stale';
  readonly verificationIntervalDays: number;
  readonly nextVerificationDue: string;
  /** Set while a verification is outstanding: when the contact turns stale unless confirmed. */
  readonly verificationStaleAt?: string | null;
  readonly channels?: readonly { readonly priority: string }[];
  /** Set when an exercise finding flagged it for re-verification (cleared when verified or updated). */
  readonly reverification?: Reverification | undefined;
}

export interface Reverification {
  readonly reason: string;
  readonly exerciseId: string;
  readonly findingId: string;
  readonly flaggedAt: string;
  readonly flaggedBy: string;
}

export type SweepAction = 'send' | 'stale' | 'none';

/**
 * What the sweep does with a contact at `now`:
 *  - a verification is outstanding and its grace period is over → `stale`;
 *  - none is outstanding and the contact is due (`nextVerificationDue <= now`) → `send`;
 *  - otherwise (deleted, not yet due, outstanding and still in grace) → `none`.
 */
export function sweepAction(c: VerifiableContact, now: Date): SweepAction {
  if (c.deletedAt) return 'none';
  const t = now.getTime();
  if (c.verificationStaleAt) return Date.parse(c.verificationStaleAt) <= t ? 'stale' : 'none';
  return Date.parse(c.nextVerificationDue) <= t ? 'send' : 'none';
}

/** Timestamps of a verification sent at `now`: token expiry and stale deadline. */
export function sendTimes(now: Date, settings: { tokenDays: number; graceDays: number }) {
  const at = now.toISOString();
  return {
    sentAt: at,
    tokenExpiresAt: addDays(at, settings.tokenDays),
    staleAt: addDays(at, settings.graceDays),
  };
}

/** Token expired at `now`? (Expiry is exclusive: usable strictly before `expiresAt`.) */
export const tokenExpired = (expiresAt: string, now: Date): boolean => Date.parse(expiresAt) <= now.getTime();

/**
 * A "verified primary contact" of an organization: a live contact with at least one `primary`
 * channel whose `verificationStatus` is `verified` (the channel it would be reached on first has
 * been confirmed by the person behind it).
 */
export const isVerifiedPrimary = (c: VerifiableContact): boolean =>
  !c.deletedAt &&
  c.verificationStatus === 'verified' &&
  (c.channels ?? []).some((ch) => ch.priority === 'primary');

/** Window (days) within which an agreement's expiry is flagged. */
export const AGREEMENT_EXPIRY_WINDOW_DAYS = 30;

/** A valid agreement that expires within `days` of `now` (expired or open-ended ones are not flagged). */
export function expiresSoon(a: AgreementTerms, now: Date, days = AGREEMENT_EXPIRY_WINDOW_DAYS): boolean {
  if (!a.expiresAt || agreementStatus(a, now) !== 'valid') return false;
  return Date.parse(a.expiresAt) <= now.getTime() + days * DAY_MS;
}

export interface StatusCounts {
  verified: number;
  pending: number;
  stale: number;
}
const zero = (): StatusCounts => ({ verified: 0, pending: 0, stale: 0 });

/** Verified / pending / stale counts per organization and per dimension (live contacts only). */
export function countStatuses(contacts: readonly (VerifiableContact & { dimension: string })[]): {
  total: StatusCounts;
  byOrganization: Record<string, StatusCounts>;
  byDimension: Record<string, StatusCounts>;
} {
  const total = zero();
  const byOrganization: Record<string, StatusCounts> = {};
  const byDimension: Record<string, StatusCounts> = {
    vertical: zero(),
    horizontal: zero(),
    external: zero(),
  };
  for (const c of contacts) {
    if (c.deletedAt) continue;
    total[c.verificationStatus]++;
    byOrganization[c.organizationId] ??= zero();
    (byOrganization[c.organizationId] as StatusCounts)[c.verificationStatus]++;
    byDimension[c.dimension] ??= zero();
    (byDimension[c.dimension] as StatusCounts)[c.verificationStatus]++;
  }
  return { total, byOrganization, byDimension };
}

/** Organizations (ids, in the given order) none of whose live contacts is a verified primary contact. */
export function organizationsWithoutVerifiedPrimary(
  organizationIds: readonly string[],
  contacts: readonly VerifiableContact[],
): string[] {
  const covered = new Set(contacts.filter(isVerifiedPrimary).map((c) => c.organizationId));
  return organizationIds.filter((id) => !covered.has(id));
}

/** Live contacts flagged for re-verification (directory health: attention needed), oldest flag first. */
export function contactsToReverify(contacts: readonly VerifiableContact[]) {
  return contacts
    .flatMap((c) =>
      !c.deletedAt && c.reverification
        ? [
            {
              contactId: c.id,
              organizationId: c.organizationId,
              reason: c.reverification.reason,
              exerciseId: c.reverification.exerciseId,
              findingId: c.reverification.findingId,
              flaggedAt: c.reverification.flaggedAt,
            },
          ]
        : [],
    )
    .sort((a, b) => a.flaggedAt.localeCompare(b.flaggedAt) || a.contactId.localeCompare(b.contactId));
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
