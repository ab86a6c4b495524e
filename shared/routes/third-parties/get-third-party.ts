/** The route entry of `functions/third-parties/get-third-party.ts` (listed in ./index.ts). */
import * as tp from '../../schemas/third-parties.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getThirdParty',
  method: 'GET',
  path: '/third-parties/{thirdPartyId}',
  handler: 'third-parties/get-third-party',
  roles: READERS,
  table: 'RO',
  summary: 'Read a third party, with the contractual SLA breaches recorded against it',
  tag: 'third-parties',
  response: { status: 200, schema: tp.ThirdPartyDetail },
} as const satisfies Route;
