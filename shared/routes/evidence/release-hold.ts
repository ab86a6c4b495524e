/** The route entry of `functions/evidence/release-hold.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'releaseHold',
  method: 'POST',
  path: '/incidents/{incidentId}/holds/{holdId}/release',
  handler: 'evidence/release-hold',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['s3'],
  summary: 'Release a legal or disclosure hold',
  tag: 'evidence',
  body: ev.ReleaseHoldBody,
  response: { status: 200, schema: ev.Hold },
} as const satisfies Route;
