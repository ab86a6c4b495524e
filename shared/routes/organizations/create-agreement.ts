/** The route entry of `functions/organizations/create-agreement.ts` (listed in ./index.ts). */
import * as org from '../../schemas/organizations.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createAgreement',
  method: 'POST',
  path: '/organizations/{organizationId}/agreements',
  handler: 'organizations/create-agreement',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Record an information-sharing agreement (NDA, MoU …) with its TLP ceiling',
  tag: 'organizations',
  body: org.CreateAgreementBody,
  response: { status: 201, schema: org.Agreement },
} as const satisfies Route;
