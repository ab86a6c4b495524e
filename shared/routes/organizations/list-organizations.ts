/** The route entry of `functions/organizations/list-organizations.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as org from '../../schemas/organizations.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listOrganizations',
  method: 'GET',
  path: '/organizations',
  handler: 'organizations/list-organizations',
  roles: READERS,
  table: 'RO',
  summary: 'List organizations of every kind, third parties included (paginated; filter by kind)',
  tag: 'organizations',
  query: org.ListOrganizationsQuery,
  response: { status: 200, schema: common.pageOf(org.Organization) },
} as const satisfies Route;
