/**
 * THE TLP module (Traffic Light Protocol 2.0, pure): every TLP decision Liaison makes lives here —
 * the default marking, what an organization may receive (sharing agreements, internal units), the
 * per-recipient decision of an outbound communication or notice, what a partner may read, and who
 * may lower a marking. Services call these functions; they never compare levels themselves.
 * The levels and their order are a constant in `shared/model/tlp.ts` (the schemas need them too).
 */
import { ValidationError } from '../../errors.js';
import { DEFAULT_INCIDENT_TLP, type Tlp, tlpRank } from '../../model/tlp.js';
import type { Command } from '../../schemas/command.js';
import type { AgreementStatus } from '../../schemas/organizations.js';
import { type Actor, assertAuthority, assertCoordinates } from '../command/rules.js';

export { DEFAULT_INCIDENT_TLP, TLP_LEVELS, type Tlp, tlpRank } from '../../model/tlp.js';

// ---------------------------------------------------------------- order and defaults

/** True when information marked `level` may be shared under `ceiling`. */
export const tlpAllows = (ceiling: Tlp, level: Tlp): boolean => tlpRank(level) <= tlpRank(ceiling);

/** An incident's marking: its `tlp`, or the default when it has none. */
export const incidentTlp = (incident: { readonly tlp?: Tlp | undefined }): Tlp =>
  incident.tlp ?? DEFAULT_INCIDENT_TLP;

/** A communication may lower its incident's TLP, never raise it. */
export const isLowering = (incidentLevel: Tlp, tlp: Tlp): boolean => tlpRank(tlp) < tlpRank(incidentLevel);
export const isRaising = (incidentLevel: Tlp, tlp: Tlp): boolean => tlpRank(tlp) > tlpRank(incidentLevel);

// ---------------------------------------------------------------- ceilings (sharing agreements)

/** What an organization may receive without any valid sharing agreement. */
export const TLP_WITHOUT_AGREEMENT: Tlp = 'GREEN';
/** What an organization that does not exist (any more) may receive. */
export const TLP_UNKNOWN_ORGANIZATION: Tlp = 'CLEAR';

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

/** What the per-recipient decision needs to know about a recipient's organization. */
export interface OrganizationTlp {
  /** Effective agreement ceiling now. */
  readonly ceiling: Tlp;
  /** Kind `internal`: a unit of the deploying organization (needs no agreement). */
  readonly internal: boolean;
}

/** An organization that is not in the directory: CLEAR only, never internal. */
export const UNKNOWN_ORGANIZATION: OrganizationTlp = { ceiling: TLP_UNKNOWN_ORGANIZATION, internal: false };

/** An organization's TLP standing at `now` from its kind and its agreements. */
export const organizationTlp = (
  organization: { readonly internal: boolean; readonly agreements: readonly AgreementTerms[] },
  now: Date,
): OrganizationTlp => ({
  ceiling: effectiveTlpCeiling(organization.agreements, now),
  internal: organization.internal,
});

// ---------------------------------------------------------------- per-recipient decision

/** How a recipient was named in the request: individually, as an organization, or as a group. */
export type RecipientKind = 'contact' | 'organization' | 'group';

export interface RecipientFacts {
  /** The communication's TLP level. */
  readonly tlp: Tlp;
  /** How the request named the recipient. */
  readonly via: RecipientKind;
  /** The contact's organization. */
  readonly organizationId: string;
  /** Organizations the request names explicitly (`recipients.organizations`). */
  readonly namedOrganizations: ReadonlySet<string>;
  /** The organization's effective ceiling now (best valid agreement, GREEN without one). */
  readonly organizationCeiling: Tlp;
  /**
   * The recipient's organization is a unit of the deploying organization (kind `internal`): TLP
   * sharing stays inside the recipient's own organization, so no agreement is needed (nor possible).
   */
  readonly internal?: boolean | undefined;
  /** The template's `maxTlp`, when a template is used. */
  readonly templateMaxTlp?: Tlp | undefined;
}

export type RefusalCode =
  | 'TEMPLATE_TLP_CAP'
  | 'RED_NAMED_CONTACTS_ONLY'
  | 'AMBER_STRICT_NAMED_ORGANIZATIONS_ONLY'
  | 'ABOVE_AGREEMENT_CEILING';

export type TlpDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: RefusalCode; readonly reason: string };

const ALLOWED: TlpDecision = { allowed: true };

/**
 * Whether information marked `facts.tlp` may go to this recipient:
 *  - a template's `maxTlp` caps its use;
 *  - RED goes only to individually named contacts, never through an organization or a group;
 *  - AMBER+STRICT only to contacts of organizations the request names;
 *  - nothing above the organization's agreement ceiling (GREEN without a valid agreement).
 * An internal recipient (kind `internal`: the deploying organization itself) needs neither an
 * agreement nor a named organization: AMBER and AMBER+STRICT allow sharing inside the recipient's
 * own organization. RED still goes to named contacts only, and a template's cap still applies.
 */
