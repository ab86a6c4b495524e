/** The route entry of `functions/templates/create-template.ts` (listed in ./index.ts). */
import * as tpl from '../../schemas/templates.js';
import { COORDINATORS, type Route } from '../types.js';

export const route = {
  id: 'createTemplate',
  method: 'POST',
  path: '/templates',
  handler: 'templates/create-template',
  roles: COORDINATORS,
  table: 'RW',
  summary: 'Create a message template (version 1, unapproved)',
  tag: 'templates',
  body: tpl.CreateTemplateBody,
  response: { status: 201, schema: tpl.Template },
} as const satisfies Route;
