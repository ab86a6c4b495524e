/** The route entry of `functions/obligations/list-regimes.ts` (listed in ./index.ts). */
import * as obl from '../../schemas/obligations.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listRegimes',
  method: 'GET',
  path: '/regimes',
  handler: 'obligations/list-regimes',
  roles: READERS,
  table: 'NONE',
  summary: 'The catalogue of regulatory notification regimes: clocks, recipients, required content',
  tag: 'obligations',
  response: { status: 200, schema: obl.RegimeList },
} as const satisfies Route;
