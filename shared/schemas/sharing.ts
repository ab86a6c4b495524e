/**
 * Information sharing (issue 14, docs/sharing.md): indicators and sightings recorded on an
 * incident, the STIX 2.1 export, TAXII 2.1 collections and the sharing ledger.
 */
import * as z from 'zod/mini';
import { stixPatternError } from '../model/stix-pattern.js';
import { Id, meta, PageQuery, Text, Timestamp, TimestampOut, Tlp } from './common.js';

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
export const IndicatorType = meta(z.enum(INDICATOR_TYPES), {
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

export const CreateIndicatorBody = meta(
  z
    .strictObject({
      type: IndicatorType,
      value: Text(2048),
      name: z.optional(Text(200)),
      description: z.optional(Text(4000)),
      pattern: meta(z.optional(Text(4000)), {
        description:
          "STIX 2.1 pattern (its grammar is checked); by default one is derived from type and value, e.g. `[ipv4-addr:value = '198.51.100.7']`",
      }),
      tlp: meta(z.optional(Tlp), { description: 'Its own TLP (default: the incident’s; never above it)' }),
      validFrom: z.optional(Timestamp),
      labels: z.optional(z.array(Text(100)).check(z.maxLength(20))),
    })
    .check(
      z.superRefine((b, ctx) => {
        const valueError = observableValueError(b.type, b.value);
        if (valueError) ctx.addIssue({ code: 'custom', path: ['value'], message: valueError });
        const patternError = b.pattern === undefined ? null : stixPatternError(b.pattern);
        if (patternError)
          ctx.addIssue({ code: 'custom', path: ['pattern'], message: `not a STIX pattern: ${patternError}` });
      }),
    ),
  { description: 'The value is checked against its type; a pattern against the STIX 2.1 grammar' },
);
export type CreateIndicatorBody = z.infer<typeof CreateIndicatorBody>;

export const Sighting = meta(
  z.object({
    sightingId: z.string(),
    firstSeen: TimestampOut,
    lastSeen: TimestampOut,
    count: z.number().check(z.int()),
    organizationId: meta(z.optional(z.string()), {
      description: 'Where it was seen (an organization); absent: the operator',
    }),
    note: z.optional(z.string()),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
  }),
  { id: 'Sighting' },
);
export type Sighting = z.infer<typeof Sighting>;

export const CreateSightingBody = z
  .strictObject({
    firstSeen: Timestamp,
    lastSeen: z.optional(Timestamp),
    count: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(999_999_999))),
    organizationId: z.optional(Id),
    note: z.optional(Text(2000)),
  })
  .check(
    z.superRefine((b, ctx) => {
      if (b.lastSeen !== undefined && b.lastSeen < b.firstSeen)
        ctx.addIssue({ code: 'custom', path: ['lastSeen'], message: 'must not be before firstSeen' });
    }),
  );
export type CreateSightingBody = z.infer<typeof CreateSightingBody>;

