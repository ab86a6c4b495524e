import { z } from 'zod';
import { Id, PageQuery, Text, TimestampOut } from './common.js';

/**
 * Stakeholder groups, by ISO/IEC 27035-4 coordination dimension. `coordination` is the incident
 * coordination team itself: the contacts Liaison tells about directory problems (stale contacts,
 * expiring agreements) and missed deadlines.
 */
export const VERTICAL_GROUPS = ['executives', 'board', 'management', 'technical'] as const;
export const HORIZONTAL_GROUPS = [
  'coordination',
  'it',
  'legal',
  'hr',
  'pr',
  'compliance',
  'physical_security',
] as const;
export const EXTERNAL_GROUPS = [
  'customers',
  'regulators',
  'law_enforcement',
  'suppliers',
  'partners',
  'isac',
  'cert',
] as const;
export const STAKEHOLDER_GROUPS = [...VERTICAL_GROUPS, ...HORIZONTAL_GROUPS, ...EXTERNAL_GROUPS] as const;
export const StakeholderGroup = z.enum(STAKEHOLDER_GROUPS);
export type StakeholderGroup = z.infer<typeof StakeholderGroup>;

export const Dimension = z
  .enum(['vertical', 'horizontal', 'external'])
  .meta({ description: 'Coordination dimension, derived from the stakeholder group and organization kind' });
export type Dimension = z.infer<typeof Dimension>;

export const CHANNEL_TYPES = ['email', 'sms', 'https', 'sqs', 'phone'] as const;
export const ChannelType = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelType>;

export const Channel = z
  .strictObject({
    type: ChannelType,
    address: z.string().trim().min(1).max(2048).meta({
      description:
        'email: an e-mail address; sms, phone: E.164 (+14155550100); https: an https:// URL (http:// only in the local stack); sqs: a queue ARN',
    }),
    priority: z.enum(['primary', 'backup']),
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

const contactFields = {
  name: Text(200),
  title: Text(200),
  stakeholderGroup: StakeholderGroup,
  channels: z.array(Channel).min(1).max(10),
  alternates: z.array(Id).max(10).meta({ description: 'Ids of contacts to reach when this one is not' }),
  verificationIntervalDays: z.number().int().min(1).max(730),
};

export const CreateContactBody = z
  .strictObject({
    id: Id.optional(),
    organizationId: Id,
    ...contactFields,
    title: contactFields.title.optional(),
    alternates: contactFields.alternates.default([]),
    verificationIntervalDays: contactFields.verificationIntervalDays.default(90),
  })
  .meta({ id: 'CreateContact' });
export type CreateContactBody = z.infer<typeof CreateContactBody>;

export const UpdateContactBody = z
  .strictObject({
    name: contactFields.name.optional(),
    title: contactFields.title.optional(),
    stakeholderGroup: StakeholderGroup.optional(),
    channels: contactFields.channels.optional(),
    alternates: contactFields.alternates.optional(),
    verificationIntervalDays: contactFields.verificationIntervalDays.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateContact', description: 'organizationId cannot change' });
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;

export const DeleteContactBody = z
  .strictObject({ reason: Text(500).optional() })
  .meta({ id: 'DeleteContact', description: 'Optional; the body may be empty' });
export type DeleteContactBody = z.infer<typeof DeleteContactBody>;

export const ListContactsQuery = z.strictObject({
  ...PageQuery,
  organizationId: Id.optional(),
  stakeholderGroup: StakeholderGroup.optional(),
  dimension: Dimension.optional(),
});
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;

export const Contact = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    title: z.string().optional(),
    stakeholderGroup: StakeholderGroup,
    dimension: Dimension,
    channels: z.array(Channel),
    alternates: z.array(z.string()),
    alternateOf: z
      .array(z.string())
      .meta({ description: 'Live contacts that name this one as an alternate (kept by the service)' }),
    referencedBy: z.array(z.string()).meta({
      description:
        'What else relies on this contact (`organization:<id>#escalation`, `organization:<id>#owner`, `policy:<id>` …); kept by the services, a referenced contact cannot be deleted',
    }),
    verificationIntervalDays: z.number().int(),
    verificationStatus: z.enum(['pending', 'verified', 'stale']),
    verificationComment: z
      .string()
      .optional()
      .meta({ description: 'Note the contact left with its last confirmation (POST /verify/{token})' }),
    reverification: z
      .object({
        reason: z.string(),
        exerciseId: z.string(),
        findingId: z.string(),
        flaggedAt: TimestampOut,
        flaggedBy: z.string(),
      })
      .optional()
      .meta({
        description:
          'Flagged for re-verification by an exercise finding (due at the next sweep); cleared when the contact is next verified or updated',
      }),
    lastVerifiedAt: TimestampOut.nullable(),
    nextVerificationDue: TimestampOut,
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    deletedAt: TimestampOut.nullable().meta({ description: 'Set when deleted (soft delete)' }),
    deletedBy: z.string().nullable(),
    subscriptions: z
      .array(
        z.object({
          type: ChannelType,
          address: z.string(),
          subscriptionArn: z.string(),
          status: z.enum(['pending_confirmation', 'confirmed']),
        }),
      )
      .optional()
      .meta({
        description:
          'SNS subscriptions of the deliverable channels (email, sms, https, sqs) on the organization topic',
      }),
    version: z.number().int(),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;
