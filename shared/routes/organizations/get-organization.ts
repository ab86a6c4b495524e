/** The route entry of `functions/organizations/get-organization.ts` (listed in ./index.ts). */
import * as org from '../../schemas/organizations.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getOrganization',
  method: 'GET',
  path: '/organizations/{organizationId}',
  handler: 'organizations/get-organization',
  roles: READERS,
  table: 'RO',
  summary: 'Read an organization of any kind',
  tag: 'organizations',
  response: { status: 200, schema: org.Organization },
} as const satisfies Route;
