/** The route entry of `functions/evidence/place-hold.ts` (listed in ../index.ts). */
import * as ev from '../../schemas/evidence.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'placeHold',
  method: 'POST',
  path: '/incidents/{incidentId}/holds',
  handler: 'evidence/place-hold',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['s3'],
  summary:
    'Place a legal hold (incident or one item; S3 Object Lock legal hold) or a disclosure hold (audiences)',
  tag: 'evidence',
  body: ev.PlaceHoldBody,
  response: { status: 201, schema: ev.Hold },
} as const satisfies Route;
