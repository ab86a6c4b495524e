import * as z from 'zod/mini';
import { Id, meta, PageQuery, Text, Timestamp, TimestampOut, Tlp } from './common.js';
import { ContactInfo, ContactReferenceFields, ContactReferenceView, ThirdParty } from './third-parties.js';

/** Every body Liaison coordinates with. `internal` = a unit of the deploying organization. */
export const ORGANIZATION_KINDS = [
  'regulator',
  'law_enforcement',
  'isac',
  'cert',
  'customer',
  'partner',
  'supplier',
  'internal',
] as const;
export const OrganizationKind = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof OrganizationKind>;

/** Kinds managed through `/organizations`; suppliers are registered as third parties. */
export const OtherOrganizationKind = z.enum(
  ORGANIZATION_KINDS.filter((k): k is Exclude<OrganizationKind, 'supplier'> => k !== 'supplier'),
);

export const CreateOrganizationBody = meta(
  z.strictObject({
    id: z.optional(Id),
    name: Text(200),
    kind: meta(OrganizationKind, {
      description: 'supplier is refused here: register suppliers with POST /third-parties',
    }),
    description: z.optional(Text(2000)),
    contactInfo: z.optional(ContactInfo),
  }),
  { id: 'CreateOrganization' },
);
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = meta(
  z
    .strictObject({
      name: z.optional(Text(200)),
      description: z.optional(Text(2000)),
      contactInfo: z.optional(ContactInfo),
      ...ContactReferenceFields,
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateOrganization', description: 'The kind of an organization cannot change' },
);
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

export const ListOrganizationsQuery = z.strictObject({
  ...PageQuery,
  kind: z.optional(OrganizationKind),
});
export type ListOrganizationsQuery = z.infer<typeof ListOrganizationsQuery>;

/** An organization that is not a third party. */
export const OtherOrganization = meta(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: OtherOrganizationKind,
    description: z.optional(z.string()),
    contactInfo: z.optional(ContactInfo),
    topicArn: meta(z.optional(z.string()), { description: 'SNS topic of the organization (notifications)' }),
    ...ContactReferenceView,
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'OtherOrganization' },
);
export type OtherOrganization = z.infer<typeof OtherOrganization>;

/** Any organization: a third party (kind `supplier`) or another body. */
export const Organization = meta(z.discriminatedUnion('kind', [ThirdParty, OtherOrganization]), {
  id: 'Organization',
});
export type Organization = z.infer<typeof Organization>;

// ---------- sharing agreements ----------

export const AGREEMENT_TYPES = ['nda', 'mou', 'contract_clause', 'isac_membership', 'other'] as const;
export const AgreementType = z.enum(AGREEMENT_TYPES);

export const CreateAgreementBody = meta(
  z.strictObject({
    id: z.optional(Id),
    type: AgreementType,
    reference: meta(Text(500), { description: 'Document reference, e.g. contract number' }),
    signedAt: Timestamp,
    expiresAt: z.optional(Timestamp),
    tlpCeiling: meta(Tlp, { description: 'Highest TLP level the organization may receive under it' }),
    handlingCaveats: z.optional(Text(2000)),
  }),
  { id: 'CreateAgreement' },
);
export type CreateAgreementBody = z.infer<typeof CreateAgreementBody>;

export const UpdateAgreementBody = meta(
  z
    .strictObject({
      reference: z.optional(Text(500)),
      expiresAt: meta(z.optional(z.nullable(Timestamp)), { description: 'null removes the expiry' }),
      tlpCeiling: z.optional(Tlp),
      handlingCaveats: z.optional(Text(2000)),
      revoke: meta(z.optional(z.literal(true)), { description: 'Revoke the agreement (final)' }),
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateAgreement' },
);
export type UpdateAgreementBody = z.infer<typeof UpdateAgreementBody>;

export const AgreementStatus = z.enum(['valid', 'not_yet_valid', 'expired', 'revoked']);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

export const Agreement = meta(
  z.object({
    id: z.string(),
    organizationId: z.string(),
    type: AgreementType,
    reference: z.string(),
    signedAt: TimestampOut,
    expiresAt: z.nullable(TimestampOut),
    tlpCeiling: Tlp,
    handlingCaveats: z.optional(z.string()),
    status: meta(AgreementStatus, {
      description: 'Computed at read time from signedAt, expiresAt, revokedAt',
    }),
    revokedAt: z.nullable(TimestampOut),
    revokedBy: z.nullable(z.string()),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'Agreement' },
);
export type Agreement = z.infer<typeof Agreement>;

export const AgreementList = meta(
  z.object({
    items: z.array(Agreement),
    effectiveTlpCeiling: meta(Tlp, {
      description: 'Highest TLP the organization may receive now: the best valid agreement, at least GREEN',
    }),
  }),
  { id: 'AgreementList' },
);
