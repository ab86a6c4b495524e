/** The route entry of `functions/evidence/register-evidence.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'registerEvidence',
  method: 'POST',
  path: '/incidents/{incidentId}/evidence',
  handler: 'evidence/register-evidence',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['s3'],
  summary:
    'Register an evidence item (SHA-256, size) and get a presigned PUT that S3 accepts only with that hash',
  tag: 'evidence',
  body: ev.RegisterEvidenceBody,
  response: { status: 201, schema: ev.RegisteredEvidence },
} as const satisfies Route;
