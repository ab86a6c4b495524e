/**
 * Inbound e-mail into the communications log (docs/inbound-email.md). `receiveEmail` is what the
 * SES Lambda (`functions/inbound/receive-email.ts`) and the local endpoint (`POST
 * /local/inbound-email` of `npm start`) both call with the raw RFC 822 bytes:
 *
 * 1. parse (postal-mime), find the reply address `inc-<id>+<token>@<domain>` among the envelope
 *    recipients (else To, Cc, Delivered-To); no address, no incident or a wrong token: dropped,
 *    nothing stored (a guessed or forged address writes nothing);
 * 2. keep the raw message and each attachment in the blob store (never in the table);
 * 3. the sender must be a live contact, with that e-mail channel, of an organization taking part in
 *    the incident (affected third parties and participants): recorded as an inbound communication
 *    with its timeline entry in ONE incident transaction (after close: recorded, flagged); else
 *    quarantined for a coordinator (`acceptQuarantined` records it, `rejectQuarantined` does not).
 *
 * One inbound item per message (id from its Message-ID), written with the record or the
 * quarantine: a message delivered twice is recorded once.
 */
import type { InboundDeps, ObjectStore } from '../../aws/ports.js';
import type { StoredInboundEmail } from '../../db/entities/inbound-email.js';
import type { StoredIncident } from '../../db/entities/incident.js';
import type { Write } from '../../db/repositories.js';
import { withOptimisticRetry } from '../../db/transact.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  AcceptQuarantinedBody,
  InboundAttachment,
  InboundEmail,
  ListQuarantineQuery,
  QuarantineReason,
  RejectQuarantinedBody,
} from '../../schemas/inbound.js';
import type { Communication } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';
import { MAX_RECEIVED_EVIDENCE, receivedEvidence } from '../evidence/service.js';
import { bump } from '../incidents/changes.js';
import { commit, type NewEntry } from '../incidents/unit-of-work.js';
import { type ParsedEmail, parseEmail } from './parse.js';
import {
  type Authentication,
  bodyText,
  decideInbound,
  findReplyAddress,
  inboundEmailId,
  matchSender,
  sha256Hex,
  tokenMatches,
} from './rules.js';

/** The subject inbound e-mail's timeline entries are recorded under. */
export const INBOUND_ACTOR: Caller = { subject: 'liaison:inbound-email', organization: undefined, roles: [] };

export type DropReason = 'no-reply-address' | 'unknown-incident' | 'bad-token';

export type InboundOutcome =
  | {
      readonly outcome: 'recorded';
      readonly emailId: string;
      readonly incidentId: string;
      readonly communicationId: string;
      readonly flags: readonly string[];
    }
  | {
      readonly outcome: 'quarantined';
      readonly emailId: string;
      readonly incidentId: string;
      readonly reason: QuarantineReason;
    }
  | { readonly outcome: 'duplicate'; readonly emailId: string; readonly incidentId: string }
  | { readonly outcome: 'dropped'; readonly reason: DropReason };

export interface ReceivedMessage {
  readonly raw: Uint8Array;
  /** Where the raw message already is (SES wrote it to S3); else it is stored under `raw/…`. */
  readonly rawKey?: string | undefined;
  /** Envelope recipients (SES `receipt.recipients`); default: the To, Cc and Delivered-To headers. */
  readonly recipients?: readonly string[] | undefined;
  /** SES's SPF / DKIM verdicts. */
  readonly authentication?: Authentication | undefined;
}

/** The organizations taking part in an incident: affected third parties and participants. */
const organizationsOf = (incident: StoredIncident): string[] => [
  ...new Set([...incident.affectedThirdParties, ...(incident.participants ?? [])]),
];

