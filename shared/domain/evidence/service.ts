/**
 * The evidence register, legal holds and disclosure holds of an incident (docs/evidence.md).
 * Every change is one incident transaction (shared/domain/incidents/unit-of-work.ts): the incident
 * item carries the evidence and hold counters and the ACTIVE holds, so a delete decided while a
 * hold is being placed fails its incident-version condition, is decided again, and is refused (409
 * LEGAL_HOLD). S3 (the `ObjectStore` port) holds the files: presigned PUT with the registered
 * SHA-256, presigned GET per download (each one a custody entry), Object Lock legal holds.
 */

import type { ObjectStore, PresignedRequest } from '../../aws/ports.js';
import type { StoredCustodyEntry, StoredEvidence, StoredHold } from '../../db/entities/evidence.js';
import type { ActiveHold, StoredIncident } from '../../db/entities/incident.js';
import type { Write } from '../../db/repositories.js';
import { withOptimisticRetry } from '../../db/transact.js';
import { ConflictError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  CustodyEntry,
  DeleteEvidenceBody,
  DownloadEvidenceBody,
  Evidence,
  EvidenceDetail,
  EvidencePageQuery,
  Hold,
  PlaceHoldBody,
  RegisterEvidenceBody,
  ReleaseHoldBody,
  TransferCustodyBody,
} from '../../schemas/evidence.js';
import type { Deps } from '../deps.js';
import { type Change, commit, mutate, type NewEntry } from '../incidents/unit-of-work.js';
import { assertNotHeld, checkUpload, heldAudiences, legalHoldsOn } from './rules.js';

/** The public view of an item: its active legal holds computed from the incident's. */
export function evidenceView(stored: StoredEvidence, holds: readonly ActiveHold[] | undefined): Evidence {
  const { incidentId: _i, custodySeq: _c, heldBy: _h, ...rest } = stored;
  return { ...rest, legalHolds: legalHoldsOn(holds, stored.evidenceId) };
}

const custodyView = ({ incidentId: _i, evidenceId: _e, ...entry }: StoredCustodyEntry): CustodyEntry => entry;

const holdView = ({ incidentId: _i, version: _v, ...hold }: StoredHold): Hold => hold;

/** Links name this incident's actions and communications (ids up to the incident's counters). */
function checkLinks(incident: StoredIncident, links: RegisterEvidenceBody['links']): void {
  const details: { field: string; message: string }[] = [];
  const check = (ids: readonly string[] | undefined, prefix: string, last: number, field: string) =>
    (ids ?? []).forEach((id, i) => {
      const n = Number(id.slice(prefix.length));
      if (!id.startsWith(prefix) || !Number.isInteger(n) || n < 1 || n > last) {
        details.push({
          field: `body.links.${field}.${i}`,
          message: `${id} is not an ${prefix}n of incident ${incident.id}`,
        });
      }
    });
  check(links?.actions, 'ACTION-', incident.actionSeq, 'actions');
  check(links?.communications, 'COMM-', incident.commSeq, 'communications');
  if (details.length > 0) throw new ValidationError('Unknown linked action or communication', details);
}

function assertNotDeleted(item: StoredEvidence): void {
  if (item.status === 'deleted') {
    throw new ConflictError(
      `${item.evidenceId} was deleted`,
      [{ field: 'path.evidenceId', message: `${item.evidenceId} was deleted` }],
      'EVIDENCE_DELETED',
    );
  }
}

function assertConfirmed(item: StoredEvidence): void {
  assertNotDeleted(item);
  if (item.status !== 'confirmed') {
    throw new ConflictError(
      `${item.evidenceId} has no confirmed upload yet (POST …/confirm after the upload)`,
      [{ field: 'path.evidenceId', message: 'upload not confirmed' }],
      'EVIDENCE_NOT_CONFIRMED',
    );
  }
}

/** The next custody entry of an item and the item moved past it. */
function appendCustody(
  item: StoredEvidence,
  entry: Omit<CustodyEntry, 'seq'>,
  changes: Partial<StoredEvidence> = {},
): { next: StoredEvidence; entry: StoredCustodyEntry } {
  const seq = item.custodySeq + 1;
  return {
    next: { ...item, ...changes, custodySeq: seq, version: item.version + 1 },
    entry: { ...entry, seq, incidentId: item.incidentId, evidenceId: item.evidenceId },
  };
}

