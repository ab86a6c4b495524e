/** The route entry of `functions/third-parties/create-third-party.ts` (listed in ./index.ts). */
import * as tp from '../../schemas/third-parties.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
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
