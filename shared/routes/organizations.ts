/** Routes whose handlers live in `functions/organizations/`: one exported entry per operation (see ./index.ts). */
import * as common from '../schemas/common.js';
import * as org from '../schemas/organizations.js';
import { COORDINATORS, READERS, type Route } from './types.js';

// ---- organizations and sharing agreements ----
export const createOrganization = {
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

export const listOrganizations = {
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

export const getOrganization = {
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

export const updateOrganization = {
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

export const createAgreement = {
  id: 'createAgreement',
  method: 'POST',
  path: '/organizations/{organizationId}/agreements',
  handler: 'organizations/create-agreement',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Record an information-sharing agreement (NDA, MoU …) with its TLP ceiling',
  tag: 'organizations',
  body: org.CreateAgreementBody,
  response: { status: 201, schema: org.Agreement },
} as const satisfies Route;

export const listAgreements = {
  id: 'listAgreements',
  method: 'GET',
  path: '/organizations/{organizationId}/agreements',
  handler: 'organizations/list-agreements',
  roles: READERS,
  table: 'RO',
  summary: 'List an organization’s sharing agreements and its effective TLP ceiling',
  tag: 'organizations',
  response: { status: 200, schema: org.AgreementList },
} as const satisfies Route;

export const updateAgreement = {
  id: 'updateAgreement',
  method: 'PATCH',
  path: '/organizations/{organizationId}/agreements/{agreementId}',
  handler: 'organizations/update-agreement',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change or revoke a sharing agreement',
  tag: 'organizations',
  body: org.UpdateAgreementBody,
  response: { status: 200, schema: org.Agreement },
} as const satisfies Route;