/** Reads the incident and one item, decides, commits; again when another writer got there first. */
function changeItem<R>(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  evidenceId: string,
  decide: (incident: StoredIncident, item: StoredEvidence) => Promise<Change<R>> | Change<R>,
): Promise<R> {
  return withOptimisticRetry(async () => {
    const [incident, item] = await Promise.all([
      deps.repos.incidents.get(incidentId),
      deps.repos.evidence.get(incidentId, evidenceId),
    ]);
    return commit(deps, caller, incident, await decide(incident, item));
  });
}

/** At most 8 S3 calls at once. */
async function eachLimited<T>(values: readonly T[], run: (value: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < values.length; i += 8) await Promise.all(values.slice(i, i + 8).map(run));
}

// ---------------------------------------------------------------- register, confirm, read

export async function registerEvidence(
  deps: Deps,
  store: ObjectStore,
  caller: Caller,
  incidentId: string,
  body: RegisterEvidenceBody,
): Promise<{ evidence: Evidence; upload: PresignedRequest }> {
  const { stored, holds } = await mutate(deps, caller, incidentId, (current) => {
    checkLinks(current, body.links);
    const n = (current.evidenceSeq ?? 0) + 1;
    const evidenceId = `EVD-${n}`;
    const at = deps.now().toISOString();
    const collectedBy = body.collectedBy ?? caller.subject;
    const stored: StoredEvidence = {
      incidentId,
      evidenceId,
      description: body.description,
      type: body.type,
      source: body.source,
      collectedBy,
      collectedAt: body.collectedAt,
      fileName: body.fileName,
      contentType: body.contentType,
      sha256: body.sha256,
      size: body.size,
      status: 'pending_upload',
      storage: { bucket: store.bucket, key: deps.repos.evidence.objectKey(incidentId, evidenceId) },
      custodian: collectedBy,
      links: { actions: body.links?.actions ?? [], communications: body.links?.communications ?? [] },
      registeredAt: at,
      registeredBy: caller.subject,
      custodySeq: 1,
      heldBy: [],
      version: 1,
    };
    const collected: StoredCustodyEntry = {
      seq: 1,
      kind: 'collected',
      at: body.collectedAt,
      by: collectedBy,
      from: body.source,
      incidentId,
      evidenceId,
    };
    return {
      incident: { ...current, evidenceSeq: n },
      items: [deps.repos.evidence.newItem(stored), deps.repos.evidence.newCustody(collected)],
      timeline: [
        {
          type: 'evidence.registered',
          summary: `${evidenceId} registered: ${body.description}`,
          data: { evidenceId, sha256: body.sha256, size: body.size, type: body.type },
        },
      ],
      result: (next: StoredIncident) => ({ stored, holds: next.holds }),
    };
  });
  const upload = await store.presignPut(stored.storage.key, {
    sha256: stored.sha256,
    size: stored.size,
    contentType: stored.contentType,
  });
  return { evidence: evidenceView(stored, holds), upload };
}

// ---------------------------------------------------------------- files received by e-mail

/** Most attachments of one message registered as evidence (3 transaction items each). */
export const MAX_RECEIVED_EVIDENCE = 20;

/** A file an inbound e-mail brought, already in the evidence bucket (written at receipt). */
export interface ReceivedFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  readonly key: string;
  readonly versionId?: string | undefined;
}

/** Where the files came from: the communication recording the message. */
export interface ReceivedOrigin {
  readonly communicationId: string;
  readonly from: string;
  readonly receivedAt: string;
  /** Who collected it (the inbound e-mail subject) and who registers it (the same, or the accepting coordinator). */
  readonly collectedBy: string;
  readonly registeredBy: string;
}

/**
 * The register's part of recording an inbound e-mail (docs/inbound-email.md): the first
 * MAX_RECEIVED_EVIDENCE files become confirmed evidence items EVD-n (the bytes and their SHA-256
 * were written by the service itself at receipt, S3 checked the checksum), each with its
 * `collected` custody entry and a timeline entry, linked to the communication, in the transaction
 * that records the message. An item an incident-wide legal hold covers gets its Object Lock legal
 * hold just before that transaction, as a confirmed upload does. The ids, in `files`' order
 * (undefined past the limit).
 */
