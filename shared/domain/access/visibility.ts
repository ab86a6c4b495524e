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
 *  - Liaison's internal notices (kinds `obligation.*`, `escalation.*`, `trigger.*`, `action.*`) are
 *    withheld unless delivered to X;
 *  - timeline entries about a withheld communication or an invisible activation are withheld too,
 *    and so are the operator's internal entries whatever the TLP (`internalTimelineEntry`);
 *  - of a visible timeline entry, the data naming recipients (`sentTo`, `organizations`, `skipped`,
 *    `replaced`, `recipients`) is removed;
 *  - regulatory obligations (the operator's own legal duties), escalation ladders and records, fired
 *    triggers, overdue lists and acknowledgements are never shown to partners;
 *  - of a visible communication's delivery, X sees its own organization's entry only; a recorded
 *    communication's free-text `sentTo` is shown only when it is addressed to / recorded by X;
 *  - of incident command, X sees each holder's name, organization and since when (not the subject,
 *    nor the contact), and of partner-side roles only those held by X.
 */

import type { CommandHolder, CommandTenure } from '../../schemas/command.js';
import type { Tlp } from '../../schemas/common.js';
import type { Activation, CoordinatedAction } from '../../schemas/coordination.js';
import type { Communication, IncidentDetail, TimelineEntry } from '../../schemas/incidents.js';
import { partnerWithholding } from '../tlp/rules.js';

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
  | { readonly visible: false; readonly reason: 'RED' | 'AMBER+STRICT' | 'ABOVE_CEILING' | 'INTERNAL' };

type CommFacts = Pick<Communication, 'direction' | 'thirdParty' | 'tlp' | 'delivery'> &
  Partial<Pick<Communication, 'notice'>>;

/** Kinds of Liaison notices about the operator's own process (obligation / escalation / trigger / action reminders). */
const INTERNAL_NOTICE_PREFIXES = ['obligation.', 'escalation.', 'trigger.', 'action.'] as const;

/** Whether a communication is one of Liaison's internal notices (shown to X only when delivered to X). */
export const internalNotice = (c: Partial<Pick<Communication, 'notice'>>): boolean => {
  const kind = c.notice?.kind;
  return kind !== undefined && INTERNAL_NOTICE_PREFIXES.some((p) => kind.startsWith(p));
};

/** Whether a communication was addressed to (delivered to a contact of) or recorded by X. */
export const addressedTo = (c: CommFacts, organization: string): boolean =>
  (c.delivery?.organizations ?? []).some(
    (o) => o.organizationId === organization && o.recipients.length > 0,
  ) ||
  (c.direction === 'inbound' && c.thirdParty === organization);

/** THE rule for content: may X read this communication of an incident marked `incidentTlp`? */
export function communicationVisibility(c: CommFacts, incidentTlp: Tlp, viewer: PartnerViewer): Withholding {
  if (addressedTo(c, viewer.organization)) return { visible: true };
  if (internalNotice(c)) return { visible: false, reason: 'INTERNAL' };
  const reason = partnerWithholding(c.tlp ?? incidentTlp, viewer.ceiling);
  return reason === null ? { visible: true } : { visible: false, reason };
}

/** What a partner may not see of an incident: communication ids and activation ids. */
export interface Withheld {
  /** The partner's organization (X). */
  readonly organization: string;
  readonly communications: ReadonlySet<string>;
  readonly activations: ReadonlySet<string>;
}