export function decideRecipient(facts: RecipientFacts): TlpDecision {
  const { tlp } = facts;
  if (facts.templateMaxTlp && !tlpAllows(facts.templateMaxTlp, tlp)) {
    return {
      allowed: false,
      code: 'TEMPLATE_TLP_CAP',
      reason: `the template may carry at most TLP:${facts.templateMaxTlp}, the communication is TLP:${tlp}`,
    };
  }
  if (tlp === 'RED' && facts.via !== 'contact') {
    return {
      allowed: false,
      code: 'RED_NAMED_CONTACTS_ONLY',
      reason: `TLP:RED goes only to individually named contacts, not through ${facts.via === 'group' ? 'a stakeholder group' : 'an organization'}`,
    };
  }
  if (facts.internal) return ALLOWED;
  if (tlp === 'AMBER+STRICT' && !facts.namedOrganizations.has(facts.organizationId)) {
    return {
      allowed: false,
      code: 'AMBER_STRICT_NAMED_ORGANIZATIONS_ONLY',
      reason: `TLP:AMBER+STRICT goes only to contacts of the organizations named in recipients.organizations; ${facts.organizationId} is not named`,
    };
  }
  if (!tlpAllows(facts.organizationCeiling, tlp)) {
    return {
      allowed: false,
      code: 'ABOVE_AGREEMENT_CEILING',
      reason: `organization ${facts.organizationId} may receive at most TLP:${facts.organizationCeiling} (its sharing agreements; GREEN without one)`,
    };
  }
  return ALLOWED;
}

/** Why a partner may not read content marked `tlp` that was not addressed to it (null: it may). */
export type PartnerTlpWithholding = 'RED' | 'AMBER+STRICT' | 'ABOVE_CEILING';

/**
 * What a partner organization may read of content not addressed to it: never RED nor AMBER+STRICT
 * (those go to named recipients only), otherwise up to its agreement ceiling.
 */
export function partnerWithholding(tlp: Tlp, ceiling: Tlp): PartnerTlpWithholding | null {
  if (tlp === 'RED') return 'RED';
  if (tlp === 'AMBER+STRICT') return 'AMBER+STRICT';
  if (!tlpAllows(ceiling, tlp)) return 'ABOVE_CEILING';
  return null;
}

// ---------------------------------------------------------------- marking a communication, lowering authority

/**
 * A communication above its incident's TLP: 400 on `body.tlp` (detail code `ABOVE_INCIDENT_TLP`).
 * Checked before any recipient, so that is the reason given, not a recipient's ceiling.
 */
export function assertNotRaising(incidentLevel: Tlp, tlp: Tlp): void {
  if (!isRaising(incidentLevel, tlp)) return;
  throw new ValidationError(
    `The communication's TLP:${tlp} is above the incident's TLP:${incidentLevel}: a communication may lower its incident's TLP, never raise it`,
    [
      {
        field: 'body.tlp',
        message: `at most ${incidentLevel}, the incident's level`,
        code: 'ABOVE_INCIDENT_TLP',
        incidentTlp: incidentLevel,
      },
    ],
  );
}

/** A communication's marking, decided once against its incident. */
export interface CommunicationMarking {
  /** The communication's level (the incident's when the request gives none). */
  readonly tlp: Tlp;
  /** The incident's level it was decided against. */
  readonly incidentTlp: Tlp;
  /** Set when the communication is marked below its incident (recorded on the timeline). */
  readonly loweredFrom?: Tlp;
}

interface MarkedIncident {
  readonly tlp?: Tlp | undefined;
  readonly command?: Command | undefined;
}

/**
 * The marking of a communication on `incident` requested as `requested` (absent: the incident's).
 * Above the incident's level: 400 `ABOVE_INCIDENT_TLP`. Below it: a decision of the incident command
 * (`lower_tlp` decision authority, else 403).
 */
export function communicationMarking(
  actor: Actor,
  incident: MarkedIncident,
  requested: Tlp | undefined,
): CommunicationMarking {
  const level = incidentTlp(incident);
  const tlp = requested ?? level;
  assertNotRaising(level, tlp);
  if (!isLowering(level, tlp)) return { tlp, incidentTlp: level };
  assertAuthority(actor, incident, 'lower_tlp');
  return { tlp, incidentTlp: level, loweredFrom: level };
}

/** A change of the incident's own TLP, once allowed. */
export interface IncidentTlpChange {
  readonly from: Tlp;
  readonly to: Tlp;
  readonly direction: 'lowered' | 'raised';
}

/**
 * Who may change an incident's TLP: lowering needs decision authority (the incident commander, or
 * an admin; coordinators until a commander is named), raising is a call of whoever coordinates the
 * incident (403 otherwise). Null when `to` is the level the incident already has (nothing changes).
 */
