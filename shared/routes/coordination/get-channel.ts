/** The route entry of `functions/coordination/get-channel.ts` (listed in ./index.ts). */
import * as coord from '../../schemas/coordination.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getChannel',
  method: 'GET',
  path: '/channels/{channelId}',
  handler: 'coordination/get-channel',
  roles: READERS,
  table: 'RO',
  summary: 'Read a coordination channel',
  tag: 'coordination',
  response: { status: 200, schema: coord.Channel },
} as const satisfies Route;
