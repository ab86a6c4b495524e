/** The route entry of `functions/third-parties/list-third-parties.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as tp from '../../schemas/third-parties.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listThirdParties',
  method: 'GET',
  path: '/third-parties',
  handler: 'third-parties/list-third-parties',
  roles: READERS,
  table: 'RO',
  summary: 'List third parties (paginated; filter by criticality, type)',
  tag: 'third-parties',
  query: tp.ListThirdPartiesQuery,
  response: { status: 200, schema: common.pageOf(tp.ThirdParty) },
} as const satisfies Route;
