import * as z from 'zod/mini';
import { SlaBreach } from './agreements.js';
import { Criticality, Email, Id, meta, PageQuery, Phone, StringList, Text, TimestampOut } from './common.js';

export const ContactPoint = meta(
  z.strictObject({
    name: z.optional(Text(200)),
    title: z.optional(Text(200)),
    email: z.optional(Email),
    phone: z.optional(Phone),
  }),
  { id: 'ContactPoint' },
);

/**
 * Directory contacts an organization is reached through when Liaison escalates into it, and the
 * internal contact who owns the relationship (told about its stale contacts). Settable with PATCH
 * once the contacts exist; the contacts keep the reference (`referencedBy`) and cannot be deleted
 * while named here.
 */
export const ContactReferenceFields = {
  escalationContactIds: meta(
    z.optional(
      z.array(Id).check(
        z.maxLength(10),
        z.refine((xs) => new Set(xs).size === xs.length, { message: 'lists a contact twice' }),
      ),
    ),
    {
      description:
        'Ordered directory contacts of THIS organization that escalations into it reach (empty: all its live contacts)',
    },
  ),
  ownerContactId: meta(z.optional(z.nullable(Id)), {
    description: 'Directory contact (usually internal) who owns the relationship; null clears it',
  }),
};

export const ContactReferenceView = {
  escalationContactIds: z._default(z.array(z.string()), []),
  ownerContactId: z.optional(z.string()),
};

export const ContactInfo = meta(
  z.strictObject({
    email: z.optional(Email),
    phone: z.optional(Phone),
    address: z.optional(Text(500)),
    website: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048))),
    notes: z.optional(Text(2000)),
  }),
  { id: 'ContactInfo' },
);

export const SlaRequirements = meta(
  z.strictObject({
    notificationHours: meta(z.optional(z.number().check(z.minimum(0), z.maximum(8760))), {
      description:
        'Contractual SLA: the third party notifies within N hours of awareness (measured per incident: GET /incidents/{id}/sla)',
    }),
    acknowledgementHours: meta(z.optional(z.number().check(z.minimum(0), z.maximum(8760))), {
      description:
        'Contractual SLA: the third party acknowledges within M hours of our first message to it (GET /incidents/{id}/sla)',
    }),
    responseHours: z.optional(z.number().check(z.minimum(0), z.maximum(8760))),
    resolutionHours: z.optional(z.number().check(z.minimum(0), z.maximum(8760))),
    availabilityPercent: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
    notes: z.optional(Text(2000)),
  }),
  { id: 'SlaRequirements' },
);

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
export const ThirdPartyType = meta(z.enum(THIRD_PARTY_TYPES), {
  description:
    'cloud_provider, saas (software as a service), software_vendor, hardware_vendor, msp (managed service provider), mssp (managed security service provider), telecom, payment_processor, data_processor, consultant, supplier (goods or other services), partner, other',
});

const thirdPartyFields = {
  name: Text(200),
  type: ThirdPartyType,
  criticality: Criticality,
  contactInfo: ContactInfo,
  incidentContact: ContactPoint,
  escalationContacts: z.array(ContactPoint).check(z.maxLength(20)),
  slaRequirements: SlaRequirements,
  dataShared: StringList,
  systemsAccessed: StringList,
};

export const CreateThirdPartyBody = meta(
  z.strictObject({
    id: z.optional(Id),
    ...thirdPartyFields,
    criticality: z._default(Criticality, 'medium'),
    contactInfo: z.optional(ContactInfo),
    incidentContact: z.optional(ContactPoint),
    escalationContacts: z.optional(thirdPartyFields.escalationContacts),
    slaRequirements: z.optional(SlaRequirements),
    dataShared: z.optional(StringList),
    systemsAccessed: z.optional(StringList),
  }),
  { id: 'CreateThirdParty' },
);
export type CreateThirdPartyBody = z.infer<typeof CreateThirdPartyBody>;

export const UpdateThirdPartyBody = meta(
  z
    .strictObject({
      name: z.optional(thirdPartyFields.name),
      type: z.optional(thirdPartyFields.type),
      criticality: z.optional(Criticality),
      contactInfo: z.optional(ContactInfo),
      incidentContact: z.optional(ContactPoint),
      escalationContacts: z.optional(thirdPartyFields.escalationContacts),
      slaRequirements: z.optional(SlaRequirements),
      dataShared: z.optional(StringList),
      systemsAccessed: z.optional(StringList),
      ...ContactReferenceFields,
    })
    .check(z.refine((b) => Object.keys(b).length > 0, { message: 'at least one field is required' })),
  { id: 'UpdateThirdParty' },
);
export type UpdateThirdPartyBody = z.infer<typeof UpdateThirdPartyBody>;

export const ListThirdPartiesQuery = z.strictObject({
  ...PageQuery,
  criticality: z.optional(Criticality),
  type: z.optional(ThirdPartyType),
});
export type ListThirdPartiesQuery = z.infer<typeof ListThirdPartiesQuery>;

export const ThirdParty = meta(
  z.object({
    id: z.string(),
    name: z.string(),
    type: meta(z.string(), {
      description:
        'One of the ThirdPartyType values (third parties registered before it was a closed list keep their text)',
    }),
    kind: z.literal('supplier'),
    criticality: Criticality,
    contactInfo: z.optional(ContactInfo),
    incidentContact: z.optional(ContactPoint),
    escalationContacts: z.array(ContactPoint),
    slaRequirements: z.optional(SlaRequirements),
    dataShared: z.array(z.string()),
    systemsAccessed: z.array(z.string()),
    incidentCount: z.number().check(z.int()),
    topicArn: meta(z.optional(z.string()), { description: 'SNS topic of the organization (notifications)' }),
    ...ContactReferenceView,
    lastIncident: z.nullable(TimestampOut),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    version: z.number().check(z.int()),
  }),
  { id: 'ThirdParty' },
);
export type ThirdParty = z.infer<typeof ThirdParty>;

/** One third party with the SLA breaches recorded against it (`GET /third-parties/{id}`). */
export const ThirdPartyDetail = meta(
  z.extend(ThirdParty, {
    slaBreaches: meta(z.array(SlaBreach), {
      description:
        'Contractual SLA breaches recorded from incidents (POST /incidents/{id}/sla/breaches), by incident id descending; at most 100',
    }),
  }),
  { id: 'ThirdPartyDetail' },
);
export type ThirdPartyDetail = z.infer<typeof ThirdPartyDetail>;
