/** Evidence register, legal holds and disclosure holds (docs/evidence.md). */
import { z } from 'zod';
import { AUDIENCES, EVIDENCE_TYPES, HOLD_KINDS, MAX_EVIDENCE_BYTES } from '../model/disclosure.js';
import { Id, PageQuery, Text, Timestamp, TimestampOut } from './common.js';

export const Audience = z.enum(AUDIENCES).meta({ description: 'Who an outbound communication is for' });
export type Audience = z.infer<typeof Audience>;
export const HoldKind = z.enum(HOLD_KINDS);
export const EvidenceType = z.enum(EVIDENCE_TYPES);

const Sha256 = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 digest: 64 hexadecimal characters')
  .transform((v) => v.toLowerCase())
  .meta({ description: 'SHA-256 of the file, hex' });

const Links = z.strictObject({
  actions: z.array(Id).max(50).optional().meta({ description: 'Action ids (ACTION-n) of this incident' }),
  communications: z
    .array(Id)
    .max(50)
    .optional()
    .meta({ description: 'Communication ids (COMM-n) of this incident' }),
});

// ---------- requests ----------

export const RegisterEvidenceBody = z
  .strictObject({
    description: Text(2000),
    type: EvidenceType,
    source: Text(500).meta({ description: 'Where it came from: host, system, mailbox, person' }),
    collectedBy: Text(200).optional().meta({ description: 'Default: the caller' }),
    collectedAt: Timestamp,
    fileName: Text(255),
    contentType: z
      .string()
      .regex(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, 'must be a media type such as text/plain')
      .max(127)
      .default('application/octet-stream'),
    sha256: Sha256,
    size: z.number().int().min(1).max(MAX_EVIDENCE_BYTES).meta({ description: 'Bytes' }),
    links: Links.optional(),
  })
  .meta({ id: 'RegisterEvidence' });
export type RegisterEvidenceBody = z.infer<typeof RegisterEvidenceBody>;

export const TransferCustodyBody = z
  .strictObject({
    to: Text(200).meta({ description: 'New custodian (person, team or agency)' }),
    reason: Text(2000),
    from: Text(200).optional().meta({ description: 'Default: the current custodian' }),
    at: Timestamp.optional().meta({ description: 'When the handover happened; default now' }),
  })
  .meta({ id: 'TransferCustody' });
export type TransferCustodyBody = z.infer<typeof TransferCustodyBody>;

export const DeleteEvidenceBody = z.strictObject({ reason: Text(2000) }).meta({ id: 'DeleteEvidence' });
export type DeleteEvidenceBody = z.infer<typeof DeleteEvidenceBody>;

export const DownloadEvidenceBody = z
  .strictObject({ reason: Text(2000).optional().meta({ description: 'Recorded in the custody history' }) })
  .meta({ id: 'DownloadEvidence' });
export type DownloadEvidenceBody = z.infer<typeof DownloadEvidenceBody>;

export const ConfirmEvidenceUploadBody = z
  .strictObject({
    note: Text(1000)
      .optional()
      .meta({ description: 'Recorded on the custody entry of the upload (e.g. who checked the file)' }),
  })
  .meta({ id: 'ConfirmEvidenceUpload', description: 'Optional; the body may be empty' });
export type ConfirmEvidenceUploadBody = z.infer<typeof ConfirmEvidenceUploadBody>;

export const PlaceHoldBody = z
  .strictObject({
    kind: HoldKind.meta({
      description:
        'legal: evidence may not be deleted or changed; disclosure: outbound communications to `audiences` refused',
    }),
    reason: Text(2000),
    evidenceId: Id.optional().meta({ description: 'legal only: hold one item; default the whole incident' }),
    audiences: z
      .array(Audience)
      .min(1)
      .max(6)
      .optional()
      .meta({ description: 'disclosure only; default customers, media, public' }),
    requestedBy: Text(500)
      .optional()
      .meta({ description: 'Who asked for it, e.g. the investigating agency and its reference' }),
    reviewBy: Timestamp.optional().meta({ description: 'When the hold is to be reviewed' }),
  })
  .superRefine((body, ctx) => {
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
  })
  .meta({ id: 'PlaceHold' });
