/** The route entry of `functions/coordination/update-channel.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateChannel',
  method: 'PATCH',
  path: '/channels/{channelId}',
  handler: 'coordination/update-channel',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change a coordination channel',
  tag: 'coordination',
  body: coord.UpdateChannelBody,
  response: { status: 200, schema: coord.Channel },
} as const satisfies Route;