export const Indicator = meta(
  z.object({
    indicatorId: z.string(),
    type: IndicatorType,
    value: z.string(),
    name: z.optional(z.string()),
    description: z.optional(z.string()),
    pattern: z.string(),
    tlp: Tlp,
    validFrom: TimestampOut,
    labels: z.optional(z.array(z.string())),
    sightings: z.array(Sighting),
    recordedAt: TimestampOut,
    recordedBy: z.string(),
    modifiedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'Indicator' },
);
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorList = z.object({ items: z.array(Indicator) });

// ---------------------------------------------------------------- STIX

/** A STIX 2.1 object (validated against the OASIS schemas in the tests). */
export const StixObject = meta(z.looseObject({ type: z.string(), id: z.string() }), { id: 'StixObject' });
export const StixBundle = meta(
  z.object({ type: z.literal('bundle'), id: z.string(), objects: z.array(StixObject) }),
  { id: 'StixBundle' },
);

export const StixExportQuery = z.strictObject({
  organization: meta(z.optional(Id), {
    description:
      'Recipient organization: only objects at or below its TLP ceiling are exported, and the export is recorded in the sharing ledger for it (a partner always gets its own)',
  }),
});

// ---------------------------------------------------------------- collections

export const Collection = meta(
  z.object({
    id: meta(z.string(), { description: 'UUID (the TAXII collection id)' }),
    title: z.string(),
    description: z.optional(z.string()),
    organizationIds: meta(z.array(z.string()), {
      description: 'Members: the organizations whose partner users may read it',
    }),
    tlpCeiling: meta(Tlp, {
      description: 'TLP ceiling of the sharing agreement: nothing above it is served',
    }),
    agreement: meta(z.optional(z.string()), {
      description: 'Reference of the agreement (recorded in the ledger)',
    }),
    incidentIds: meta(z.array(z.string()), {
      description: 'Incidents whose STIX objects the collection serves',
    }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'SharingCollection' },
);
export type Collection = z.infer<typeof Collection>;

const collectionFields = {
  title: Text(200),
  description: z.optional(Text(2000)),
  organizationIds: z.array(Id).check(z.minLength(1), z.maxLength(50)),
  tlpCeiling: Tlp,
  agreement: z.optional(Text(200)),
  incidentIds: z.array(Id).check(z.maxLength(100)),
};
export const CreateCollectionBody = z.strictObject(collectionFields);
export type CreateCollectionBody = z.infer<typeof CreateCollectionBody>;
export const UpdateCollectionBody = z
  .strictObject({
    title: z.optional(collectionFields.title),
    description: collectionFields.description,
    organizationIds: z.optional(collectionFields.organizationIds),
    tlpCeiling: z.optional(Tlp),
    agreement: collectionFields.agreement,
    incidentIds: z.optional(collectionFields.incidentIds),
  })
  .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field' }));
export type UpdateCollectionBody = z.infer<typeof UpdateCollectionBody>;
export const CollectionList = z.object({ items: z.array(Collection) });

// ---------------------------------------------------------------- TAXII 2.1

export const TaxiiDiscovery = z.object({
  title: z.string(),
  description: z.optional(z.string()),
  contact: z.optional(z.string()),
  default: z.optional(z.string()),
  api_roots: z.array(z.string()),
});
export const TaxiiApiRoot = z.object({
  title: z.string(),
  description: z.optional(z.string()),
  versions: z.array(z.string()),
  max_content_length: z.number().check(z.int()),
});
export const TaxiiCollection = z.object({
  id: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  can_read: z.boolean(),
  can_write: z.boolean(),
  media_types: z.array(z.string()),
});
export const TaxiiCollections = z.object({ collections: z.optional(z.array(TaxiiCollection)) });
export const TaxiiEnvelope = z.object({
  more: z.boolean(),
  next: z.optional(z.string()),
  objects: z.optional(z.array(StixObject)),
});
export const TaxiiManifest = z.object({
  more: z.boolean(),
  next: z.optional(z.string()),
  objects: z.optional(
    z.array(
      z.object({ id: z.string(), date_added: z.string(), version: z.string(), media_type: z.string() }),
    ),
  ),
});
export const TaxiiVersions = z.object({
  more: z.boolean(),
  next: z.optional(z.string()),
  versions: z.optional(z.array(z.string())),
});

const TaxiiTimestamp = z.iso.datetime({ offset: true });
const matchList = z.string().check(z.minLength(1), z.maxLength(2000));
/** The filters of Get Objects / Get Object Manifests (TAXII 2.1 §3.4.1). */
export const TaxiiObjectsQuery = z.strictObject({
  added_after: z.optional(TaxiiTimestamp),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000))),
  next: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  'match[id]': z.optional(matchList),
  'match[type]': z.optional(matchList),
  'match[version]': z.optional(matchList),
  'match[spec_version]': z.optional(matchList),
});
export type TaxiiObjectsQuery = z.infer<typeof TaxiiObjectsQuery>;
export const TaxiiObjectQuery = z.omit(TaxiiObjectsQuery, { 'match[id]': true, 'match[type]': true });
export const TaxiiVersionsQuery = z.pick(TaxiiObjectsQuery, {
  added_after: true,
  limit: true,
  next: true,
  'match[spec_version]': true,
});

// ---------------------------------------------------------------- the ledger

export const LEDGER_CHANNELS = ['stix-export', 'taxii', 'notification', 'regulator-submission'] as const;
export const LedgerEntry = meta(
  z.object({
    entryId: z.string(),
    at: TimestampOut,
    channel: z.enum(LEDGER_CHANNELS),
    incidentId: z.optional(z.string()),
    organizationId: meta(z.optional(z.string()), {
      description: 'To whom (organization); absent: not known',
    }),
    recipient: meta(z.optional(z.string()), { description: 'Contact, collection, regulator or topic' }),
    collectionId: z.optional(z.string()),
    tlp: meta(Tlp, { description: 'Highest TLP of what was shared' }),
    agreement: z.optional(z.string()),
    by: meta(z.string(), { description: 'Authenticated subject who sent or read it' }),
    objects: meta(z.array(z.object({ id: z.string(), version: z.optional(z.string()) })), {
      description: 'What: STIX object ids and versions, or the communication / submission id',
    }),
  }),
  { id: 'LedgerEntry' },
);
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerQuery = z.strictObject({
  ...PageQuery,
  format: meta(z._default(z.enum(['json', 'jsonl', 'csv']), 'json'), {
    description: '`json`: a page; `jsonl` / `csv`: an export of up to 1,000 entries as text (in `export`)',
  }),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;
export const LedgerPage = z.object({
  items: z.array(LedgerEntry),
  nextCursor: z.nullable(z.string()),
  export: meta(z.optional(z.string()), {
    description: 'The entries as JSON lines or CSV (format=jsonl|csv)',
  }),
});

export const DeleteCollectionBody = z.strictObject({
  reason: meta(z.optional(Text(500)), { description: 'Why (kept in the logs)' }),
});
