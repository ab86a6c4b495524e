/** Evidence register, legal holds and disclosure holds (docs/evidence.md). */
import * as z from 'zod/mini';
import { AUDIENCES, EVIDENCE_TYPES, HOLD_KINDS, MAX_EVIDENCE_BYTES } from '../model/disclosure.js';
import { Id, meta, PageQuery, Text, Timestamp, TimestampOut } from './common.js';

export const Audience = meta(z.enum(AUDIENCES), { description: 'Who an outbound communication is for' });
export type Audience = z.infer<typeof Audience>;
export const HoldKind = z.enum(HOLD_KINDS);
export const EvidenceType = z.enum(EVIDENCE_TYPES);

const Sha256 = meta(
  z.pipe(
    z.string().check(z.regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 digest: 64 hexadecimal characters')),
    z.transform((v) => v.toLowerCase()),
  ),
  { description: 'SHA-256 of the file, hex' },
);

const Links = z.strictObject({
  actions: meta(z.optional(z.array(Id).check(z.maxLength(50))), {
    description: 'Action ids (ACTION-n) of this incident',
  }),
  communications: meta(z.optional(z.array(Id).check(z.maxLength(50))), {
    description: 'Communication ids (COMM-n) of this incident',
  }),
});

// ---------- requests ----------

export const RegisterEvidenceBody = meta(
  z.strictObject({
    description: Text(2000),
    type: EvidenceType,
    source: meta(Text(500), { description: 'Where it came from: host, system, mailbox, person' }),
    collectedBy: meta(z.optional(Text(200)), { description: 'Default: the caller' }),
    collectedAt: Timestamp,
    fileName: Text(255),
    contentType: z._default(
      z
        .string()
        .check(
          z.regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, 'must be a media type such as text/plain'),
          z.maxLength(127),
        ),
      'application/octet-stream',
    ),
    sha256: Sha256,
    size: meta(z.number().check(z.int(), z.minimum(1), z.maximum(MAX_EVIDENCE_BYTES)), {
      description: 'Bytes',
    }),
    links: z.optional(Links),
  }),
  { id: 'RegisterEvidence' },
);
export type RegisterEvidenceBody = z.infer<typeof RegisterEvidenceBody>;

export const TransferCustodyBody = meta(
  z.strictObject({
    to: meta(Text(200), { description: 'New custodian (person, team or agency)' }),
    reason: Text(2000),
    from: meta(z.optional(Text(200)), { description: 'Default: the current custodian' }),
    at: meta(z.optional(Timestamp), { description: 'When the handover happened; default now' }),
  }),
  { id: 'TransferCustody' },
);
export type TransferCustodyBody = z.infer<typeof TransferCustodyBody>;

export const DeleteEvidenceBody = meta(z.strictObject({ reason: Text(2000) }), { id: 'DeleteEvidence' });
export type DeleteEvidenceBody = z.infer<typeof DeleteEvidenceBody>;

export const DownloadEvidenceBody = meta(
  z.strictObject({
    reason: meta(z.optional(Text(2000)), { description: 'Recorded in the custody history' }),
  }),
  { id: 'DownloadEvidence' },
);
export type DownloadEvidenceBody = z.infer<typeof DownloadEvidenceBody>;

export const ConfirmEvidenceUploadBody = meta(
  z.strictObject({
    note: meta(z.optional(Text(1000)), {
      description: 'Recorded on the custody entry of the upload (e.g. who checked the file)',
    }),
  }),
  { id: 'ConfirmEvidenceUpload', description: 'Optional; the body may be empty' },
);
export type ConfirmEvidenceUploadBody = z.infer<typeof ConfirmEvidenceUploadBody>;

export const PlaceHoldBody = meta(
  z
    .strictObject({
      kind: meta(HoldKind, {
        description:
          'legal: evidence may not be deleted or changed; disclosure: outbound communications to `audiences` refused',
      }),
      reason: Text(2000),
      evidenceId: meta(z.optional(Id), {
        description: 'legal only: hold one item; default the whole incident',
      }),
      audiences: meta(z.optional(z.array(Audience).check(z.minLength(1), z.maxLength(6))), {
        description: 'disclosure only; default customers, media, public',
      }),
      requestedBy: meta(z.optional(Text(500)), {
        description: 'Who asked for it, e.g. the investigating agency and its reference',
      }),
      reviewBy: meta(z.optional(Timestamp), { description: 'When the hold is to be reviewed' }),
    })
    .check(
      z.superRefine((body, ctx) => {
        if (body.kind === 'disclosure' && body.evidenceId !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['evidenceId'],
            message: 'a disclosure hold applies to the incident',
          });
        }
        if (body.kind === 'legal' && body.audiences !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['audiences'],
            message: 'only a disclosure hold names audiences',
          });
        }
      }),
    ),
  { id: 'PlaceHold' },
);
export type PlaceHoldBody = z.infer<typeof PlaceHoldBody>;

