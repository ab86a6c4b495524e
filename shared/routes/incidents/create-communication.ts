/** The route entry of `functions/incidents/create-communication.ts` (listed in ./index.ts). */
import * as inc from '../../schemas/incidents.js';
import { RESPONDERS_AND_PARTNERS, type Route } from '../types.js';

export const route = {
  id: 'createCommunication',
  method: 'POST',
  path: '/incidents/{incidentId}/communications',
  handler: 'incidents/create-communication',
  roles: RESPONDERS_AND_PARTNERS,
  table: 'RW',
  uses: ['sns', 'scheduler'],
  summary: 'Record a communication (COMM-n)',
  tag: 'incidents',
  body: inc.CreateCommunicationBody,
  response: { status: 201, schema: inc.Communication },
} as const satisfies Route;
