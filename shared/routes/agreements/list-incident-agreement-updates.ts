/** The route entry of `functions/agreements/list-incident-agreement-updates.ts` (listed in ../index.ts). */

import * as ag from '../../schemas/agreements.js';
import * as common from '../../schemas/common.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listIncidentAgreementUpdates',
  method: 'GET',
  path: '/incidents/{incidentId}/agreement-updates',
  handler: 'agreements/list-incident-agreement-updates',
  roles: READERS,
  table: 'RO',
  summary: 'Read the agreement updates raised from an incident, oldest first (paginated)',
  tag: 'agreements',
  query: ag.AgreementUpdatesQuery,
  response: { status: 200, schema: common.pageOf(ag.AgreementUpdate) },
} as const satisfies Route;
