/**
 * The closed lists the console's forms offer. The API's schemas are the source: each list here
 * names the OpenAPI schema property it copies, and test/unit/web-enums.test.ts fails when one
 * drifts from docs/openapi.json (a type-only import of the generated client cannot give values).
 */
export const ENUMS = {
  /** CreateContact.stakeholderGroup */
  stakeholderGroup: [
    'executives',
    'board',
    'management',
    'technical',
    'coordination',
    'it',
    'legal',
    'hr',
    'pr',
    'compliance',
    'physical_security',
    'customers',
    'regulators',
    'law_enforcement',
    'suppliers',
    'partners',
    'isac',
    'cert',
  ],
  /** CreateOrganization.kind, without `supplier` (registered as a third party) */
  organizationKind: ['regulator', 'law_enforcement', 'isac', 'cert', 'customer', 'partner', 'internal'],
  /** CreateAgreement.type */
  agreementType: ['nda', 'mou', 'contract_clause', 'isac_membership', 'other'],
  /** CreateTemplate.audience */
  audience: [
    'executives',
    'board',
    'management',
    'technical',
    'coordination',
    'it',
    'legal',
    'hr',
    'pr',
    'compliance',
    'physical_security',
    'customers',
    'regulators',
    'law_enforcement',
    'suppliers',
    'partners',
    'isac',
    'cert',
    'regulator',
    'customer',
    'partner',
    'supplier',
    'internal',
  ],
  /** Channel.type */
  channelType: ['email', 'sms', 'https', 'sqs', 'phone'],
  /** CreateThirdParty.type */
  thirdPartyType: [
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
  ],
  /** CreateAgreementUpdate.topic */
  agreementTopic: [
    'notification_sla',
    'right_to_audit',
    'data_location',
    'sub_processor_notice',
    'security_requirements',
    'tlp_ceiling',
    'other',
  ],
  /** UpdateAgreementUpdate.status */
  agreementUpdateStatus: ['proposed', 'agreed', 'drafted', 'signed', 'rejected', 'withdrawn'],
} as const;

/** Where each list comes from: schema, property, and values the API accepts but the console leaves out. */
export const ENUM_SOURCES: Record<
  keyof typeof ENUMS,
  { schema: string; property: string; omitted?: string[] }
> = {
  stakeholderGroup: { schema: 'CreateContact', property: 'stakeholderGroup' },
  organizationKind: { schema: 'CreateOrganization', property: 'kind', omitted: ['supplier'] },
  agreementType: { schema: 'CreateAgreement', property: 'type' },
  audience: { schema: 'CreateTemplate', property: 'audience' },
  channelType: { schema: 'Channel', property: 'type' },
  thirdPartyType: { schema: 'CreateThirdParty', property: 'type' },
  agreementTopic: { schema: 'CreateAgreementUpdate', property: 'topic' },
  agreementUpdateStatus: { schema: 'UpdateAgreementUpdate', property: 'status' },
};
