/** The route entry of `functions/organizations/update-organization.ts` (listed in ./index.ts). */
import * as org from '../../schemas/organizations.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateOrganization',
  method: 'PATCH',
  path: '/organizations/{organizationId}',
  handler: 'organizations/update-organization',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change an organization (third parties are changed with PATCH /third-parties/{id})',
  tag: 'organizations',
  body: org.UpdateOrganizationBody,
  response: { status: 200, schema: org.Organization },
} as const satisfies Route;
