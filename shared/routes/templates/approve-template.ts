/** The route entry of `functions/templates/approve-template.ts` (listed in ./index.ts). */
import * as tpl from '../../schemas/templates.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'approveTemplate',
  method: 'POST',
  path: '/templates/{templateId}/approve',
  handler: 'templates/approve-template',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Approve a template’s latest version (recorded; only approved versions are used)',
  tag: 'templates',
  body: tpl.ApproveTemplateBody,
  response: { status: 200, schema: tpl.Template },
} as const satisfies Route;