export function receivedEvidence(
  deps: Deps,
  store: ObjectStore,
  incident: StoredIncident,
  files: readonly ReceivedFile[],
  origin: ReceivedOrigin,
): {
  incident: StoredIncident;
  items: Write[];
  timeline: NewEntry[];
  evidenceIds: (string | undefined)[];
  prepare?: () => Promise<void>;
} {
  const at = deps.now().toISOString();
  let seq = incident.evidenceSeq ?? 0;
  const items: Write[] = [];
  const timeline: NewEntry[] = [];
  const held: ReceivedFile[] = [];
  const source = `e-mail from ${origin.from}`.slice(0, 500);
  const evidenceIds = files.map((file, i) => {
    if (i >= MAX_RECEIVED_EVIDENCE) return undefined;
    seq += 1;
    const evidenceId = `EVD-${seq}`;
    const stored: StoredEvidence = {
      incidentId: incident.id,
      evidenceId,
      description: `Attachment ${file.name} of ${origin.communicationId} (${source})`.slice(0, 2000),
      type: 'file',
      source,
      collectedBy: origin.collectedBy,
      collectedAt: origin.receivedAt,
      fileName: file.name,
      contentType: file.type,
      sha256: file.sha256,
      size: file.size,
      status: 'confirmed',
      storage: {
        bucket: store.bucket,
        key: file.key,
        ...(file.versionId ? { versionId: file.versionId } : {}),
      },
      custodian: origin.collectedBy,
      links: { actions: [], communications: [origin.communicationId] },
      registeredAt: at,
      registeredBy: origin.registeredBy,
      confirmedAt: at,
      custodySeq: 1,
      heldBy: [],
      version: 1,
    };
    items.push(
      deps.repos.evidence.newItem(stored),
      deps.repos.evidence.newCustody({
        seq: 1,
        kind: 'collected',
        at: origin.receivedAt,
        by: origin.collectedBy,
        from: source,
        ...(file.versionId ? { versionId: file.versionId } : {}),
        incidentId: incident.id,
        evidenceId,
      }),
    );
    timeline.push({
      type: 'evidence.registered',
      summary: `${evidenceId} registered from ${origin.communicationId}: ${file.name}`.slice(0, 500),
      data: {
        evidenceId,
        sha256: file.sha256,
        size: file.size,
        type: 'file',
        communicationId: origin.communicationId,
      },
    });
    if (legalHoldsOn(incident.holds, evidenceId).length > 0) held.push(file);
    return evidenceId;
  });
  return {
    incident: { ...incident, evidenceSeq: seq },
    items,
    timeline,
    evidenceIds,
    ...(held.length > 0
      ? {
          prepare: () => eachLimited(held, (file) => store.setLegalHold(file.key, file.versionId, true)),
        }
      : {}),
  };
}

/**
 * Checks the uploaded object (HeadObject; the checksum S3 verified, else the bytes hashed) against
 * the registration and confirms the item; 409 EVIDENCE_NOT_UPLOADED without an object, 422
 * EVIDENCE_HASH_MISMATCH when it differs (nothing written). A held item's version is locked at once.
 */
