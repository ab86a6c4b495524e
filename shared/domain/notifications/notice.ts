/**
 * Notices: the messages Liaison sends by itself — escalation levels, due-date reminders, overdue
 * notices, regulatory reminders, activation announcements — as opposed to communications a person
 * writes (`createCommunication`).
 *
 * A notice is best-effort by design: a reminder that cannot reach one recipient must still reach the
 * others, so recipients are resolved leniently and every one that is left out is RECORDED (on the
 * communication's timeline entry), never a 4xx:
 *  - contacts by id; organizations → the organization's `escalationContactIds` (ordered), or all its
 *    live contacts when it names none; stakeholder groups → every live contact of the group;
 *  - a `stale` contact is replaced by its first verified, live alternate (recorded), or skipped;
 *  - unknown or deleted contacts, and recipients the incident's TLP refuses (TLP 2.0 rules of
 *    `shared/domain/tlp/`, the organization's agreement ceiling), are skipped.
 * The communication (outbound, type `notification`, `notice.kind`), one outbox item per
 * organization and the timeline entry are written in ONE incident transaction — together with the
 * claim that causes the notice (an escalation level, a reminder's sent-marker: `sendNotice`'s
 * `claim`), or inside the change that causes it (a playbook activation: `noticeParts`); then one
 * Publish per organization. Failures, and a process that stops before publishing, are left to the
 * notification sweeper, which publishes the same outbox item (same message id): at least once,
 * exactly once in effect for a receiver that drops repeated message ids.
 *
 * `publishDirect` is the other path, for messages that belong to no incident and no claim (directory
 * alerts): one Publish to the organization's topic, no outbox. (A contact's verification link has a
 * claim: it goes through the outbox, `directOutbox` in delivery.ts.)
 */
