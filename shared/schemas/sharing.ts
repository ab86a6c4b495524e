/**
 * Information sharing (issue 14, docs/sharing.md): indicators and sightings recorded on an
 * incident, the STIX 2.1 export, TAXII 2.1 collections and the sharing ledger.
 */
import { z } from 'zod';
import { stixPatternError } from '../model/stix-pattern.js';
import { Id, PageQuery, Text, Timestamp, TimestampOut, Tlp } from './common.js';

export const INDICATOR_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'md5',
  'sha1',
  'sha256',
  'email-addr',
] as const;
export const IndicatorType = z.enum(INDICATOR_TYPES).meta({
  description:
    'Observable type: an IP address (v4/v6, optionally CIDR), domain name, URL, file hash (MD5, SHA-1, SHA-256) or e-mail address',
});
export type IndicatorType = z.infer<typeof IndicatorType>;

const DOMAIN = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const HEX = { md5: 32, sha1: 40, sha256: 64 } as const;

/** Why `value` is not a valid observable of `type`, or null. */
export function observableValueError(type: IndicatorType, value: string): string | null {
  switch (type) {
    case 'ipv4-addr':
      return z.union([z.ipv4(), z.cidrv4()]).safeParse(value).success
        ? null
        : 'must be an IPv4 address or CIDR';
    case 'ipv6-addr':
      return z.union([z.ipv6(), z.cidrv6()]).safeParse(value).success
        ? null
        : 'must be an IPv6 address or CIDR';
    case 'domain-name':
      return DOMAIN.test(value) ? null : 'must be a domain name such as example.org';
    case 'url':
      return z.url({ protocol: /^(https?|ftp)$/ }).safeParse(value).success
        ? null
        : 'must be an http(s) or ftp URL';
    case 'email-addr':
      return z.email().safeParse(value).success ? null : 'must be an e-mail address';
    default:
      return new RegExp(`^[0-9a-fA-F]{${HEX[type]}}$`).test(value)
        ? null
        : `must be ${HEX[type]} hexadecimal characters`;
  }
}

