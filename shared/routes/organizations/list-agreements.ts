/** The route entry of `functions/organizations/list-agreements.ts` (listed in ./index.ts). */
import * as org from '../../schemas/organizations.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listAgreements',
  method: 'GET',
  path: '/organizations/{organizationId}/agreements',
  handler: 'organizations/list-agreements',
  roles: READERS,
  table: 'RO',
  summary: 'List an organization’s sharing agreements and its effective TLP ceiling',
  tag: 'organizations',
  response: { status: 200, schema: org.AgreementList },
} as const satisfies Route;
