/** The route entry of `functions/evidence/confirm-evidence-upload.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'confirmEvidenceUpload',
  method: 'POST',
  path: '/incidents/{incidentId}/evidence/{evidenceId}/confirm',
  handler: 'evidence/confirm-evidence-upload',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['s3'],
  summary:
    'Check the uploaded file against the registered SHA-256 and size, and confirm the item (422 on a mismatch)',
  tag: 'evidence',
  body: ev.ConfirmEvidenceUploadBody,
  response: { status: 200, schema: ev.Evidence },
} as const satisfies Route;