export const CreateIndicatorBody = z
  .strictObject({
    type: IndicatorType,
    value: Text(2048),
    name: Text(200).optional(),
    description: Text(4000).optional(),
    pattern: Text(4000).optional().meta({
      description:
        "STIX 2.1 pattern (its grammar is checked); by default one is derived from type and value, e.g. `[ipv4-addr:value = '198.51.100.7']`",
    }),
    tlp: Tlp.optional().meta({ description: 'Its own TLP (default: the incident’s; never above it)' }),
    validFrom: Timestamp.optional(),
    labels: z.array(Text(100)).max(20).optional(),
  })
  .superRefine((b, ctx) => {
    const valueError = observableValueError(b.type, b.value);
    if (valueError) ctx.addIssue({ code: 'custom', path: ['value'], message: valueError });
    const patternError = b.pattern === undefined ? null : stixPatternError(b.pattern);
    if (patternError)
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a STIX pattern: ${patternError}` });
  })
  .meta({ description: 'The value is checked against its type; a pattern against the STIX 2.1 grammar' });
export type CreateIndicatorBody = z.infer<typeof CreateIndicatorBody>;

export const Sighting = z
  .object({
    sightingId: z.string(),
    firstSeen: TimestampOut,
    lastSeen: TimestampOut,
    count: z.number().int(),
    organizationId: z
      .string()
      .optional()
      .meta({ description: 'Where it was seen (an organization); absent: the operator' }),
    note: z.string().optional(),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  })
  .meta({ id: 'Sighting' });
export type Sighting = z.infer<typeof Sighting>;

export const CreateSightingBody = z
  .strictObject({
    firstSeen: Timestamp,
    lastSeen: Timestamp.optional(),
    count: z.number().int().min(1).max(999_999_999).optional(),
    organizationId: Id.optional(),
    note: Text(2000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.lastSeen !== undefined && b.lastSeen < b.firstSeen)
      ctx.addIssue({ code: 'custom', path: ['lastSeen'], message: 'must not be before firstSeen' });
  });
export type CreateSightingBody = z.infer<typeof CreateSightingBody>;

export const Indicator = z
  .object({
    indicatorId: z.string(),
    type: IndicatorType,
    value: z.string(),
    name: z.string().optional(),
    description: z.string().optional(),
    pattern: z.string(),
    tlp: Tlp,
    validFrom: TimestampOut,
    labels: z.array(z.string()).optional(),
    sightings: z.array(Sighting),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
    modifiedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Indicator' });
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorList = z.object({ items: z.array(Indicator) });

// ---------------------------------------------------------------- STIX

/** A STIX 2.1 object (validated against the OASIS schemas in the tests). */
export const StixObject = z.looseObject({ type: z.string(), id: z.string() }).meta({ id: 'StixObject' });
export const StixBundle = z
  .object({ type: z.literal('bundle'), id: z.string(), objects: z.array(StixObject) })
  .meta({ id: 'StixBundle' });

export const StixExportQuery = z.strictObject({
  organization: Id.optional().meta({
    description:
      'Recipient organization: only objects at or below its TLP ceiling are exported, and the export is recorded in the sharing ledger for it (a partner always gets its own)',
  }),
});

// ---------------------------------------------------------------- collections

export const Collection = z
  .object({
    id: z.string().meta({ description: 'UUID (the TAXII collection id)' }),
    title: z.string(),
    description: z.string().optional(),
    organizationIds: z
      .array(z.string())
      .meta({ description: 'Members: the organizations whose partner users may read it' }),
    tlpCeiling: Tlp.meta({ description: 'TLP ceiling of the sharing agreement: nothing above it is served' }),
    agreement: z
      .string()
      .optional()
      .meta({ description: 'Reference of the agreement (recorded in the ledger)' }),
    incidentIds: z
      .array(z.string())
      .meta({ description: 'Incidents whose STIX objects the collection serves' }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'SharingCollection' });
export type Collection = z.infer<typeof Collection>;

const collectionFields = {
  title: Text(200),
  description: Text(2000).optional(),
  organizationIds: z.array(Id).min(1).max(50),
  tlpCeiling: Tlp,
  agreement: Text(200).optional(),
  incidentIds: z.array(Id).max(100),
};
export const CreateCollectionBody = z.strictObject(collectionFields);
export type CreateCollectionBody = z.infer<typeof CreateCollectionBody>;
export const UpdateCollectionBody = z
  .strictObject({
    title: collectionFields.title.optional(),
    description: collectionFields.description,
    organizationIds: collectionFields.organizationIds.optional(),
    tlpCeiling: Tlp.optional(),
    agreement: collectionFields.agreement,
    incidentIds: collectionFields.incidentIds.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field' });
export type UpdateCollectionBody = z.infer<typeof UpdateCollectionBody>;
export const CollectionList = z.object({ items: z.array(Collection) });

// ---------------------------------------------------------------- TAXII 2.1

export const TaxiiDiscovery = z.object({
  title: z.string(),
  description: z.string().optional(),
  contact: z.string().optional(),
  default: z.string().optional(),
  api_roots: z.array(z.string()),
});
export const TaxiiApiRoot = z.object({
  title: z.string(),
  description: z.string().optional(),
  versions: z.array(z.string()),
  max_content_length: z.number().int(),
});
export const TaxiiCollection = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  can_read: z.boolean(),
  can_write: z.boolean(),
  media_types: z.array(z.string()),
});
export const TaxiiCollections = z.object({ collections: z.array(TaxiiCollection).optional() });
export const TaxiiEnvelope = z.object({
  more: z.boolean(),
  next: z.string().optional(),
  objects: z.array(StixObject).optional(),
});
export const TaxiiManifest = z.object({
  more: z.boolean(),
  next: z.string().optional(),
  objects: z
    .array(z.object({ id: z.string(), date_added: z.string(), version: z.string(), media_type: z.string() }))
    .optional(),
});
export const TaxiiVersions = z.object({
  more: z.boolean(),
  next: z.string().optional(),
  versions: z.array(z.string()).optional(),
});

const TaxiiTimestamp = z.iso.datetime({ offset: true });
const matchList = z.string().min(1).max(2000);
/** The filters of Get Objects / Get Object Manifests (TAXII 2.1 §3.4.1). */
export const TaxiiObjectsQuery = z.strictObject({
  added_after: TaxiiTimestamp.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  next: z.string().min(1).max(512).optional(),
  'match[id]': matchList.optional(),
  'match[type]': matchList.optional(),
  'match[version]': matchList.optional(),
  'match[spec_version]': matchList.optional(),
});
export type TaxiiObjectsQuery = z.infer<typeof TaxiiObjectsQuery>;
export const TaxiiObjectQuery = TaxiiObjectsQuery.omit({ 'match[id]': true, 'match[type]': true });
export const TaxiiVersionsQuery = TaxiiObjectsQuery.pick({
  added_after: true,
  limit: true,
  next: true,
  'match[spec_version]': true,
});

// ---------------------------------------------------------------- the ledger

export const LEDGER_CHANNELS = ['stix-export', 'taxii', 'notification', 'regulator-submission'] as const;
export const LedgerEntry = z
  .object({
    entryId: z.string(),
    at: TimestampOut,
    channel: z.enum(LEDGER_CHANNELS),
    incidentId: z.string().optional(),
    organizationId: z.string().optional().meta({ description: 'To whom (organization); absent: not known' }),
    recipient: z.string().optional().meta({ description: 'Contact, collection, regulator or topic' }),
    collectionId: z.string().optional(),
    tlp: Tlp.meta({ description: 'Highest TLP of what was shared' }),
    agreement: z.string().optional(),
    by: z.string().meta({ description: 'Authenticated subject who sent or read it' }),
    objects: z
      .array(z.object({ id: z.string(), version: z.string().optional() }))
      .meta({ description: 'What: STIX object ids and versions, or the communication / submission id' }),
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.strictObject({
  ...PageQuery,
  format: z.enum(['json', 'jsonl', 'csv']).default('json').meta({
    description: '`json`: a page; `jsonl` / `csv`: an export of up to 1,000 entries as text (in `export`)',
  }),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;
export const LedgerPage = z.object({
  items: z.array(LedgerEntry),
  nextCursor: z.string().nullable(),
  export: z.string().optional().meta({ description: 'The entries as JSON lines or CSV (format=jsonl|csv)' }),
});

export const DeleteCollectionBody = z.strictObject({
  reason: Text(500).optional().meta({ description: 'Why (kept in the logs)' }),
});
