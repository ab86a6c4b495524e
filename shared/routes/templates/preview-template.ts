/** The route entry of `functions/templates/preview-template.ts` (listed in ./index.ts). */
import * as tpl from '../../schemas/templates.js';
import { READERS, type Route } from '../types.js';

export const route = {
  id: 'previewTemplate',
  method: 'GET',
  path: '/templates/{templateId}/preview',
  handler: 'templates/preview-template',
  roles: READERS,
  table: 'RO',
  summary: 'Render a template version with an incident’s data (400 lists missing placeholders)',
  tag: 'templates',
  query: tpl.PreviewTemplateQuery,
  response: { status: 200, schema: tpl.TemplatePreview },
} as const satisfies Route;