export function incidentTlpChange(actor: Actor, incident: MarkedIncident, to: Tlp): IncidentTlpChange | null {
  const from = incidentTlp(incident);
  if (from === to) return null;
  if (isLowering(from, to)) {
    assertAuthority(actor, incident, 'lower_tlp');
    return { from, to, direction: 'lowered' };
  }
  assertCoordinates(actor, incident);
  return { from, to, direction: 'raised' };
}

// ---------------------------------------------------------------- joint post-incident review

/**
 * A review contribution's marking (docs/agreements.md): `requested`, else the review's default;
 * never above the incident's level (400 `ABOVE_INCIDENT_TLP` on `body.tlp`). Marking below the
 * incident's level needs no authority: a contributor classifies its own information.
 */
export function contributionMarking(incidentLevel: Tlp, reviewDefault: Tlp, requested: Tlp | undefined): Tlp {
  const tlp = requested ?? (isRaising(incidentLevel, reviewDefault) ? incidentLevel : reviewDefault);
  if (isRaising(incidentLevel, tlp)) {
    throw new ValidationError(`The contribution's TLP:${tlp} is above the incident's TLP:${incidentLevel}`, [
      {
        field: 'body.tlp',
        message: `at most ${incidentLevel}, the incident's level`,
        code: 'ABOVE_INCIDENT_TLP',
        incidentTlp: incidentLevel,
      },
    ]);
  }
  return tlp;
}

// ---------------------------------------------------------------- machine-readable sharing (STIX / TAXII)

/**
 * An indicator's (or other shared item's) own marking: the incident's level when none is given,
 * never above it (400 on `body.tlp`, `ABOVE_INCIDENT_TLP`); lowering needs no decision here, since
 * the item is new and carries only what its author marks.
 */
export function itemMarking(incident: { readonly tlp?: Tlp | undefined }, requested: Tlp | undefined): Tlp {
  const level = incidentTlp(incident);
  const tlp = requested ?? level;
  if (isRaising(level, tlp)) {
    throw new ValidationError(`TLP:${tlp} is above the incident's TLP:${level}`, [
      {
        field: 'body.tlp',
        message: `at most ${level}, the incident's level`,
        code: 'ABOVE_INCIDENT_TLP',
        incidentTlp: level,
      },
    ]);
  }
  return tlp;
}

/**
 * May a partner organization read a review contribution? Its own always; another's only when the
 * partner may read content not addressed to it at that level (`partnerWithholding`: never RED nor
 * AMBER+STRICT, otherwise up to its agreement ceiling).
 */
export const contributionVisible = (
  contribution: { readonly organizationId: string; readonly tlp: Tlp },
  viewer: { readonly organization: string; readonly ceiling: Tlp },
): boolean =>
  contribution.organizationId === viewer.organization ||
  partnerWithholding(contribution.tlp, viewer.ceiling) === null;

/** A consolidated result shared at `resultTlp` may carry a contribution marked `contributionTlp`. */
export const resultMayCarry = (resultTlp: Tlp, contributionTlp: Tlp): boolean =>
  tlpAllows(resultTlp, contributionTlp);

/**
 * The ceiling of machine-readable sharing to `audience` under `agreementCeiling`: TLP:RED is for
 * named people only, so never in a bundle or a collection; TLP:AMBER+STRICT only to a single named
 * organization (a one-member collection or an export for one organization); a community of several
 * organizations gets at most AMBER. A partner reading also stays within its own organization's ceiling.
 */
export function sharingCeiling(
  agreementCeiling: Tlp,
  audience: { readonly organizations: number; readonly readerCeiling?: Tlp | undefined },
): Tlp {
  const cap: Tlp = audience.organizations === 1 ? 'AMBER+STRICT' : 'AMBER';
  const levels = [agreementCeiling, cap, ...(audience.readerCeiling ? [audience.readerCeiling] : [])];
  return levels.reduce((low, l) => (tlpRank(l) < tlpRank(low) ? l : low));
}

/** May an object marked `level` be shared under `ceiling` (from `sharingCeiling`)? */
export const sharedUnder = (ceiling: Tlp, level: Tlp): boolean => tlpAllows(ceiling, level);

/** A collection's ceiling must be one it can serve: not RED; AMBER+STRICT only with one member (400). */
export function assertCollectionCeiling(ceiling: Tlp, members: number): void {
  if (ceiling === 'RED' || (ceiling === 'AMBER+STRICT' && members !== 1)) {
    throw new ValidationError(`A collection of ${members} organization(s) cannot be TLP:${ceiling}`, [
      {
        field: 'body.tlpCeiling',
        message:
          ceiling === 'RED'
            ? 'TLP:RED is for named people only, never a collection'
            : 'TLP:AMBER+STRICT needs exactly one member organization',
        code: 'COLLECTION_TLP_TOO_HIGH',
      },
    ]);
  }
}
