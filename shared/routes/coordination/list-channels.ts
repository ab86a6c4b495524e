/** The route entry of `functions/coordination/list-channels.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as coord from '../../schemas/coordination.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listChannels',
  method: 'GET',
  path: '/channels',
  handler: 'coordination/list-channels',
  roles: READERS,
  table: 'RO',
  summary: 'List coordination channels (paginated, by name)',
  tag: 'coordination',
  query: coord.ListChannelsQuery,
  response: { status: 200, schema: common.pageOf(coord.Channel) },
} as const satisfies Route;
