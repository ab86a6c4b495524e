/** The route entry of `functions/evidence/get-evidence.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getEvidence',
  method: 'GET',
  path: '/incidents/{incidentId}/evidence/{evidenceId}',
  handler: 'evidence/get-evidence',
  roles: READERS,
  table: 'RO',
  summary: 'An evidence item with its custody history (collection, upload, transfers, every download)',
  tag: 'evidence',
  response: { status: 200, schema: ev.EvidenceDetail },
} as const satisfies Route;