export const ReleaseHoldBody = meta(z.strictObject({ reason: Text(2000) }), { id: 'ReleaseHold' });
export type ReleaseHoldBody = z.infer<typeof ReleaseHoldBody>;

export const EvidencePageQuery = z.strictObject({ ...PageQuery, limit: z._default(PageQuery.limit, 100) });
export type EvidencePageQuery = z.infer<typeof EvidencePageQuery>;

// ---------- responses ----------

export const CustodyEntry = meta(
  z.object({
    seq: z.number().check(z.int()),
    kind: z.enum(['collected', 'uploaded', 'transfer', 'download', 'hold', 'release', 'deleted']),
    at: TimestampOut,
    by: z.string(),
    from: z.optional(z.string()),
    to: z.optional(z.string()),
    reason: z.optional(z.string()),
    versionId: z.optional(z.string()),
  }),
  { id: 'CustodyEntry' },
);
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const PresignedRequest = meta(
  z.object({
    method: z.enum(['PUT', 'GET']),
    url: z.string(),
    headers: meta(z.record(z.string(), z.string()), { description: 'Send these headers with the request' }),
    expiresAt: TimestampOut,
  }),
  { id: 'PresignedRequest' },
);

export const Evidence = meta(
  z.object({
    evidenceId: z.string(),
    description: z.string(),
    type: EvidenceType,
    source: z.string(),
    collectedBy: z.string(),
    collectedAt: TimestampOut,
    fileName: z.string(),
    contentType: z.string(),
    sha256: z.string(),
    size: z.number().check(z.int()),
    status: z.enum(['pending_upload', 'confirmed', 'deleted']),
    storage: z.object({ bucket: z.string(), key: z.string(), versionId: z.optional(z.string()) }),
    custodian: meta(z.string(), { description: 'Current custodian' }),
    links: z.object({ actions: z.array(z.string()), communications: z.array(z.string()) }),
    legalHolds: meta(z.array(z.string()), {
      description: 'Active legal holds on this item (its own and the incident’s)',
    }),
    registeredAt: TimestampOut,
    registeredBy: z.string(),
    confirmedAt: z.optional(TimestampOut),
    deletedAt: z.optional(TimestampOut),
    deletedReason: z.optional(z.string()),
    version: z.number().check(z.int()),
  }),
  { id: 'Evidence' },
);
export type Evidence = z.infer<typeof Evidence>;

export const EvidenceDetail = meta(z.extend(Evidence, { custody: z.array(CustodyEntry) }), {
  id: 'EvidenceDetail',
});
export type EvidenceDetail = z.infer<typeof EvidenceDetail>;

export const RegisteredEvidence = meta(z.object({ evidence: Evidence, upload: PresignedRequest }), {
  id: 'RegisteredEvidence',
});

export const EvidenceDownload = meta(
  z.object({ evidenceId: z.string(), sha256: z.string(), download: PresignedRequest, custody: CustodyEntry }),
  { id: 'EvidenceDownload' },
);

export const Hold = meta(
  z.object({
    holdId: z.string(),
    kind: HoldKind,
    status: z.enum(['active', 'released']),
    evidenceId: z.optional(z.string()),
    audiences: z.optional(z.array(Audience)),
    reason: z.string(),
    requestedBy: z.optional(z.string()),
    reviewBy: z.optional(TimestampOut),
    placedAt: TimestampOut,
    placedBy: z.string(),
    releasedAt: z.optional(TimestampOut),
    releasedBy: z.optional(z.string()),
    releaseReason: z.optional(z.string()),
    objectLocks: meta(z.optional(z.number().check(z.int())), {
      description: 'legal: object versions whose S3 legal hold this change turned on/off',
    }),
  }),
  { id: 'Hold' },
);
export type Hold = z.infer<typeof Hold>;

export const HoldList = meta(z.object({ items: z.array(Hold) }), { id: 'HoldList' });
