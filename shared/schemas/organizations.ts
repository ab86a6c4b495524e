import { z } from 'zod';
import { Id, PageQuery, Text, Timestamp, TimestampOut, Tlp } from './common.js';
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
export const OtherOrganizationKind = OrganizationKind.exclude(['supplier']);

export const CreateOrganizationBody = z
  .strictObject({
    id: Id.optional(),
    name: Text(200),
    kind: OrganizationKind.meta({
      description: 'supplier is refused here: register suppliers with POST /third-parties',
    }),
    description: Text(2000).optional(),
    contactInfo: ContactInfo.optional(),
  })
  .meta({ id: 'CreateOrganization' });
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = z
  .strictObject({
    name: Text(200).optional(),
    description: Text(2000).optional(),
    contactInfo: ContactInfo.optional(),
    ...ContactReferenceFields,
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateOrganization', description: 'The kind of an organization cannot change' });
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

export const ListOrganizationsQuery = z.strictObject({
  ...PageQuery,
  kind: OrganizationKind.optional(),
});
export type ListOrganizationsQuery = z.infer<typeof ListOrganizationsQuery>;

/** An organization that is not a third party. */
export const OtherOrganization = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: OtherOrganizationKind,
    description: z.string().optional(),
    contactInfo: ContactInfo.optional(),
    topicArn: z.string().optional().meta({ description: 'SNS topic of the organization (notifications)' }),
    ...ContactReferenceView,
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'OtherOrganization' });
export type OtherOrganization = z.infer<typeof OtherOrganization>;

/** Any organization: a third party (kind `supplier`) or another body. */
export const Organization = z.discriminatedUnion('kind', [ThirdParty, OtherOrganization]).meta({
  id: 'Organization',
});
export type Organization = z.infer<typeof Organization>;

// ---------- sharing agreements ----------

export const AGREEMENT_TYPES = ['nda', 'mou', 'contract_clause', 'isac_membership', 'other'] as const;
export const AgreementType = z.enum(AGREEMENT_TYPES);

export const CreateAgreementBody = z
  .strictObject({
    id: Id.optional(),
    type: AgreementType,
    reference: Text(500).meta({ description: 'Document reference, e.g. contract number' }),
    signedAt: Timestamp,
    expiresAt: Timestamp.optional(),
    tlpCeiling: Tlp.meta({ description: 'Highest TLP level the organization may receive under it' }),
    handlingCaveats: Text(2000).optional(),
  })
  .meta({ id: 'CreateAgreement' });
export type CreateAgreementBody = z.infer<typeof CreateAgreementBody>;

export const UpdateAgreementBody = z
  .strictObject({
    reference: Text(500).optional(),
    expiresAt: Timestamp.nullable().optional().meta({ description: 'null removes the expiry' }),
    tlpCeiling: Tlp.optional(),
    handlingCaveats: Text(2000).optional(),
    revoke: z.literal(true).optional().meta({ description: 'Revoke the agreement (final)' }),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateAgreement' });
export type UpdateAgreementBody = z.infer<typeof UpdateAgreementBody>;

export const AgreementStatus = z.enum(['valid', 'not_yet_valid', 'expired', 'revoked']);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

export const Agreement = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    type: AgreementType,
    reference: z.string(),
    signedAt: TimestampOut,
    expiresAt: TimestampOut.nullable(),
    tlpCeiling: Tlp,
    handlingCaveats: z.string().optional(),
    status: AgreementStatus.meta({
      description: 'Computed at read time from signedAt, expiresAt, revokedAt',
    }),
    revokedAt: TimestampOut.nullable(),
    revokedBy: z.string().nullable(),
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;

export const AgreementList = z
  .object({
    items: z.array(Agreement),
    effectiveTlpCeiling: Tlp.meta({
      description: 'Highest TLP the organization may receive now: the best valid agreement, at least GREEN',
    }),
  })
  .meta({ id: 'AgreementList' });
