/** The route entry of `functions/organizations/update-agreement.ts` (listed in ./index.ts). */
import * as org from '../../schemas/organizations.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateAgreement',
  method: 'PATCH',
  path: '/organizations/{organizationId}/agreements/{agreementId}',
  handler: 'organizations/update-agreement',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change or revoke a sharing agreement',
  tag: 'organizations',
  body: org.UpdateAgreementBody,
  response: { status: 200, schema: org.Agreement },
} as const satisfies Route;
