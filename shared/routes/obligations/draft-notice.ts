/** The route entry of `functions/obligations/draft-notice.ts` (listed in ./index.ts). */
import * as rem from '../../schemas/reminders.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getObligationDraft',
  method: 'GET',
  path: '/incidents/{incidentId}/obligations/{obligationId}/draft',
  handler: 'obligations/draft-notice',
  roles: READERS,
  table: 'RO',
  summary:
    'Draft a regulator notice for an obligation: a template rendered with the incident, and which checklist items are still empty',
  tag: 'obligations',
  query: rem.ObligationDraftQuery,
  response: { status: 200, schema: rem.ObligationDraft },
} as const satisfies Route;
