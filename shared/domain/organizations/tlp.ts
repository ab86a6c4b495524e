/** Traffic Light Protocol 2.0 and sharing agreements (pure). */
import { TLP_LEVELS, type Tlp } from '../../schemas/common.js';
import type { AgreementStatus } from '../../schemas/organizations.js';

/** What an organization may receive without any valid sharing agreement. */
export const TLP_WITHOUT_AGREEMENT: Tlp = 'GREEN';

/** CLEAR 0 < GREEN 1 < AMBER 2 < AMBER+STRICT 3 < RED 4. */
export const tlpRank = (level: Tlp): number => TLP_LEVELS.indexOf(level);

/** True when information marked `level` may be shared under `ceiling`. */
export const tlpAllows = (ceiling: Tlp, level: Tlp): boolean => tlpRank(level) <= tlpRank(ceiling);

export interface AgreementTerms {
  readonly signedAt: string;
  readonly expiresAt?: string | null;
  readonly revokedAt?: string | null;
  readonly tlpCeiling: Tlp;
}

/** `valid` when signed ≤ now < expires (no expiry = open-ended) and not revoked. */
export function agreementStatus(a: AgreementTerms, now: Date): AgreementStatus {
  const t = now.getTime();
  if (a.revokedAt) return 'revoked';
  if (Date.parse(a.signedAt) > t) return 'not_yet_valid';
  if (a.expiresAt && Date.parse(a.expiresAt) <= t) return 'expired';
  return 'valid';
}

/**
 * The highest TLP level an organization may receive at `now`: the highest `tlpCeiling` of its valid
 * agreements, never below GREEN (what anyone may receive without an agreement).
 */
export function effectiveTlpCeiling(agreements: readonly AgreementTerms[], now: Date): Tlp {
  let best = TLP_WITHOUT_AGREEMENT;
  for (const a of agreements) {
    if (agreementStatus(a, now) === 'valid' && tlpRank(a.tlpCeiling) > tlpRank(best)) best = a.tlpCeiling;
  }
  return best;
}
