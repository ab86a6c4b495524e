/** The route entry of `functions/templates/list-template-versions.ts` (listed in ./index.ts). */
import * as common from '../../schemas/common.js';
import * as tpl from '../../schemas/templates.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'listTemplateVersions',
  method: 'GET',
  path: '/templates/{templateId}/versions',
  handler: 'templates/list-template-versions',
  roles: READERS,
  table: 'RO',
  summary: 'List a template’s versions, newest first, with their approvals (paginated)',
  tag: 'templates',
  query: tpl.TemplateVersionsQuery,
  response: { status: 200, schema: common.pageOf(tpl.TemplateVersion) },
} as const satisfies Route;
