/** The route entry of `functions/templates/update-template.ts` (listed in ./index.ts). */
import * as tpl from '../../schemas/templates.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'updateTemplate',
  method: 'PATCH',
  path: '/templates/{templateId}',
  handler: 'templates/update-template',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Edit a template: creates a new, unapproved version',
  tag: 'templates',
  body: tpl.UpdateTemplateBody,
  response: { status: 200, schema: tpl.Template },
} as const satisfies Route;
