/** The route entry of `functions/templates/list-templates.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as tpl from '../../schemas/templates.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listTemplates',
  method: 'GET',
  path: '/templates',
  handler: 'templates/list-templates',
  roles: READERS,
  table: 'RO',
  summary: 'List templates (paginated; filter by audience)',
  tag: 'templates',
  query: tpl.ListTemplatesQuery,
  response: { status: 200, schema: common.pageOf(tpl.Template) },
} as const satisfies Route;
