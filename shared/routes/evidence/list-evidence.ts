/** The route entry of `functions/evidence/list-evidence.ts` (listed in ../index.ts). */
import * as common from '../../schemas/common.js';
import * as ev from '../../schemas/evidence.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listEvidence',
  method: 'GET',
  path: '/incidents/{incidentId}/evidence',
  handler: 'evidence/list-evidence',
  roles: READERS,
  table: 'RO',
  summary: 'The incident’s evidence register, oldest first (paginated)',
  tag: 'evidence',
  query: ev.EvidencePageQuery,
  response: { status: 200, schema: common.pageOf(ev.Evidence) },
} as const satisfies Route;
