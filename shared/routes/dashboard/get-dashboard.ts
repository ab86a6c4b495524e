/** The route entry of `functions/dashboard/get-dashboard.ts` (listed in ../index.ts). */
import * as cons from '../../schemas/console.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getDashboard',
  method: 'GET',
  path: '/dashboard',
  handler: 'dashboard/get-dashboard',
  roles: READERS,
  table: 'RO',
  summary:
    'The coordination dashboard: open incidents by priority, overdue actions, clocks due within 24 h, directory health, response metrics over a period',
  tag: 'incidents',
  query: cons.DashboardQuery,
  response: { status: 200, schema: cons.Dashboard },
} as const satisfies Route;
