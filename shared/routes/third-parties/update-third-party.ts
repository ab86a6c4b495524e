/** The route entry of `functions/third-parties/update-third-party.ts` (listed in ./index.ts). */
import * as tp from '../../schemas/third-parties.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
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
