/** The route entry of `functions/incidents/preview-communication.ts` (listed in ./index.ts). */
import * as cons from '../../schemas/console.js';
import * as inc from '../../schemas/incidents.js';
import { RESPONDERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'previewCommunication',
  method: 'POST',
  path: '/incidents/{incidentId}/communications/preview',
  handler: 'incidents/preview-communication',
  roles: RESPONDERS_AND_PARTNERS,
  // RW for the Idempotency-Key store only (every POST may carry one); the service writes nothing.
  table: 'RW',
  summary:
    'Preview a communication (same body as createCommunication): who would receive it and who is refused under TLP, and why; writes nothing',
  tag: 'incidents',
  body: inc.CreateCommunicationBody,
  response: { status: 200, schema: cons.CommunicationPreview },
} as const satisfies Route;
