/** Routes whose handlers live in `functions/templates/`: one exported entry per operation (see ./index.ts). */
import * as common from '../schemas/common.js';
import * as tpl from '../schemas/templates.js';
import { COORDINATORS, READERS, type Route } from './types.js';

// ---- templates ----
export const createTemplate = {
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

export const listTemplates = {
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

export const getTemplate = {
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

export const updateTemplate = {
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

export const listTemplateVersions = {
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

export const approveTemplate = {
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

export const previewTemplate = {
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
