/**
 * Partner access (pure). A caller with role `partner` speaks for ONE organization X (its token's
 * organization claim). X sees an incident when it participates in it:
 *  - X is one of the incident's `affectedThirdParties`, or
 *  - X is a participating organization of one of its activations, or responsible / supporting on
 *    one of its coordinated actions (kept on the incident item as `participants`, see
 *    `participantsAfter`).
 * X sees an activation only when it participates in THAT activation (participating organization,
 * or responsible / supporting on one of its coordinated actions), and may change a coordinated
 * action only when it is responsible or supporting on it. Anything else is answered 404 (the same
 * body as a missing id: no existence leak).
 *
 * Inside a visible incident, content is filtered by TLP 2.0 need-to-know, server-side (removed from
 * the response, never flagged for a UI to hide):
 *  - a communication addressed to X (delivered to one of X's contacts) or recorded by X (an inbound
 *    communication of X) is always visible;
 *  - otherwise, at TLP:RED it is withheld (RED goes to named people only), at TLP:AMBER+STRICT it
 *    is withheld (the sender's organization only), and above X's agreement ceiling (GREEN without a
 *    valid sharing agreement) it is withheld;
 *  - a communication without its own marking carries the incident's TLP;
 *  - timeline entries about a withheld communication or an invisible activation are withheld too;
 *  - regulatory obligations (the operator's own legal duties) are never shown to partners;
 *  - of a visible communication's delivery, X sees its own organization's entry only.
 */

import type { Tlp } from '../../schemas/common.js';
import type { Activation, CoordinatedAction } from '../../schemas/coordination.js';
import type { Communication, IncidentDetail, TimelineEntry } from '../../schemas/incidents.js';
import { tlpAllows } from '../organizations/tlp.js';

export interface PartnerViewer {
  /** The partner's organization (token claim). */
  readonly organization: string;
  /** X's effective TLP ceiling now (best valid sharing agreement; GREEN without one). */
  readonly ceiling: Tlp;
}

interface Participation {
  readonly affectedThirdParties: readonly string[];
  /** Organizations taking part through activations and coordinated actions. */
  readonly participants?: readonly string[] | undefined;
}

/** Every organization participating in an incident. */
export const incidentParticipants = (incident: Participation): string[] => [
  ...new Set([...incident.affectedThirdParties, ...(incident.participants ?? [])]),
];

/** THE rule for incidents: X sees an incident it participates in, nothing else. */
export const canSeeIncident = (incident: Participation, organization: string | undefined): boolean =>
  organization !== undefined && incidentParticipants(incident).includes(organization);

type ActionOrgs = Pick<CoordinatedAction, 'responsibleOrganization' | 'supportingOrganizations'>;

/** X may act on (acknowledge, update, decline) a coordinated action it is responsible or supporting on. */
export const canActOn = (action: ActionOrgs, organization: string | undefined): boolean =>
  organization !== undefined &&
  (action.responsibleOrganization === organization || action.supportingOrganizations.includes(organization));

/** Organizations of an activation: its participants plus every coordinated action's owners. */
export const activationOrganizations = (activation: {
  participatingOrganizations: readonly string[];
  actions: readonly ActionOrgs[];
}): string[] => [
  ...new Set([
    ...activation.participatingOrganizations,
    ...activation.actions.flatMap((a) => [a.responsibleOrganization, ...a.supportingOrganizations]),
  ]),
];

/** X sees an activation it participates in. */
export const canSeeActivation = (
  activation: { participatingOrganizations: readonly string[]; actions: readonly ActionOrgs[] },
  organization: string | undefined,
): boolean => organization !== undefined && activationOrganizations(activation).includes(organization);

/** The incident's `participants` after organizations join through an activation or coordinated action. */
export const participantsAfter = (current: readonly string[] | undefined, joining: readonly string[]) => [
  ...new Set([...(current ?? []), ...joining]),
];

