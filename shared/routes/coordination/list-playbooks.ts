/** The route entry of `functions/coordination/list-playbooks.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as coord from '../../schemas/coordination.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listPlaybooks',
  method: 'GET',
  path: '/playbooks',
  handler: 'coordination/list-playbooks',
  roles: READERS,
  table: 'RO',
  summary: 'List shared playbooks (paginated, by name)',
  tag: 'coordination',
  query: coord.ListPlaybooksQuery,
  response: { status: 200, schema: common.pageOf(coord.Playbook) },
} as const satisfies Route;
