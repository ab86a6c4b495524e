/** The route entry of `functions/evidence/download-evidence.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { RESPONDERS, type Route } from '../types.js';

export const route = {
  id: 'downloadEvidence',
  method: 'POST',
  path: '/incidents/{incidentId}/evidence/{evidenceId}/download',
  handler: 'evidence/download-evidence',
  roles: RESPONDERS,
  table: 'RW',
  uses: ['s3'],
  summary: 'A presigned GET of the confirmed version; the download is recorded in the custody history',
  tag: 'evidence',
  body: ev.DownloadEvidenceBody,
  response: { status: 200, schema: ev.EvidenceDownload },
} as const satisfies Route;
