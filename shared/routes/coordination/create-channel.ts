/** The route entry of `functions/coordination/create-channel.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createChannel',
  method: 'POST',
  path: '/channels',
  handler: 'coordination/create-channel',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Set up a coordination channel: participants, methods, escalation rules',
  tag: 'coordination',
  body: coord.CreateChannelBody,
  response: { status: 201, schema: coord.Channel },
} as const satisfies Route;