export function confirmEvidenceUpload(
  deps: Deps,
  store: ObjectStore,
  caller: Caller,
  incidentId: string,
  evidenceId: string,
  note?: string,
): Promise<Evidence> {
  return changeItem(deps, caller, incidentId, evidenceId, async (incident, item) => {
    assertNotDeleted(item);
    if (item.status === 'confirmed') {
      throw new ConflictError(
        `${evidenceId} is already confirmed (version ${item.storage.versionId ?? 'null'})`,
        [{ field: 'path.evidenceId', message: 'already confirmed' }],
        'EVIDENCE_ALREADY_CONFIRMED',
      );
    }
    const head = await store.head(item.storage.key);
    if (!head) {
      throw new ConflictError(
        `Nothing was uploaded for ${evidenceId} yet: PUT the file to the upload URL first`,
        [{ field: 'path.evidenceId', message: 'no uploaded object' }],
        'EVIDENCE_NOT_UPLOADED',
      );
    }
    const sha256 = head.sha256 ?? (await store.sha256Of(item.storage.key, head.versionId));
    checkUpload(item, { size: head.size, sha256 });
    const at = deps.now().toISOString();
    const held = legalHoldsOn(incident.holds, evidenceId).length > 0;
    const { next, entry } = appendCustody(
      item,
      {
        kind: 'uploaded',
        at,
        by: caller.subject,
        ...(head.versionId ? { versionId: head.versionId } : {}),
        ...(note ? { reason: note } : {}),
      },
      {
        status: 'confirmed',
        confirmedAt: at,
        storage: { ...item.storage, ...(head.versionId ? { versionId: head.versionId } : {}) },
      },
    );
    return {
      incident,
      items: [deps.repos.evidence.replaceItem(next, item.version), deps.repos.evidence.newCustody(entry)],
      timeline: [
        {
          type: 'evidence.confirmed',
          summary: `${evidenceId} upload confirmed (SHA-256 ${sha256.slice(0, 12)}…, ${head.size} bytes)`,
          data: { evidenceId, sha256, versionId: head.versionId ?? null },
        },
      ],
      ...(held ? { prepare: () => store.setLegalHold(item.storage.key, head.versionId, true) } : {}),
      result: (stored: StoredIncident) => evidenceView(next, stored.holds),
    };
  });
}

export async function listEvidence(
  deps: Deps,
  incidentId: string,
  query: EvidencePageQuery,
): Promise<{ items: Evidence[]; nextCursor: string | null }> {
  const [incident, page] = await Promise.all([
    deps.repos.incidents.get(incidentId),
    deps.repos.evidence.list(incidentId, query),
  ]);
  return { items: page.items.map((e) => evidenceView(e, incident.holds)), nextCursor: page.nextCursor };
}

export async function getEvidence(
  deps: Deps,
  incidentId: string,
  evidenceId: string,
): Promise<EvidenceDetail> {
  const [incident, { evidence, custody }] = await Promise.all([
    deps.repos.incidents.get(incidentId),
    deps.repos.evidence.getWithCustody(incidentId, evidenceId),
  ]);
  return { ...evidenceView(evidence, incident.holds), custody: custody.map(custodyView) };
}

// ---------------------------------------------------------------- custody

/**
 * A presigned GET of the confirmed version, and its custody entry (who, when, why), written before
 * the URL is handed out: no download without its record.
 */
export function downloadEvidence(
  deps: Deps,
  store: ObjectStore,
  caller: Caller,
  incidentId: string,
  evidenceId: string,
  body: DownloadEvidenceBody,
): Promise<{ evidenceId: string; sha256: string; download: PresignedRequest; custody: CustodyEntry }> {
  return withOptimisticRetry(async () => {
    const item = await deps.repos.evidence.get(incidentId, evidenceId);
    assertConfirmed(item);
    const download = await store.presignGet(item.storage.key, item.storage.versionId, item.fileName);
    const { next, entry } = appendCustody(item, {
      kind: 'download',
      at: deps.now().toISOString(),
      by: caller.subject,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(item.storage.versionId ? { versionId: item.storage.versionId } : {}),
    });
    // The item and its entry only: a download does not move the incident (no timeline entry).
    await deps.repos.incidents.transact([
      deps.repos.evidence.replaceItem(next, item.version),
      deps.repos.evidence.newCustody(entry),
    ]);
    return { evidenceId, sha256: item.sha256, download, custody: custodyView(entry) };
  });
}

/** A handover (from the current custodian unless named; 409 CUSTODIAN_MISMATCH otherwise); allowed under hold. */
export function transferCustody(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  evidenceId: string,
  body: TransferCustodyBody,
): Promise<CustodyEntry> {
  return changeItem(deps, caller, incidentId, evidenceId, (incident, item) => {
    assertNotDeleted(item);
    if (body.from !== undefined && body.from !== item.custodian) {
      throw new ConflictError(
        `${evidenceId} is in the custody of ${item.custodian}, not ${body.from}`,
        [{ field: 'body.from', message: `current custodian is ${item.custodian}` }],
        'CUSTODIAN_MISMATCH',
      );
    }
    const { next, entry } = appendCustody(
      item,
      {
        kind: 'transfer',
        at: body.at ?? deps.now().toISOString(),
        by: caller.subject,
        from: item.custodian,
        to: body.to,
        reason: body.reason,
      },
      { custodian: body.to },
    );
    return {
      incident,
      items: [deps.repos.evidence.replaceItem(next, item.version), deps.repos.evidence.newCustody(entry)],
      timeline: [
        {
          type: 'evidence.custody_transferred',
          summary: `${evidenceId} handed from ${item.custodian} to ${body.to}: ${body.reason}`,
          data: { evidenceId, from: item.custodian, to: body.to, seq: entry.seq },
        },
      ],
      result: custodyView(entry),
    };
  });
}

