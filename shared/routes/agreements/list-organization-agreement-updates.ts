/** The route entry of `functions/agreements/list-organization-agreement-updates.ts` (listed in ../index.ts). */

import * as ag from '../../schemas/agreements.js';
import * as common from '../../schemas/common.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listOrganizationAgreementUpdates',
  method: 'GET',
  path: '/organizations/{organizationId}/agreement-updates',
  handler: 'agreements/list-organization-agreement-updates',
  roles: READERS,
  table: 'RO',
  summary:
    'Read the agreement updates raised against an organization or third party, oldest first (paginated)',
  tag: 'agreements',
  query: ag.AgreementUpdatesQuery,
  response: { status: 200, schema: common.pageOf(ag.AgreementUpdate) },
} as const satisfies Route;
