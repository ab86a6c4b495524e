/** The route entry of `functions/organizations/create-organization.ts` (listed in ./index.ts). */
import * as org from '../../schemas/organizations.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createOrganization',
  method: 'POST',
  path: '/organizations',
  handler: 'organizations/create-organization',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns'],
  summary: 'Register an organization (regulator, CERT, ISAC, customer, internal unit …)',
  tag: 'organizations',
  body: org.CreateOrganizationBody,
  response: { status: 201, schema: org.Organization },
} as const satisfies Route;
