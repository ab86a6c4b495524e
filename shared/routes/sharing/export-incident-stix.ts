/** The route entry of `functions/sharing/export-incident-stix.ts` (listed in ../index.ts). */
import * as sh from '../../schemas/sharing.js';
import { READERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'exportIncidentStix',
  method: 'GET',
  path: '/incidents/{incidentId}/stix',
  handler: 'sharing/export-incident-stix',
  roles: READERS_AND_PARTNERS,
  table: 'RW',
  media: 'stix',
  ledger: true,
  summary:
    'Export an incident as a STIX 2.1 bundle (TLP-filtered for a recipient; recorded in the sharing ledger)',
  tag: 'sharing',
  query: sh.StixExportQuery,
  response: { status: 200, schema: sh.StixBundle },
} as const satisfies Route;