/**
 * Deletes an item (the register keeps it as `deleted` with its custody history; the S3 version is
 * removed). 409 LEGAL_HOLD while a legal hold covers it (checked against the incident's active holds
 * in the same transaction as the change).
 */
export async function deleteEvidence(
  deps: Deps,
  store: ObjectStore,
  caller: Caller,
  incidentId: string,
  evidenceId: string,
  body: DeleteEvidenceBody,
): Promise<Evidence> {
  const { view, item } = await changeItem(deps, caller, incidentId, evidenceId, (incident, item) => {
    assertNotDeleted(item);
    assertNotHeld(incident.holds, evidenceId, 'deleted');
    const at = deps.now().toISOString();
    const { next, entry } = appendCustody(
      item,
      { kind: 'deleted', at, by: caller.subject, reason: body.reason },
      { status: 'deleted', deletedAt: at, deletedReason: body.reason },
    );
    return {
      incident,
      items: [deps.repos.evidence.replaceItem(next, item.version), deps.repos.evidence.newCustody(entry)],
      timeline: [
        {
          type: 'evidence.deleted',
          summary: `${evidenceId} deleted: ${body.reason}`,
          data: { evidenceId, versionId: item.storage.versionId ?? null },
        },
      ],
      result: (stored: StoredIncident) => ({ view: evidenceView(next, stored.holds), item }),
    };
  });
  // After the register says so: the object (a locked version stays; S3 is the last word).
  const version = item.storage.versionId ?? (await store.head(item.storage.key))?.versionId;
  if (version !== undefined || item.status === 'confirmed')
    await store.deleteVersion(item.storage.key, version);
  return view;
}

// ---------------------------------------------------------------- holds

/**
 * Places a legal hold (the incident or one item: S3 legal hold ON on every confirmed version it
 * covers, before the table says so) or a disclosure hold (outbound communications to `audiences`
 * refused while it is active).
 */
export function placeHold(
  deps: Deps,
  store: ObjectStore,
  caller: Caller,
  incidentId: string,
  body: PlaceHoldBody,
): Promise<Hold> {
  return withOptimisticRetry(async () => {
    const current = await deps.repos.incidents.get(incidentId);
    const item = body.evidenceId ? await deps.repos.evidence.get(incidentId, body.evidenceId) : undefined;
    if (item) assertNotDeleted(item);
    const targets =
      body.kind !== 'legal'
        ? []
        : item
          ? [item]
          : (await deps.repos.evidence.listAll(incidentId)).filter((e) => e.status === 'confirmed');
    const n = (current.holdSeq ?? 0) + 1;
    const holdId = `HOLD-${n}`;
    const at = deps.now().toISOString();
    const audiences = body.kind === 'disclosure' ? heldAudiences(body.audiences) : undefined;
    const locked = targets.filter((t) => t.status === 'confirmed');
    const hold: StoredHold = {
      incidentId,
      holdId,
      kind: body.kind,
      status: 'active',
      ...(item ? { evidenceId: item.evidenceId } : {}),
      ...(audiences ? { audiences } : {}),
      reason: body.reason,
      ...(body.requestedBy ? { requestedBy: body.requestedBy } : {}),
      ...(body.reviewBy ? { reviewBy: body.reviewBy } : {}),
      placedAt: at,
      placedBy: caller.subject,
      ...(body.kind === 'legal' ? { objectLocks: locked.length } : {}),
      version: 1,
    };
    const active: ActiveHold = {
      holdId,
      kind: body.kind,
      ...(item ? { evidenceId: item.evidenceId } : {}),
      ...(audiences ? { audiences } : {}),
    };
    const items = [deps.repos.evidence.newHold(hold)];
    if (item) {
      const { next, entry } = appendCustody(
        item,
        { kind: 'hold', at, by: caller.subject, reason: `${holdId}: ${body.reason}` },
        { heldBy: [...item.heldBy, holdId] },
      );
      items.push(deps.repos.evidence.replaceItem(next, item.version), deps.repos.evidence.newCustody(entry));
    }
    const scope = item ? item.evidenceId : `incident ${incidentId}`;
    return commit(deps, caller, current, {
      incident: { ...current, holdSeq: n, holds: [...(current.holds ?? []), active] },
      items,
      timeline: [
        {
          type: 'hold.placed',
          summary:
            body.kind === 'legal'
              ? `${holdId} legal hold on ${scope}: ${body.reason}`
              : `${holdId} disclosure hold (${(audiences ?? []).join(', ')}): ${body.reason}`,
          data: {
            holdId,
            kind: body.kind,
            ...(item ? { evidenceId: item.evidenceId } : {}),
            ...(audiences ? { audiences } : {}),
            ...(body.requestedBy ? { requestedBy: body.requestedBy } : {}),
          },
        },
      ],
      // Locked first: a hold the table does not record yet only over-protects.
      prepare: () => eachLimited(locked, (t) => store.setLegalHold(t.storage.key, t.storage.versionId, true)),
      result: holdView(hold),
    });
  });
}