export function withheldFor(
  detail: { tlp: Tlp; communications: readonly Communication[]; activations: readonly Activation[] },
  viewer: PartnerViewer,
): Withheld {
  return {
    organization: viewer.organization,
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

/** Timeline entry types about the operator's internal process: withheld from partners whatever the TLP. */
const INTERNAL_TIMELINE_PREFIXES = ['obligation.', 'escalation.', 'trigger.'] as const;
const INTERNAL_TIMELINE_TYPES: ReadonlySet<string> = new Set([
  'incident.acknowledged',
  'notice.undeliverable',
]);

const isPartnerRole = (role: unknown): boolean => typeof role === 'string' && role.startsWith('partner_');

const organizationOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null
    ? (value as { organizationId?: unknown }).organizationId
    : undefined;

/**
 * Whether a timeline entry is internal to the operator for partner X, whatever the TLP:
 *  - `obligation.*`, `trigger.*`, `incident.acknowledged`, `notice.undeliverable`: always;
 *  - `escalation.*`: unless about an activation X takes part in (`data.activationId`; an activation
 *    X does not take part in is withheld by `timelineVisible` anyway);
 *  - `command.*`: unless about a partner-side role held by someone of X.
 */
export function internalTimelineEntry(
  entry: { readonly type?: string | undefined; readonly data?: Record<string, unknown> | undefined },
  organization: string,
): boolean {
  const type = entry.type ?? '';
  const data = entry.data ?? {};
  if (INTERNAL_TIMELINE_TYPES.has(type)) return true;
  if (INTERNAL_TIMELINE_PREFIXES.some((p) => type.startsWith(p))) {
    return !(type.startsWith('escalation.') && typeof data.activationId === 'string');
  }
  if (type.startsWith('command.')) {
    const held = organizationOf(data.holder) ?? data.organizationId;
    return !(isPartnerRole(data.role) && held === organization);
  }
  return false;
}

/**
 * A timeline entry is withheld when it is about a withheld communication or an invisible activation,
 * or when it is internal to the operator (`internalTimelineEntry`).
 */
export function timelineVisible(
  entry: { readonly type?: string | undefined; readonly data?: Record<string, unknown> | undefined },
  withheld: Withheld,
): boolean {
  const data = entry.data ?? {};
  const comm = data.communicationId;
  const activation = data.activationId;
  if (typeof comm === 'string' && withheld.communications.has(comm)) return false;
  if (typeof activation === 'string' && withheld.activations.has(activation)) return false;
  return !internalTimelineEntry(entry, withheld.organization);
}

/** Timeline data fields naming recipients (possibly other organizations' contacts). */
const RECIPIENT_FIELDS = ['sentTo', 'organizations', 'skipped', 'replaced', 'recipients'] as const;

/** A visible timeline entry as X sees it: without the data naming recipients. */
export function partnerTimelineEntry<E extends { readonly data?: Record<string, unknown> | undefined }>(
  entry: E,
): E {
  if (!entry.data || !RECIPIENT_FIELDS.some((f) => f in (entry.data ?? {}))) return entry;
  const data = { ...entry.data };
  for (const f of RECIPIENT_FIELDS) delete data[f];
  return { ...entry, data };
}

/** The timeline entries X may see, as X sees them. */
export const partnerTimeline = <E extends Pick<TimelineEntry, 'type' | 'data'>>(
  entries: readonly E[],
  withheld: Withheld,
): E[] => entries.filter((e) => timelineVisible(e, withheld)).map(partnerTimelineEntry);

/**
 * A visible communication as X sees it: of its delivery, only X's own organization entry (which
 * contacts of OTHER organizations received it is not X's business); `sentTo` of a delivered
 * communication lists X's recipients only; the free-text `sentTo` of a recorded communication (no
 * delivery) is shown only when it is addressed to or recorded by X; the request's `recipients` are
 * dropped.
 */
export function partnerCommunicationView(c: Communication, organization: string): Communication {
  const { recipients: _r, delivery, ...rest } = c;
  if (!delivery) {
    if (!addressedTo(c, organization)) return { ...rest, sentTo: [] };
    return c.recipients ? rest : c;
  }
  const mine = delivery.organizations.filter((o) => o.organizationId === organization);
  return {
    ...rest,
    sentTo: mine.flatMap((o) => o.recipients),
    delivery: { ...delivery, organizations: mine },
  };
}

/** Whether X may see who holds a command role: internal roles yes, partner-side roles of X only. */
const commandRoleVisible = (
  role: string,
  holder: { organizationId?: string | undefined },
  organization: string,
) => !isPartnerRole(role) || holder.organizationId === organization;

/**
 * A command holder as X sees it: name, organization and since when. The subject (decision
 * authority) and the contact are not X's business; `subject` / `assignedBy` are required by the
 * response schema, so they are kept empty.
 */
export const partnerCommandHolder = (h: CommandHolder): CommandHolder => ({
  subject: '',
  name: h.name,
  ...(h.organizationId !== undefined ? { organizationId: h.organizationId } : {}),
  since: h.since,
  assignedBy: '',
});

/** A command tenure as X sees it: role, name, organization, from / until. */
export const partnerCommandTenure = (t: CommandTenure): CommandTenure => ({
  role: t.role,
  subject: '',
  name: t.name,
  ...(t.organizationId !== undefined ? { organizationId: t.organizationId } : {}),
  from: t.from,
  ...(t.until !== undefined ? { until: t.until } : {}),
  assignedBy: '',
});

/** The current command as X sees it (partner-side roles of other organizations removed). */
export function partnerCommand(
  command: NonNullable<IncidentDetail['command']>,
  organization: string,
): NonNullable<IncidentDetail['command']> {
  return Object.fromEntries(
    Object.entries(command)
      .filter(([role, h]) => h !== undefined && commandRoleVisible(role, h, organization))
      .map(([role, h]) => [role, partnerCommandHolder(h as CommandHolder)]),
  );
}

/** The incident as partner X may see it (same shape; withheld content removed). */
export function partnerIncidentView<T extends IncidentDetail>(detail: T, viewer: PartnerViewer): T {
  const withheld = withheldFor(detail, viewer);
  const {
    firedTriggers: _f,
    overdueActions: _o,
    acknowledgedAt: _aa,
    acknowledgedBy: _ab,
    command,
    ...rest
  } = detail;
  return {
    ...rest,
    ...(command ? { command: partnerCommand(command, viewer.organization) } : {}),
    commandHistory: (detail.commandHistory ?? [])
      .filter((t) => commandRoleVisible(t.role, t, viewer.organization))
      .map(partnerCommandTenure),
    communications: detail.communications
      .filter((c) => !withheld.communications.has(c.communicationId))
      .map((c) => partnerCommunicationView(c, viewer.organization)),
    activations: detail.activations.filter((a) => !withheld.activations.has(a.activationId)),
    timeline: partnerTimeline(detail.timeline, withheld),
    obligations: [],
    suggestedRegimes: [],
    // The operator's own escalations (to its management, docs/escalation.md) are internal.
    escalations: [],
    // The operator's internal escalation ladders (docs/escalation.md) are not shown to partners.
    ...(detail.escalationChains ? { escalationChains: [] } : {}),
  } as unknown as T; // the dropped fields are optional in T
}