/** The contacts of the incident's organizations (every page of each). */
async function participantContacts(deps: Deps, incident: StoredIncident) {
  const out = [];
  for (const organizationId of organizationsOf(incident)) {
    let cursor: string | undefined;
    do {
      const page = await deps.repos.contacts.list({
        organizationId,
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return out;
}

async function storeBytes(
  deps: Deps,
  inbound: InboundDeps,
  incidentId: string,
  parsed: ParsedEmail,
  message: ReceivedMessage,
): Promise<{ rawKey: string; attachments: InboundAttachment[] }> {
  let rawKey = message.rawKey;
  if (!rawKey) {
    rawKey = `raw/${incidentId}/${sha256Hex(message.raw)}.eml`;
    await inbound.blobs.put(rawKey, message.raw, 'message/rfc822');
  }
  const attachments: InboundAttachment[] = [];
  for (const a of parsed.attachments) {
    const sha256 = sha256Hex(a.bytes);
    const key = `attachments/${incidentId}/${sha256}`;
    await inbound.blobs.put(key, a.bytes, a.type);
    // Into the evidence bucket at receipt (registered when the message is recorded or accepted).
    let evidenceObject: InboundAttachment['evidenceObject'];
    if (inbound.evidence) {
      const objectKey = deps.repos.evidence.inboundObjectKey(incidentId, sha256);
      const { versionId } = await inbound.evidence.put(objectKey, a.bytes, { sha256, contentType: a.type });
      evidenceObject = { key: objectKey, ...(versionId ? { versionId } : {}) };
    }
    attachments.push({
      name: a.name,
      type: a.type,
      size: a.bytes.byteLength,
      sha256,
      key,
      ...(evidenceObject ? { evidenceObject } : {}),
    });
  }
  return { rawKey, attachments };
}

/**
 * The attachments of a message being recorded, registered as evidence (those copied to the
 * evidence bucket at receipt, up to MAX_RECEIVED_EVIDENCE): the incident, items, timeline entries
 * and legal-hold step of the register, and the attachments with their evidence ids.
 */
function registerAttachments(
  deps: Deps,
  store: ObjectStore | undefined,
  incident: StoredIncident,
  email: StoredInboundEmail,
  communicationId: string,
  registeredBy: string,
): {
  incident: StoredIncident;
  items: Write[];
  timeline: NewEntry[];
  attachments: InboundAttachment[];
  flags: string[];
  prepare?: (() => Promise<void>) | undefined;
} {
  // The attachments copied to the evidence bucket at receipt, with their index on the message.
  const files = email.attachments.flatMap((a, i) =>
    a.evidenceObject
      ? [
          {
            i,
            file: {
              name: a.name,
              type: a.type,
              size: a.size,
              sha256: a.sha256,
              key: a.evidenceObject.key,
              versionId: a.evidenceObject.versionId,
            },
          },
        ]
      : [],
  );
  if (!store || files.length === 0) {
    return { incident, items: [], timeline: [], attachments: [...email.attachments], flags: [] };
  }
  const parts = receivedEvidence(
    deps,
    store,
    incident,
    files.map((f) => f.file),
    {
      communicationId,
      from: email.from,
      receivedAt: email.receivedAt,
      collectedBy: INBOUND_ACTOR.subject,
      registeredBy,
    },
  );
  const idOf = new Map(files.map((f, j) => [f.i, parts.evidenceIds[j]]));
  const attachments = email.attachments.map((a, i) => {
    const evidenceId = idOf.get(i);
    return evidenceId ? { ...a, evidenceId } : a;
  });
  return {
    incident: parts.incident,
    items: parts.items,
    timeline: parts.timeline,
    attachments,
    flags: files.length > MAX_RECEIVED_EVIDENCE ? ['attachments-not-registered'] : [],
    prepare: parts.prepare,
  };
}

/** The inbound communication of a message (direction inbound, type email). */
function inboundCommunication(
  communicationId: string,
  email: StoredInboundEmail,
  flags: readonly string[],
  organizationId: string | undefined,
  at: string,
  by: string,
): Communication {
  return {
    communicationId,
    type: 'email',
    direction: 'inbound',
    ...(organizationId ? { thirdParty: organizationId } : {}),
    subject: email.subject.slice(0, 500),
    content: email.text,
    sentTo: [email.to],
    priority: 'medium',
    inbound: {
      emailId: email.id,
      from: email.from,
      ...(email.contactId ? { contactId: email.contactId } : {}),
      ...(email.messageId ? { messageId: email.messageId } : {}),
      receivedAt: email.receivedAt,
      rawKey: email.rawKey,
      attachments: email.attachments,
      flags: [...flags],
    },
    recordedAt: at,
    recordedBy: by,
  };
}

/** Timeline entries of a recorded message. */
function recordedEntries(
  communicationId: string,
  email: StoredInboundEmail,
  flags: readonly string[],
): NewEntry[] {
  const entries: NewEntry[] = [
    {
      type: 'communication.recorded',
      summary: `${communicationId} inbound email from ${email.from}: ${email.subject}`.slice(0, 500),
      data: {
        communicationId,
        direction: 'inbound',
        from: email.from,
        emailId: email.id,
        attachments: email.attachments.length,
        ...(flags.length ? { flags } : {}),
      },
    },
  ];
  if (flags.includes('incident-closed')) {
    entries.push({
      type: 'communication.after_close',
      summary: `${communicationId} arrived after the incident was closed (not reopened)`,
      data: { communicationId, emailId: email.id },
    });
  }
  return entries;
}

/** Receives one raw message (see the module comment). Never throws for a bad message: it drops it. */
export async function receiveEmail(
  deps: Deps,
  inbound: InboundDeps,
  message: ReceivedMessage,
): Promise<InboundOutcome> {
  const parsed = await parseEmail(message.raw);
  const target = findReplyAddress(message.recipients ?? parsed.recipients, inbound.domain);
  if (!target) return { outcome: 'dropped', reason: 'no-reply-address' };
  let incident: StoredIncident;
  try {
    incident = await deps.repos.incidents.get(target.incidentId);
  } catch (error) {
    if (error instanceof NotFoundError) return { outcome: 'dropped', reason: 'unknown-incident' };
    throw error;
  }
  if (!tokenMatches(incident.replyToken, target.token)) return { outcome: 'dropped', reason: 'bad-token' };

  const emailId = inboundEmailId(parsed.messageId, message.raw);
  const seen = await deps.repos.inbound.get(emailId);
  if (seen) return { outcome: 'duplicate', emailId, incidentId: incident.id };

  const { rawKey, attachments } = await storeBytes(deps, inbound, incident.id, parsed, message);
  const sender = matchSender(parsed.from, await participantContacts(deps, incident));
  const decision = decideInbound({
    senderKnown: sender !== undefined,
    incidentStatus: incident.status,
    authentication: message.authentication,
  });
  const receivedAt = deps.now().toISOString();
  const base: StoredInboundEmail = {
    id: emailId,
    incidentId: incident.id,
    status: decision.kind === 'record' ? 'recorded' : 'quarantined',
    from: parsed.from,
    ...(parsed.fromName ? { fromName: parsed.fromName } : {}),
    to: target.address,
    subject: parsed.subject,
    text: bodyText(parsed.text, parsed.html),
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed.sentAt ? { sentAt: parsed.sentAt } : {}),
    receivedAt,
    rawKey,
    attachments,
    ...(sender ? { contactId: sender.id, organizationId: sender.organizationId } : {}),
    version: 1,
  };

  if (decision.kind === 'quarantine') {
    const stored = await deps.repos.inbound.create({ ...base, reason: decision.reason });
    if (stored === 'exists') return { outcome: 'duplicate', emailId, incidentId: incident.id };
    return { outcome: 'quarantined', emailId, incidentId: incident.id, reason: decision.reason };
  }

  const flags = decision.flags;
  return withOptimisticRetry(async () => {
    if (await deps.repos.inbound.get(emailId)) {
      return { outcome: 'duplicate' as const, emailId, incidentId: incident.id };
    }
    const current = await deps.repos.incidents.get(incident.id);
    const { n, incident: bumped } = bump(current, 'commSeq');
    const communicationId = `COMM-${n}`;
    const evidence = registerAttachments(
      deps,
      inbound.evidence,
      bumped,
      base,
      communicationId,
      INBOUND_ACTOR.subject,
    );
    const allFlags = [...flags, ...evidence.flags];
    const email: StoredInboundEmail = {
      ...base,
      attachments: evidence.attachments,
      communicationId,
      ...(allFlags.length ? { flags: allFlags } : {}),
    };
    const communication = inboundCommunication(
      communicationId,
      email,
      allFlags,
      sender?.organizationId,
      receivedAt,
      INBOUND_ACTOR.subject,
    );
    return commit(deps, INBOUND_ACTOR, current, {
      incident: evidence.incident,
      // The inbound item first: taken (a concurrent delivery of the same message) → read again.
      items: [
        deps.repos.inbound.createPart(email),
        deps.repos.incidents.newCommunication(current.id, communication),
        ...evidence.items,
      ],
      timeline: [...recordedEntries(communicationId, email, allFlags), ...evidence.timeline],
      ...(evidence.prepare ? { prepare: evidence.prepare } : {}),
      result: {
        outcome: 'recorded' as const,
        emailId,
        incidentId: current.id,
        communicationId,
        flags: allFlags,
      },
    });
  });
}

// ---------------------------------------------------------------- quarantine (coordinators)

const view = (m: StoredInboundEmail): InboundEmail => m;

export async function listQuarantined(deps: Deps, query: ListQuarantineQuery) {
  const page = await deps.repos.inbound.listQuarantined(query);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

async function quarantined(deps: Deps, emailId: string): Promise<StoredInboundEmail> {
  const email = await deps.repos.inbound.get(emailId);
  if (!email) throw new NotFoundError(`Inbound e-mail ${emailId} not found`);
  if (email.status !== 'quarantined') {
    throw new ConflictError(
      `Inbound e-mail ${emailId} is ${email.status}, not quarantined`,
      [{ field: 'path.emailId', message: `already ${email.status}` }],
      'NOT_QUARANTINED',
    );
  }
  return email;
}

/**
 * A coordinator accepts a quarantined message: recorded as an inbound communication (flagged
 * `accepted-from-quarantine`, and `incident-closed` when the incident is closed now), with its
 * timeline entries, and the inbound item marked accepted, in ONE incident transaction.
 * `organizationId` attributes it to an organization taking part in the incident (else 400).
 */
export function acceptQuarantined(
  deps: Deps,
  store: ObjectStore | undefined,
  caller: Caller,
  emailId: string,
  body: AcceptQuarantinedBody,
): Promise<InboundEmail> {
  return withOptimisticRetry(async () => {
    const email = await quarantined(deps, emailId);
    const current = await deps.repos.incidents.get(email.incidentId);
    const organizationId = body.organizationId ?? email.organizationId;
    if (body.organizationId && !organizationsOf(current).includes(body.organizationId)) {
      throw new ValidationError(`Organization ${body.organizationId} takes no part in ${current.id}`, [
        { field: 'body.organizationId', message: `not an organization of incident ${current.id}` },
      ]);
    }
    const at = deps.now().toISOString();
    const { n, incident: bumped } = bump(current, 'commSeq');
    const communicationId = `COMM-${n}`;
    const evidence = registerAttachments(deps, store, bumped, email, communicationId, caller.subject);
    const flags = [
      'accepted-from-quarantine',
      ...(current.status === 'closed' ? ['incident-closed'] : []),
      ...evidence.flags,
    ];
    const { reason: _reason, ...rest } = email;
    const accepted: StoredInboundEmail = {
      ...rest,
      status: 'accepted',
      attachments: evidence.attachments,
      ...(organizationId ? { organizationId } : {}),
      communicationId,
      flags,
      decidedAt: at,
      decidedBy: caller.subject,
      ...(body.note ? { decisionNote: body.note } : {}),
      version: email.version + 1,
    };
    const communication = inboundCommunication(
      communicationId,
      accepted,
      flags,
      organizationId,
      at,
      caller.subject,
    );
    return commit(deps, caller, current, {
      incident: evidence.incident,
      items: [
        deps.repos.inbound.replacePart(accepted, email.version),
        deps.repos.incidents.newCommunication(current.id, communication),
        ...evidence.items,
      ],
      timeline: [
        ...recordedEntries(communicationId, accepted, flags),
        {
          type: 'inbound.accepted',
          summary: `E-mail from ${email.from} accepted from quarantine (${email.reason ?? 'quarantined'})`,
          data: { emailId, communicationId, reason: email.reason, ...(body.note ? { note: body.note } : {}) },
        },
        ...evidence.timeline,
      ],
      ...(evidence.prepare ? { prepare: evidence.prepare } : {}),
      result: view(accepted),
    });
  });
}

/** A coordinator rejects a quarantined message: marked rejected (kept, with its bytes), not recorded. */
export async function rejectQuarantined(
  deps: Deps,
  caller: Caller,
  emailId: string,
  body: RejectQuarantinedBody,
): Promise<InboundEmail> {
  const email = await quarantined(deps, emailId);
  const rejected: StoredInboundEmail = {
    ...email,
    status: 'rejected',
    decidedAt: deps.now().toISOString(),
    decidedBy: caller.subject,
    ...(body.note ? { decisionNote: body.note } : {}),
    version: email.version + 1,
  };
  await deps.repos.inbound.replace(rejected, email.version);
  return view(rejected);
}