/** Releases a hold; S3 legal holds come off the versions no other active legal hold covers. */
export async function releaseHold(
  deps: Deps,
  store: ObjectStore,
  caller: Caller,
  incidentId: string,
  holdId: string,
  body: ReleaseHoldBody,
): Promise<Hold> {
  const { hold, unlock } = await withOptimisticRetry(async () => {
    const [current, hold] = await Promise.all([
      deps.repos.incidents.get(incidentId),
      deps.repos.evidence.getHold(incidentId, holdId),
    ]);
    if (hold.status !== 'active') {
      throw new ConflictError(
        `${holdId} was released at ${hold.releasedAt}`,
        [{ field: 'path.holdId', message: 'already released' }],
        'HOLD_RELEASED',
      );
    }
    const item = hold.evidenceId ? await deps.repos.evidence.get(incidentId, hold.evidenceId) : undefined;
    const remaining = (current.holds ?? []).filter((h) => h.holdId !== holdId);
    const covered =
      hold.kind !== 'legal'
        ? []
        : item
          ? [item]
          : (await deps.repos.evidence.listAll(incidentId)).filter((e) => e.status === 'confirmed');
    const unlock = covered.filter(
      (e) => e.status === 'confirmed' && legalHoldsOn(remaining, e.evidenceId).length === 0,
    );
    const at = deps.now().toISOString();
    const released: StoredHold = {
      ...hold,
      status: 'released',
      releasedAt: at,
      releasedBy: caller.subject,
      releaseReason: body.reason,
      ...(hold.kind === 'legal' ? { objectLocks: unlock.length } : {}),
      version: hold.version + 1,
    };
    const items = [deps.repos.evidence.replaceHold(released, hold.version)];
    if (item) {
      const { next, entry } = appendCustody(
        item,
        { kind: 'release', at, by: caller.subject, reason: `${holdId}: ${body.reason}` },
        { heldBy: item.heldBy.filter((h) => h !== holdId) },
      );
      items.push(deps.repos.evidence.replaceItem(next, item.version), deps.repos.evidence.newCustody(entry));
    }
    return commit(deps, caller, current, {
      incident: { ...current, holds: remaining },
      items,
      timeline: [
        {
          type: 'hold.released',
          summary: `${holdId} (${hold.kind} hold) released: ${body.reason}`,
          data: { holdId, kind: hold.kind, ...(hold.evidenceId ? { evidenceId: hold.evidenceId } : {}) },
        },
      ],
      result: { hold: holdView(released), unlock },
    });
  });
  // After the table: a lock left on by a failure here only over-protects (release again to retry).
  await eachLimited(unlock, (e) => store.setLegalHold(e.storage.key, e.storage.versionId, false));
  return hold;
}

export async function listHolds(deps: Deps, incidentId: string): Promise<{ items: Hold[] }> {
  await deps.repos.incidents.get(incidentId);
  return { items: (await deps.repos.evidence.holds(incidentId)).map(holdView) };
}