import type { NotifyDeps } from '../../aws/ports.js';
import type { StoredIncident } from '../../db/entities/incident.js';
import { type TransactItem, TransactionConflict, withOptimisticRetry } from '../../db/transact.js';
import { NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import { exerciseSubject } from '../../model/exercise.js';
import type { Tlp } from '../../schemas/common.js';
import { type Contact, EXTERNAL_GROUPS, type StakeholderGroup } from '../../schemas/contacts.js';
import type { Communication } from '../../schemas/incidents.js';
import { loadContacts } from '../contacts/service.js';
import { summarized, withCommunication } from '../dashboard/summary.js';
import type { Deps } from '../deps.js';
import { incidentReplyAddress } from '../inbound/rules.js';
import { commit, type NewEntry } from '../incidents/unit-of-work.js';
import { loadOrganization, organizationTlpReader } from '../organizations/service.js';
import { organizationCeilings, standingOf } from '../tlp/ceilings.js';
import { decideRecipient, incidentTlp, type RecipientKind } from '../tlp/rules.js';
import {
  buildOutbox,
  contactsWhere,
  type OutboxItem,
  outboxPuts,
  pendingDelivery,
  publishOutbox,
  publishToOrganization,
  snsSubject,
} from './delivery.js';

export interface NoticeRecipients {
  readonly contacts?: readonly string[];
  readonly organizations?: readonly string[];
  readonly groups?: readonly StakeholderGroup[];
}

export interface Notice {
  readonly incidentId: string;
  /** `escalation.level`, `action.reminder`, `action.overdue`, `obligation.reminder`, `activation.started` … */
  readonly kind: string;
  readonly subject: string;
  readonly content: string;
  readonly recipients: NoticeRecipients;
  /** Merged into the timeline entry's data. */
  readonly data?: Record<string, unknown>;
}

export interface NoticeResult {
  /** Null when nobody could be reached (the timeline still records the attempt). */
  readonly communicationId: string | null;
  readonly organizations: { organizationId: string; contactIds: string[] }[];
  readonly replaced: { contactId: string; alternateId: string }[];
  readonly skipped: { recipient: string; reason: string }[];
}

/** The actor Liaison's own jobs write the timeline as (`liaison:<job>`). */
export function systemActor(job: string): Caller {
  return { subject: `liaison:${job}`, organization: undefined, roles: [] };
}

type LiveContact = Pick<Contact, 'id' | 'organizationId'> & {
  dimension?: string;
  verificationStatus?: string;
  alternates?: string[];
  deletedAt?: string | null;
};

interface Candidate {
  readonly contactId: string;
  readonly organizationId: string;
  readonly via: RecipientKind;
  /** How the notice named it (`contact:C-1`, `organization:ORG-1`, `group:legal`). */
  readonly named: string;
}

export interface Resolution {
  readonly candidates: Candidate[];
  readonly replaced: NoticeResult['replaced'];
  readonly skipped: NoticeResult['skipped'];
}

const isLive = (c: LiveContact | undefined): c is LiveContact => c !== undefined && !c.deletedAt;

/** Contacts, organizations and groups → candidate contacts (stale ones replaced), leniently. */
export async function resolveNoticeRecipients(deps: Deps, recipients: NoticeRecipients): Promise<Resolution> {
  const skipped: NoticeResult['skipped'] = [];
  const named: { contact: LiveContact; via: RecipientKind; named: string }[] = [];
  const byId = await loadContacts(deps, recipients.contacts ?? []);
  for (const id of recipients.contacts ?? []) {
    const c = byId.get(id) as LiveContact | undefined;
    if (!c) skipped.push({ recipient: `contact:${id}`, reason: 'contact does not exist' });
    else if (c.deletedAt) skipped.push({ recipient: `contact:${id}`, reason: 'contact is deleted' });
    else named.push({ contact: c, via: 'contact', named: `contact:${id}` });
  }
  for (const organizationId of recipients.organizations ?? []) {
    const label = `organization:${organizationId}`;
    let escalationIds: string[] = [];
    try {
      const org = await loadOrganization(deps, organizationId);
      escalationIds = Array.isArray(org.escalationContactIds) ? org.escalationContactIds.map(String) : [];
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      skipped.push({ recipient: label, reason: 'organization does not exist' });
      continue;
    }
    const members: LiveContact[] =
      escalationIds.length > 0
        ? [...(await loadContacts(deps, escalationIds)).values()].filter(isLive)
        : ((await contactsWhere(deps, { organizationId })) as LiveContact[]);
    if (members.length === 0) skipped.push({ recipient: label, reason: 'organization has no live contact' });
    for (const c of members) named.push({ contact: c, via: 'organization', named: label });
  }
  for (const group of recipients.groups ?? []) {
    // A vertical or horizontal group (legal, coordination, executives …) is the deploying
    // organization's own people: its contacts in other organizations (a supplier's "legal") are not
    // what an internal reminder or escalation means. External groups (regulators …) are external.
    const internal = !(EXTERNAL_GROUPS as readonly string[]).includes(group);
    const members = ((await contactsWhere(deps, { stakeholderGroup: group })) as LiveContact[]).filter(
      (c) => !internal || c.dimension !== 'external',
    );
    if (members.length === 0)
      skipped.push({ recipient: `group:${group}`, reason: 'no live contact in the group' });
    for (const c of members) named.push({ contact: c, via: 'group', named: `group:${group}` });
  }
  // Stale contacts → their first verified, live alternate.
  const stale = named.filter((n) => n.contact.verificationStatus === 'stale');
  const alternates = await loadContacts(
    deps,
    stale.flatMap((n) => n.contact.alternates ?? []),
  );
  const replaced: NoticeResult['replaced'] = [];
  const candidates: Candidate[] = [];
  for (const n of named) {
    let contact = n.contact;
    if (contact.verificationStatus === 'stale') {
      const alternate = (contact.alternates ?? [])
        .map((id) => alternates.get(id) as LiveContact | undefined)
        .find((a) => isLive(a) && a.verificationStatus === 'verified');
      if (!alternate) {
        skipped.push({
          recipient: `contact:${contact.id}`,
          reason: 'contact is stale and has no verified alternate',
        });
        continue;
      }
      if (!replaced.some((r) => r.contactId === contact.id)) {
        replaced.push({ contactId: contact.id, alternateId: alternate.id });
      }
      contact = alternate;
    }
    candidates.push({
      contactId: contact.id,
      organizationId: contact.organizationId,
      via: n.via,
      named: n.named,
    });
  }
  return { candidates, replaced, skipped };
}

/** Candidates the TLP admits, per organization (each contact once); the others skipped. */
async function admitted(
  deps: Deps,
  candidates: readonly Candidate[],
  tlp: Tlp,
  namedOrganizations: ReadonlySet<string>,
  skipped: NoticeResult['skipped'],
): Promise<Map<string, string[]>> {
  const ceilings = await organizationCeilings(
    organizationTlpReader(deps),
    candidates.map((c) => c.organizationId),
  );
  const byOrganization = new Map<string, string[]>();
  for (const c of candidates) {
    const decision = decideRecipient({
      tlp,
      via: c.via,
      organizationId: c.organizationId,
      namedOrganizations,
      organizationCeiling: standingOf(ceilings, c.organizationId).ceiling,
      internal: standingOf(ceilings, c.organizationId).internal,
    });
    if (!decision.allowed) {
      skipped.push({ recipient: `contact:${c.contactId}`, reason: `TLP:${tlp} — ${decision.reason}` });
      continue;
    }
    const list = byOrganization.get(c.organizationId) ?? [];
    if (!list.includes(c.contactId)) list.push(c.contactId);
    byOrganization.set(c.organizationId, list);
  }
  return byOrganization;
}

/**
 * The claim a notice is sent under (an escalation level, a reminder's sent-marker, a contact's
 * verification round): written FIRST in the notice's own transaction, so the claim and the message
 * in the outbox commit together or not at all. `item` receives what the notice will record.
 */
export type NoticeClaim = (result: NoticeResult) => TransactItem;

/** The claim's condition failed: another firing sent this notice already (nothing was written). */
export class NoticeClaimLostError extends Error {
  constructor() {
    super('The notice was claimed already');
    this.name = 'NoticeClaimLostError';
  }
}

/** What a notice adds to an incident change: the communication, its outbox, the timeline entry. */
export interface NoticeParts {
  /** The incident with `commSeq` bumped when a communication is written. */
  readonly incident: StoredIncident;
  readonly items: TransactItem[];
  readonly timeline: NewEntry[];
  readonly result: NoticeResult;
  readonly outbox: OutboxItem[];
}

/**
 * The notice's part of a change on `current` (TLP checks against `current`), to be committed by the
 * caller, alone (`sendNotice`) or with the change that causes it (a playbook activation).
 */
export async function noticeParts(
  deps: Deps,
  actor: Caller,
  current: StoredIncident,
  resolution: Resolution,
  given: Notice,
  replyDomain?: string,
): Promise<NoticeParts> {
  const tlp: Tlp = incidentTlp(current);
  // Every notice of an exercise incident is marked (subject, message field and attribute).
  const notice: Notice = { ...given, subject: exerciseSubject(given.subject, current.exercise) };
  const skipped = [...resolution.skipped];
  const byOrganization = await admitted(
    deps,
    resolution.candidates,
    tlp,
    new Set(notice.recipients.organizations ?? []),
    skipped,
  );
  const organizations = [...byOrganization].map(([organizationId, contactIds]) => ({
    organizationId,
    contactIds,
  }));
  const base = { organizations, replaced: resolution.replaced, skipped };
  const data = {
    kind: notice.kind,
    ...(notice.data ?? {}),
    organizations: organizations.map((o) => o.organizationId),
    sentTo: organizations.flatMap((o) => o.contactIds),
    ...(resolution.replaced.length ? { replaced: resolution.replaced } : {}),
    ...(skipped.length ? { skipped } : {}),
  };
  const replacedNote = resolution.replaced.length
    ? `; stale ${resolution.replaced.map((r) => `${r.contactId} replaced by ${r.alternateId}`).join(', ')}`
    : '';
  const skippedNote = skipped.length ? `; ${skipped.length} recipient(s) not reached` : '';
  if (byOrganization.size === 0) {
    return {
      incident: current,
      items: [],
      timeline: [
        {
          type: 'notice.undeliverable',
          summary: `${notice.subject}: nobody could be reached${skippedNote}`,
          data,
        },
      ],
      result: { communicationId: null, ...base },
      outbox: [],
    };
  }
  const n = current.commSeq + 1;
  const at = deps.now().toISOString();
  const communicationId = `COMM-${n}`;
  const outbox = buildOutbox(
    {
      incidentId: notice.incidentId,
      communicationId,
      commSeq: n,
      byOrganization,
      tlp,
      severity: current.severity,
      subject: notice.subject,
      body: notice.content,
      kind: notice.kind,
      at,
      ...(current.exercise ? { exercise: true } : {}),
      replyTo: incidentReplyAddress(current, replyDomain),
    },
    deps.newId,
  );
  const communication: Communication & { notice: { kind: string } } = {
    communicationId,
    type: 'notification',
    direction: 'outbound',
    subject: notice.subject,
    content: notice.content,
    sentTo: organizations.flatMap((o) => o.contactIds),
    priority: current.priority === 'critical' ? 'critical' : 'high',
    tlp,
    delivery: pendingDelivery(outbox),
    notice: { kind: notice.kind, ...(current.exercise ? { exercise: true } : {}) },
    recordedAt: at,
    recordedBy: actor.subject,
  };
  return {
    incident: summarized({ ...current, commSeq: n }, (s) => withCommunication(s, at)),
    items: [
      deps.repos.incidents.newCommunication(notice.incidentId, communication),
      ...outboxPuts(deps, outbox),
    ],
    timeline: [
      {
        type: notice.kind,
        summary: `${communicationId} ${notice.subject}${replacedNote}${skippedNote}`,
        data: { communicationId, ...data },
      },
    ],
    result: { communicationId, ...base },
    outbox,
  };
}

/**
 * Sends a notice on an incident (see the module comment). With `claim`, the claim is the first item
 * of the notice's transaction: when its condition fails, nothing is written and
 * `NoticeClaimLostError` is thrown (a duplicate firing); when the process stops after the commit,
 * the message waits in the outbox, with its message id, for the notification sweeper.
 */
export async function sendNotice(
  deps: Deps,
  notify: NotifyDeps | undefined,
  actor: Caller,
  notice: Notice,
  claim?: NoticeClaim,
): Promise<NoticeResult> {
  // Recipients are resolved once (contacts and organizations); the TLP checks are made on the
  // incident read by each attempt, so a notice retried after a concurrent TLP change is checked
  // against the new level.
  const resolution = await resolveNoticeRecipients(deps, notice.recipients);
  const { result, outbox } = await withOptimisticRetry(async () => {
    const current = await deps.repos.incidents.get(notice.incidentId);
    const parts = await noticeParts(deps, actor, current, resolution, notice, notify?.replyDomain);
    try {
      return await commit(deps, actor, current, {
        incident: parts.incident,
        items: [...(claim ? [claim(parts.result)] : []), ...parts.items],
        timeline: parts.timeline,
        result: { result: parts.result, outbox: parts.outbox },
      });
    } catch (error) {
      // The claim is item 0: its failed condition is final (a concurrent incident write is retried).
      if (claim && error instanceof TransactionConflict && error.failed.includes(0)) {
        throw new NoticeClaimLostError();
      }
      throw error;
    }
  });
  await publishNotice(deps, notify, outbox);
  return result;
}

/** After the commit: one Publish per organization (what fails stays in the outbox for the sweeper). */
export async function publishNotice(
  deps: Deps,
  notify: NotifyDeps | undefined,
  outbox: readonly OutboxItem[],
): Promise<void> {
  if (outbox.length > 0 && notify) {
    await publishOutbox(deps, notify, { delivery: pendingDelivery(outbox) }, outbox);
  }
}

/** A message that belongs to no incident: one Publish to the organization's topic, to these contacts. */
export async function publishDirect(
  deps: Deps,
  notify: NotifyDeps,
  message: {
    readonly organizationId: string;
    readonly contactIds: readonly string[];
    readonly kind: string;
    readonly subject: string;
    readonly body: Record<string, unknown>;
    readonly messageId: string;
    readonly tlp?: Tlp;
  },
): Promise<void> {
  const tlp = message.tlp ?? 'AMBER';
  await publishToOrganization(deps, notify, message.organizationId, {
    subject: snsSubject(tlp, message.subject),
    message: JSON.stringify({
      messageId: message.messageId,
      kind: message.kind,
      organizationId: message.organizationId,
      recipients: message.contactIds,
      tlp,
      subject: message.subject,
      ...message.body,
    }),
    attributes: {
      recipients: message.contactIds,
      tlp,
      kind: message.kind,
      messageId: message.messageId,
    },
  });
}
