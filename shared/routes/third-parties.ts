/** Routes whose handlers live in `functions/third-parties/`: one exported entry per operation (see ./index.ts). */
import * as common from '../schemas/common.js';
import * as tp from '../schemas/third-parties.js';
import { COORDINATORS, READERS, type Route } from './types.js';

// ---- third parties ----
export const createThirdParty = {
  id: 'createThirdParty',
  method: 'POST',
  path: '/third-parties',
  handler: 'third-parties/create-third-party',
  roles: COORDINATORS,
  table: 'RW',
  uses: ['sns'],
  summary: 'Register a third party (supplier, cloud provider, partner)',
  tag: 'third-parties',
  body: tp.CreateThirdPartyBody,
  response: { status: 201, schema: tp.ThirdParty },
} as const satisfies Route;

export const listThirdParties = {
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

export const getThirdParty = {
  id: 'getThirdParty',
  method: 'GET',
  path: '/third-parties/{thirdPartyId}',
  handler: 'third-parties/get-third-party',
  roles: READERS,
  table: 'RO',
  summary: 'Read a third party',
  tag: 'third-parties',
  response: { status: 200, schema: tp.ThirdParty },
} as const satisfies Route;

export const updateThirdParty = {
  id: 'updateThirdParty',
  method: 'PATCH',
  path: '/third-parties/{thirdPartyId}',
  handler: 'third-parties/update-third-party',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Change a third party',
  tag: 'third-parties',
  body: tp.UpdateThirdPartyBody,
  response: { status: 200, schema: tp.ThirdParty },
} as const satisfies Route;
