import { z } from 'zod';
import { Criticality, Email, Id, PageQuery, Phone, StringList, Text, TimestampOut } from './common.js';

export const ContactPoint = z
  .strictObject({
    name: Text(200).optional(),
    title: Text(200).optional(),
    email: Email.optional(),
    phone: Phone.optional(),
  })
  .meta({ id: 'ContactPoint' });

/**
 * Directory contacts an organization is reached through when Liaison escalates into it, and the
 * internal contact who owns the relationship (told about its stale contacts). Settable with PATCH
 * once the contacts exist; the contacts keep the reference (`referencedBy`) and cannot be deleted
 * while named here.
 */
export const ContactReferenceFields = {
  escalationContactIds: z
    .array(Id)
    .max(10)
    .refine((xs) => new Set(xs).size === xs.length, { message: 'lists a contact twice' })
    .optional()
    .meta({
      description:
        'Ordered directory contacts of THIS organization that escalations into it reach (empty: all its live contacts)',
    }),
  ownerContactId: Id.nullable()
    .optional()
    .meta({ description: 'Directory contact (usually internal) who owns the relationship; null clears it' }),
};

export const ContactReferenceView = {
  escalationContactIds: z.array(z.string()).default([]),
  ownerContactId: z.string().optional(),
};

export const ContactInfo = z
  .strictObject({
    email: Email.optional(),
    phone: Phone.optional(),
    address: Text(500).optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
    notes: Text(2000).optional(),
  })
  .meta({ id: 'ContactInfo' });

export const SlaRequirements = z
  .strictObject({
    notificationHours: z.number().min(0).max(8760).optional(),
    responseHours: z.number().min(0).max(8760).optional(),
    resolutionHours: z.number().min(0).max(8760).optional(),
    availabilityPercent: z.number().min(0).max(100).optional(),
    notes: Text(2000).optional(),
  })
  .meta({ id: 'SlaRequirements' });

const thirdPartyFields = {
  name: Text(200),
  type: Text(100).meta({ description: 'e.g. cloud_provider, saas, msp, supplier, partner' }),
  criticality: Criticality,
  contactInfo: ContactInfo,
  incidentContact: ContactPoint,
  escalationContacts: z.array(ContactPoint).max(20),
  slaRequirements: SlaRequirements,
  dataShared: StringList,
  systemsAccessed: StringList,
};

export const CreateThirdPartyBody = z
  .strictObject({
    id: Id.optional(),
    ...thirdPartyFields,
    criticality: Criticality.default('medium'),
    contactInfo: ContactInfo.optional(),
    incidentContact: ContactPoint.optional(),
    escalationContacts: thirdPartyFields.escalationContacts.optional(),
    slaRequirements: SlaRequirements.optional(),
    dataShared: StringList.optional(),
    systemsAccessed: StringList.optional(),
  })
  .meta({ id: 'CreateThirdParty' });
export type CreateThirdPartyBody = z.infer<typeof CreateThirdPartyBody>;

export const UpdateThirdPartyBody = z
  .strictObject({
    name: thirdPartyFields.name.optional(),
    type: thirdPartyFields.type.optional(),
    criticality: Criticality.optional(),
    contactInfo: ContactInfo.optional(),
    incidentContact: ContactPoint.optional(),
    escalationContacts: thirdPartyFields.escalationContacts.optional(),
    slaRequirements: SlaRequirements.optional(),
    dataShared: StringList.optional(),
    systemsAccessed: StringList.optional(),
    ...ContactReferenceFields,
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })
  .meta({ id: 'UpdateThirdParty' });
export type UpdateThirdPartyBody = z.infer<typeof UpdateThirdPartyBody>;

export const ListThirdPartiesQuery = z.strictObject({
  ...PageQuery,
  criticality: Criticality.optional(),
  type: Text(100).optional(),
});
export type ListThirdPartiesQuery = z.infer<typeof ListThirdPartiesQuery>;

export const ThirdParty = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    kind: z.literal('supplier'),
    criticality: Criticality,
    contactInfo: ContactInfo.optional(),
    incidentContact: ContactPoint.optional(),
    escalationContacts: z.array(ContactPoint),
    slaRequirements: SlaRequirements.optional(),
    dataShared: z.array(z.string()),
    systemsAccessed: z.array(z.string()),
    incidentCount: z.number().int(),
    topicArn: z.string().optional().meta({ description: 'SNS topic of the organization (notifications)' }),
    ...ContactReferenceView,
    lastIncident: TimestampOut.nullable(),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().int(),
  })
  .meta({ id: 'ThirdParty' });
export type ThirdParty = z.infer<typeof ThirdParty>;