export type PlaceHoldBody = z.infer<typeof PlaceHoldBody>;

export const ReleaseHoldBody = z.strictObject({ reason: Text(2000) }).meta({ id: 'ReleaseHold' });
export type ReleaseHoldBody = z.infer<typeof ReleaseHoldBody>;

export const EvidencePageQuery = z.strictObject({ ...PageQuery, limit: PageQuery.limit.default(100) });
export type EvidencePageQuery = z.infer<typeof EvidencePageQuery>;

// ---------- responses ----------

export const CustodyEntry = z
  .object({
    seq: z.number().int(),
    kind: z.enum(['collected', 'uploaded', 'transfer', 'download', 'hold', 'release', 'deleted']),
    at: TimestampOut,
    by: z.string(),
    from: z.string().optional(),
    to: z.string().optional(),
    reason: z.string().optional(),
    versionId: z.string().optional(),
  })
  .meta({ id: 'CustodyEntry' });
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const PresignedRequest = z
  .object({
    method: z.enum(['PUT', 'GET']),
    url: z.string(),
    headers: z.record(z.string(), z.string()).meta({ description: 'Send these headers with the request' }),
    expiresAt: TimestampOut,
  })
  .meta({ id: 'PresignedRequest' });

export const Evidence = z
  .object({
    evidenceId: z.string(),
    description: z.string(),
    type: EvidenceType,
    source: z.string(),
    collectedBy: z.string(),
    collectedAt: TimestampOut,
    fileName: z.string(),
    contentType: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    status: z.enum(['pending_upload', 'confirmed', 'deleted']),
    storage: z.object({ bucket: z.string(), key: z.string(), versionId: z.string().optional() }),
    custodian: z.string().meta({ description: 'Current custodian' }),
    links: z.object({ actions: z.array(z.string()), communications: z.array(z.string()) }),
    legalHolds: z
      .array(z.string())
      .meta({ description: 'Active legal holds on this item (its own and the incident’s)' }),
    registeredAt: TimestampOut,
    registeredBy: z.string(),
    confirmedAt: TimestampOut.optional(),
    deletedAt: TimestampOut.optional(),
    deletedReason: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Evidence' });
export type Evidence = z.infer<typeof Evidence>;

export const EvidenceDetail = Evidence.extend({ custody: z.array(CustodyEntry) }).meta({
  id: 'EvidenceDetail',
});
export type EvidenceDetail = z.infer<typeof EvidenceDetail>;

export const RegisteredEvidence = z
  .object({ evidence: Evidence, upload: PresignedRequest })
  .meta({ id: 'RegisteredEvidence' });

export const EvidenceDownload = z
  .object({ evidenceId: z.string(), sha256: z.string(), download: PresignedRequest, custody: CustodyEntry })
  .meta({ id: 'EvidenceDownload' });

export const Hold = z
  .object({
    holdId: z.string(),
    kind: HoldKind,
    status: z.enum(['active', 'released']),
    evidenceId: z.string().optional(),
    audiences: z.array(Audience).optional(),
    reason: z.string(),
    requestedBy: z.string().optional(),
    reviewBy: TimestampOut.optional(),
    placedAt: TimestampOut,
    placedBy: z.string(),
    releasedAt: TimestampOut.optional(),
    releasedBy: z.string().optional(),
    releaseReason: z.string().optional(),
    objectLocks: z
      .number()
      .int()
      .optional()
      .meta({ description: 'legal: object versions whose S3 legal hold this change turned on/off' }),
  })
  .meta({ id: 'Hold' });
export type Hold = z.infer<typeof Hold>;

export const HoldList = z.object({ items: z.array(Hold) }).meta({ id: 'HoldList' });
