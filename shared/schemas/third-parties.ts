import { z } from 'zod';
import { SlaBreach } from './agreements.js';
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
    notificationHours: z.number().min(0).max(8760).optional().meta({
      description:
        'Contractual SLA: the third party notifies within N hours of awareness (measured per incident: GET /incidents/{id}/sla)',
    }),
    acknowledgementHours: z.number().min(0).max(8760).optional().meta({
      description:
        'Contractual SLA: the third party acknowledges within M hours of our first message to it (GET /incidents/{id}/sla)',
    }),
    responseHours: z.number().min(0).max(8760).optional(),
    resolutionHours: z.number().min(0).max(8760).optional(),
    availabilityPercent: z.number().min(0).max(100).optional(),
    notes: Text(2000).optional(),
  })
  .meta({ id: 'SlaRequirements' });

/**
 * What a third party provides (ISO/IEC 27036 supplier relationships): the `?type=` filter of
 * `GET /third-parties` groups by it, so it is a closed list; `other` (with `notes` in `contactInfo`)
 * for what fits none.
 */
export const THIRD_PARTY_TYPES = [
  'cloud_provider',
  'saas',
  'software_vendor',
  'hardware_vendor',
  'msp',
  'mssp',
  'telecom',
  'payment_processor',
  'data_processor',
  'consultant',
  'supplier',
  'partner',
  'other',
] as const;
export const ThirdPartyType = z.enum(THIRD_PARTY_TYPES).meta({
  description:
    'cloud_provider, saas (software as a service), software_vendor, hardware_vendor, msp (managed service provider), mssp (managed security service provider), telecom, payment_processor, data_processor, consultant, supplier (goods or other services), partner, other',
});

const thirdPartyFields = {
  name: Text(200),
  type: ThirdPartyType,
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
  type: ThirdPartyType.optional(),
});
export type ListThirdPartiesQuery = z.infer<typeof ListThirdPartiesQuery>;

export const ThirdParty = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string().meta({
      description:
        'One of the ThirdPartyType values (third parties registered before it was a closed list keep their text)',
    }),
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

/** One third party with the SLA breaches recorded against it (`GET /third-parties/{id}`). */
export const ThirdPartyDetail = ThirdParty.extend({
  slaBreaches: z.array(SlaBreach).meta({
    description:
      'Contractual SLA breaches recorded from incidents (POST /incidents/{id}/sla/breaches), by incident id descending; at most 100',
  }),
}).meta({ id: 'ThirdPartyDetail' });
export type ThirdPartyDetail = z.infer<typeof ThirdPartyDetail>;