export type Withholding =
  | { readonly visible: true }
  | { readonly visible: false; readonly reason: 'RED' | 'AMBER+STRICT' | 'ABOVE_CEILING' };

type CommFacts = Pick<Communication, 'direction' | 'thirdParty' | 'tlp' | 'delivery'>;

/** Whether a communication was addressed to (delivered to a contact of) or recorded by X. */
export const addressedTo = (c: CommFacts, organization: string): boolean =>
  (c.delivery?.organizations ?? []).some(
    (o) => o.organizationId === organization && o.recipients.length > 0,
  ) ||
  (c.direction === 'inbound' && c.thirdParty === organization);

/** THE rule for content: may X read this communication of an incident marked `incidentTlp`? */
export function communicationVisibility(c: CommFacts, incidentTlp: Tlp, viewer: PartnerViewer): Withholding {
  if (addressedTo(c, viewer.organization)) return { visible: true };
  const tlp = c.tlp ?? incidentTlp;
  if (tlp === 'RED') return { visible: false, reason: 'RED' };
  if (tlp === 'AMBER+STRICT') return { visible: false, reason: 'AMBER+STRICT' };
  if (!tlpAllows(viewer.ceiling, tlp)) return { visible: false, reason: 'ABOVE_CEILING' };
  return { visible: true };
}

/** What a partner may not see of an incident: communication ids and activation ids. */
export interface Withheld {
  readonly communications: ReadonlySet<string>;
  readonly activations: ReadonlySet<string>;
}

export function withheldFor(
  detail: { tlp: Tlp; communications: readonly Communication[]; activations: readonly Activation[] },
  viewer: PartnerViewer,
): Withheld {
  return {
    communications: new Set(
      detail.communications
        .filter((c) => !communicationVisibility(c, detail.tlp, viewer).visible)
        .map((c) => c.communicationId),
    ),
    activations: new Set(
      detail.activations.filter((a) => !canSeeActivation(a, viewer.organization)).map((a) => a.activationId),
    ),
  };
}

/** A timeline entry is withheld when it is about a withheld communication or an invisible activation. */
export function timelineVisible(entry: Pick<TimelineEntry, 'data'>, withheld: Withheld): boolean {
  const data = entry.data ?? {};
  const comm = data.communicationId;
  const activation = data.activationId;
  if (typeof comm === 'string' && withheld.communications.has(comm)) return false;
  if (typeof activation === 'string' && withheld.activations.has(activation)) return false;
  return true;
}

/**
 * A visible communication as X sees it: of its delivery, only X's own organization entry (which
 * contacts of OTHER organizations received it is not X's business); `sentTo` of a delivered
 * communication lists X's recipients only; the request's `recipients` are dropped.
 */
export function partnerCommunicationView(c: Communication, organization: string): Communication {
  if (!c.delivery && !c.recipients) return c;
  const { recipients: _r, delivery, ...rest } = c;
  if (!delivery) return rest;
  const mine = delivery.organizations.filter((o) => o.organizationId === organization);
  return {
    ...rest,
    sentTo: mine.flatMap((o) => o.recipients),
    delivery: { ...delivery, organizations: mine },
  };
}

/** The incident as partner X may see it (same shape; withheld content removed). */
export function partnerIncidentView<T extends IncidentDetail>(detail: T, viewer: PartnerViewer): T {
  const withheld = withheldFor(detail, viewer);
  return {
    ...detail,
    communications: detail.communications
      .filter((c) => !withheld.communications.has(c.communicationId))
      .map((c) => partnerCommunicationView(c, viewer.organization)),
    activations: detail.activations.filter((a) => !withheld.activations.has(a.activationId)),
    timeline: detail.timeline.filter((e) => timelineVisible(e, withheld)),
    obligations: [],
    suggestedRegimes: [],
    // The operator's internal escalation ladders (docs/escalation.md) are not shown to partners.
    ...(detail.escalationChains ? { escalationChains: [] } : {}),
  };
}
