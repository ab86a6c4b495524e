/**
 * Need-to-know for outbound communications (TLP 2.0), decided recipient by recipient (pure).
 * A communication is sent only when every recipient is allowed; the caller lists each refusal.
 */

import { ValidationError } from '../../errors.js';
import type { Tlp } from '../../schemas/common.js';
import { tlpAllows, tlpRank } from '../organizations/tlp.js';

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

/** A communication may lower its incident's TLP, never raise it. */
export const isLowering = (incidentTlp: Tlp, tlp: Tlp): boolean => tlpRank(tlp) < tlpRank(incidentTlp);
export const isRaising = (incidentTlp: Tlp, tlp: Tlp): boolean => tlpRank(tlp) > tlpRank(incidentTlp);

/**
 * A communication above its incident's TLP: 400 on `body.tlp` (detail code `ABOVE_INCIDENT_TLP`).
 * Checked before any recipient, so that is the reason given, not a recipient's ceiling.
 */
export function assertNotRaising(incidentTlp: Tlp, tlp: Tlp): void {
  if (!isRaising(incidentTlp, tlp)) return;
  throw new ValidationError(
    `The communication's TLP:${tlp} is above the incident's TLP:${incidentTlp}: a communication may lower its incident's TLP, never raise it`,
    [
      {
        field: 'body.tlp',
        message: `at most ${incidentTlp}, the incident's level`,
        code: 'ABOVE_INCIDENT_TLP',
        incidentTlp,
      },
    ],
  );
}
