import * as z from 'zod/mini';
import { Id, meta, PageQuery, Text, TimestampOut } from './common.js';

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

export const Dimension = meta(z.enum(['vertical', 'horizontal', 'external']), {
  description: 'Coordination dimension, derived from the stakeholder group and organization kind',
});
export type Dimension = z.infer<typeof Dimension>;

export const CHANNEL_TYPES = ['email', 'sms', 'https', 'sqs', 'phone'] as const;
export const ChannelType = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelType>;

export const Channel = meta(
  z.strictObject({
    type: ChannelType,
    address: meta(z.string().check(z.trim(), z.minLength(1), z.maxLength(2048)), {
      description:
        'email: an e-mail address; sms, phone: E.164 (+14155550100); https: an https:// URL (http:// only in the local stack); sqs: a queue ARN',
    }),
    priority: z.enum(['primary', 'backup']),
  }),
  { id: 'Channel' },
);
export type Channel = z.infer<typeof Channel>;

const contactFields = {
  name: Text(200),
  title: Text(200),
  stakeholderGroup: StakeholderGroup,
  channels: z.array(Channel).check(z.minLength(1), z.maxLength(10)),
  alternates: meta(z.array(Id).check(z.maxLength(10)), {
    description: 'Ids of contacts to reach when this one is not',
  }),
  verificationIntervalDays: z.number().check(z.int(), z.minimum(1), z.maximum(730)),
};

export const CreateContactBody = meta(
  z.strictObject({
    id: z.optional(Id),
    organizationId: Id,
    ...contactFields,
    title: z.optional(contactFields.title),
    alternates: z._default(contactFields.alternates, []),
    verificationIntervalDays: z._default(contactFields.verificationIntervalDays, 90),
  }),
  { id: 'CreateContact' },
);
export type CreateContactBody = z.infer<typeof CreateContactBody>;

export const UpdateContactBody = meta(
  z
    .strictObject({
      name: z.optional(contactFields.name),
      title: z.optional(contactFields.title),
      stakeholderGroup: z.optional(StakeholderGroup),
      channels: z.optional(contactFields.channels),
      alternates: z.optional(contactFields.alternates),
      verificationIntervalDays: z.optional(contactFields.verificationIntervalDays),
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateContact', description: 'organizationId cannot change' },
);
export type UpdateContactBody = z.infer<typeof UpdateContactBody>;

export const DeleteContactBody = meta(z.strictObject({ reason: z.optional(Text(500)) }), {
  id: 'DeleteContact',
  description: 'Optional; the body may be empty',
});
export type DeleteContactBody = z.infer<typeof DeleteContactBody>;

export const ListContactsQuery = z.strictObject({
  ...PageQuery,
  organizationId: z.optional(Id),
  stakeholderGroup: z.optional(StakeholderGroup),
  dimension: z.optional(Dimension),
});
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;

export const Contact = meta(
  z.object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    title: z.optional(z.string()),
    stakeholderGroup: StakeholderGroup,
    dimension: Dimension,
    channels: z.array(Channel),
    alternates: z.array(z.string()),
    alternateOf: meta(z.array(z.string()), {
      description: 'Live contacts that name this one as an alternate (kept by the service)',
    }),
    referencedBy: meta(z.array(z.string()), {
      description:
        'What else relies on this contact (`organization:<id>#escalation`, `organization:<id>#owner`, `policy:<id>` …); kept by the services, a referenced contact cannot be deleted',
    }),
    verificationIntervalDays: z.number().check(z.int()),
    verificationStatus: z.enum(['pending', 'verified', 'stale']),
    verificationComment: meta(z.optional(z.string()), {
      description: 'Note the contact left with its last confirmation (POST /verify/{token})',
    }),
    reverification: meta(
      z.optional(
        z.object({
          reason: z.string(),
          exerciseId: z.string(),
          findingId: z.string(),
          flaggedAt: TimestampOut,
          flaggedBy: z.string(),
        }),
      ),
      {
        description:
          'Flagged for re-verification by an exercise finding (due at the next sweep); cleared when the contact is next verified or updated',
      },
    ),
    lastVerifiedAt: z.nullable(TimestampOut),
    nextVerificationDue: TimestampOut,
    createdAt: TimestampOut,
    createdBy: z.string(),
    updatedAt: TimestampOut,
    deletedAt: meta(z.nullable(TimestampOut), { description: 'Set when deleted (soft delete)' }),
    deletedBy: z.nullable(z.string()),
    subscriptions: meta(
      z.optional(
        z.array(
          z.object({
            type: ChannelType,
            address: z.string(),
            subscriptionArn: z.string(),
            status: z.enum(['pending_confirmation', 'confirmed']),
          }),
        ),
      ),
      {
        description:
          'SNS subscriptions of the deliverable channels (email, sms, https, sqs) on the organization topic',
      },
    ),
    version: z.number().check(z.int()),
  }),
  { id: 'Contact' },
);
export type Contact = z.infer<typeof Contact>;
