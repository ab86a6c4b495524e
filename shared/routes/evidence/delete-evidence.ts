/** The route entry of `functions/evidence/delete-evidence.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'deleteEvidence',
  method: 'DELETE',
  path: '/incidents/{incidentId}/evidence/{evidenceId}',
  handler: 'evidence/delete-evidence',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['s3'],
  summary:
    'Delete an evidence item and its stored file (409 LEGAL_HOLD while held); the register keeps the record',
  tag: 'evidence',
  body: ev.DeleteEvidenceBody,
  response: { status: 200, schema: ev.Evidence },
} as const satisfies Route;
