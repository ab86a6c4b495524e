/**
 * Message templates, versioned (`TEMPLATE#<id>`: head `#TEMPLATE` + immutable versions `V#<n>`).
 * Creating makes version 1, every edit a new version; nothing is usable until approved, and an
 * approval is recorded on the version it approves. Head and version are written in ONE transaction,
 * conditioned on the latest version number read.
 */

import { incidentView } from '../../db/entities/incident.js';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  ApproveTemplateBody,
  CreateTemplateBody,
  ListTemplatesQuery,
  PreviewTemplateQuery,
  Template,
  TemplatePreview,
  TemplateVersion,
  TemplateVersionsQuery,
  UpdateTemplateBody,
} from '../../schemas/templates.js';
import type { Deps } from '../deps.js';
import { withOptimisticRetry } from '../retry.js';
import { FULL_VIEW, placeholdersOf, renderTemplate, templateProblems, templateView } from './render.js';

type Content = Pick<Template, 'name' | 'audience' | 'channelTypes' | 'subject' | 'body' | 'maxTlp'>;

/** A template may only use placeholders an incident can fill (unknown names are refused early). */
function checkedContent(content: Content): Content & { placeholders: string[] } {
  const unknown = templateProblems(content, FULL_VIEW, 'body').map((d) =>
    d.placeholder
      ? {
          field: d.field,
          message: `unknown placeholder {{${String(d.placeholder)}}}`,
          placeholder: d.placeholder,
        }
      : d,
  );
  if (unknown.length > 0) throw new ValidationError('The template uses placeholders it cannot fill', unknown);
  const placeholders = [
    ...new Set([...placeholdersOf(content.subject), ...placeholdersOf(content.body)]),
  ].sort();
  return { ...content, placeholders };
}

function newVersion(t: Template, at: string, by: string): TemplateVersion {
  return {
    templateId: t.id,
    version: t.latestVersion,
    name: t.name,
    audience: t.audience,
    channelTypes: t.channelTypes,
    subject: t.subject,
    body: t.body,
    maxTlp: t.maxTlp,
    placeholders: t.placeholders,
    createdAt: at,
    createdBy: by,
    approvedAt: null,
    approvedBy: null,
  };
}

export async function createTemplate(
  deps: Deps,
  caller: Caller,
  body: CreateTemplateBody,
): Promise<Template> {
  const { id, ...content } = body;
  const at = deps.now().toISOString();
  const template: Template = {
    id: id ?? `TPL-${deps.newId()}`,
    ...checkedContent(content),
    latestVersion: 1,
    approvedVersion: null,
    createdAt: at,
    createdBy: caller.subject,
    updatedAt: at,
    updatedBy: caller.subject,
  };
  await deps.repos.templates.create(template, newVersion(template, at, caller.subject));
  return template;
}

async function loadHead(deps: Deps, id: string): Promise<Template> {
  const head = await deps.repos.templates.get(id);
  if (!head) throw new NotFoundError(`Template ${id} not found`);
  return head;
}

export async function loadVersion(deps: Deps, id: string, n: number): Promise<TemplateVersion> {
  const version = await deps.repos.templates.getVersion(id, n);
  if (!version) throw new NotFoundError(`Template ${id} has no version ${n}`);
  return version;
}

export const getTemplate = (deps: Deps, id: string): Promise<Template> => loadHead(deps, id);

/** Editing never changes a version: it writes version n+1, unapproved; the approved one stays usable. */
export async function updateTemplate(
  deps: Deps,
  caller: Caller,
  id: string,
  body: UpdateTemplateBody,
): Promise<Template> {
  return withOptimisticRetry(async () => {
    const current = await loadHead(deps, id);
    const at = deps.now().toISOString();
    const next: Template = {
      ...current,
      ...checkedContent({
        name: body.name ?? current.name,
        audience: body.audience ?? current.audience,
        channelTypes: body.channelTypes ?? current.channelTypes,
        subject: body.subject ?? current.subject,
        body: body.body ?? current.body,
        maxTlp: body.maxTlp ?? current.maxTlp,
      }),
      latestVersion: current.latestVersion + 1,
      updatedAt: at,
      updatedBy: caller.subject,
    };
    await deps.repos.templates.addVersion(next, newVersion(next, at, caller.subject), current.latestVersion);
    return next;
  });
}

/** Approves the latest version (coordinator or admin; who and when are recorded on the version). */
export async function approveTemplate(
  deps: Deps,
  caller: Caller,
  id: string,
  body: ApproveTemplateBody,
): Promise<Template> {
  return withOptimisticRetry(async () => {
    const current = await loadHead(deps, id);
    const n = body.version ?? current.latestVersion;
    if (n !== current.latestVersion) {
      throw new ConflictError(
        `Version ${n} of template ${id} is not the latest (${current.latestVersion}); review the latest and approve it`,
        [{ field: 'body.version', message: `latest version is ${current.latestVersion}` }],
        'NOT_LATEST_VERSION',
      );
    }
    const version = await loadVersion(deps, id, n);
    if (version.approvedAt) {
      throw new ConflictError(
        `Version ${n} of template ${id} was approved by ${version.approvedBy} at ${version.approvedAt}`,
        [{ field: 'body.version', message: 'already approved' }],
        'ALREADY_APPROVED',
      );
    }
    const at = deps.now().toISOString();
    const next: Template = { ...current, approvedVersion: n, updatedAt: at, updatedBy: caller.subject };
    const approved: TemplateVersion = {
      ...version,
      approvedAt: at,
      approvedBy: caller.subject,
      ...(body.note ? { approvalNote: body.note } : {}),
    };
    await deps.repos.templates.approve(next, approved);
    return next;
  });
}

export async function listTemplates(
  deps: Deps,
  query: ListTemplatesQuery,
): Promise<{ items: Template[]; nextCursor: string | null }> {
  return deps.repos.templates.list(query);
}

/** Versions, newest first (paginated). */
export async function listTemplateVersions(
  deps: Deps,
  id: string,
  query: TemplateVersionsQuery,
): Promise<{ items: TemplateVersion[]; nextCursor: string | null }> {
  const page = await deps.repos.templates.listVersions(id, query);
  if (page.items.length === 0 && query.cursor === undefined) await loadHead(deps, id); // 404
  return page;
}

/** Renders a version (default: the latest) with an incident's data; 400 lists missing placeholders. */
export async function previewTemplate(
  deps: Deps,
  id: string,
  query: PreviewTemplateQuery,
): Promise<TemplatePreview> {
  const head = await loadHead(deps, id);
  const version = await loadVersion(deps, id, query.version ?? head.latestVersion);
  let incident: Record<string, unknown>;
  try {
    incident = { ...(await deps.repos.incidents.get(query.incidentId)) };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown incident ${query.incidentId}`, [
      { field: 'query.incidentId', message: `incident ${query.incidentId} does not exist` },
    ]);
  }
  const rendered = renderTemplate(version, templateView(incidentView(incident)), 'path.templateId');
  return {
    templateId: id,
    version: version.version,
    approved: version.approvedAt !== null,
    incidentId: query.incidentId,
    ...rendered,
  };
}
