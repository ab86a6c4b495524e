/** The route entry of `functions/templates/get-template.ts` (listed in ./index.ts). */
import * as tpl from '../../schemas/templates.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'getTemplate',
  method: 'GET',
  path: '/templates/{templateId}',
  handler: 'templates/get-template',
  roles: READERS,
  table: 'RO',
  summary: 'Read a template’s latest version and which version is approved',
  tag: 'templates',
  response: { status: 200, schema: tpl.Template },
} as const satisfies Route;
