/**
 * A regulator notice drafted from what the incident already knows
 * (`GET /incidents/{id}/obligations/{obligationId}/draft`, docs/regulatory.md "Drafting a notice"):
 * one clock's checklist, each item marked satisfied or not and where its value comes from
 * (`checklist.ts`), and a template rendered with the incident — leniently: a placeholder without a
 * value is shown as `[missing: name]` and listed, instead of failing as sending would.
 */
import { regulatoryConfig } from '../../config.js';
import { incidentView } from '../../db/entities/incident.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Incident } from '../../schemas/incidents.js';
import type { Obligation } from '../../schemas/obligations.js';
import type { ObligationDraft, ObligationDraftQuery } from '../../schemas/reminders.js';
import type { Deps } from '../deps.js';
import { obligationView } from '../obligations/view.js';
import { renderTemplate, templateProblems, templateView } from '../templates/render.js';
import { getTemplate, loadVersion } from '../templates/service.js';
import { type DraftFacts, draftChecklist } from './checklist.js';
import { commanderContactId } from './fire.js';

/** The clock a draft is for: the one asked for, else the first applicable one not yet submitted. */
export function draftClock(
  obligation: Obligation,
  clockId: string | undefined,
): Obligation['clocks'][number] {
  if (clockId !== undefined) {
    const clock = obligation.clocks.find((c) => c.clockId === clockId);
    if (!clock) {
      throw new ValidationError(`${obligation.name} has no clock ${clockId}`, [
        {
          field: 'query.clock',
          message: `must be one of ${obligation.clocks.map((c) => c.clockId).join(', ')}`,
        },
      ]);
    }
    return clock;
  }
  const open = obligation.clocks.find(
    (c) => c.applicable && c.status !== 'submitted' && c.status !== 'not_applicable',
  );
  return open ?? (obligation.clocks[0] as Obligation['clocks'][number]);
}

/** `view` with `[missing: a.b]` at each path a template needs and the view lacks (pure). */
export function withMissingMarkers(
  view: Record<string, unknown>,
  missing: readonly string[],
): Record<string, unknown> {
  const out = structuredClone(view);
  for (const name of missing) {
    const parts = name.split('.');
    let node: Record<string, unknown> = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== 'object') node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1) as string] = `[missing: ${name}]`;
  }
  return out;
}

export async function draftObligationNotice(
  deps: Deps,
  incidentId: string,
  obligationId: string,
  query: ObligationDraftQuery,
): Promise<ObligationDraft> {
  const records = await deps.repos.incidents.getRecords(incidentId);
  const detail = {
    ...incidentView(records.incident),
    actions: records.actions,
    lessonsLearned: records.lessonsLearned,
    obligations: records.obligations,
  };
  const record = detail.obligations.find((o) => o.obligationId === obligationId);
  if (!record) throw new NotFoundError(`Obligation ${obligationId} not found on incident ${incidentId}`);
  const obligation = obligationView(
    record,
    detail.discoveryDate,
    deps.now(),
    regulatoryConfig(),
    detail.exercise === true,
  );
  const clock = draftClock(obligation, query.clock);
  const commander = commanderContactId(detail);
  const facts: DraftFacts = {
    description: detail.description,
    category: detail.category,
    discoveryDate: detail.discoveryDate,
    ...(detail.impactAssessment ? { impactAssessment: detail.impactAssessment } : {}),
    affectedThirdParties: detail.affectedThirdParties,
    actions: detail.actions,
    lessonsLearned: detail.lessonsLearned,
    ...(commander ? { commanderContactId: commander } : {}),
    obligationFacts: obligation.facts,
    submissions: obligation.submissions,
  };
  const { checklist, missing } = draftChecklist(clock.checklist, facts, clock.clockId);
  const base = {
    incidentId,
    obligationId,
    clockId: clock.clockId,
    clockName: clock.name,
    recipient: clock.recipient,
    due: clock.due,
    checklist,
    missing,
  };
  if (!query.templateId) {
    return {
      ...base,
      template: null,
      subject: `${obligation.name}: ${clock.name} — incident ${incidentId}`,
      body: [
        `To: ${clock.recipient}`,
        `Re: ${detail.title} (${incidentId}); ${obligation.citation}, ${clock.citation}`,
        ...(clock.due ? [`Due: ${clock.due}`] : []),
        '',
        ...checklist.map(
          (c) => `- ${c.label}: ${c.satisfied ? (c.value ?? `see ${c.source}`) : '[to be completed]'}`,
        ),
      ].join('\n'),
      missingPlaceholders: [],
    };
  }
  const head = await getTemplate(deps, query.templateId).catch((error: unknown) => {
    if (error instanceof NotFoundError) {
      throw new ValidationError(`Unknown template ${query.templateId}`, [
        { field: 'query.templateId', message: `template ${query.templateId} does not exist` },
      ]);
    }
    throw error;
  });
  const version = await loadVersion(deps, head.id, head.approvedVersion ?? head.latestVersion);
  const view = templateView(detail as unknown as Incident);
  const placeholders = [
    ...new Set(
      templateProblems(version, view, 'template').flatMap((d) =>
        typeof d.placeholder === 'string' ? [d.placeholder] : [],
      ),
    ),
  ];
  const rendered = renderTemplate(version, withMissingMarkers(view, placeholders));
  return {
    ...base,
    template: { templateId: head.id, version: version.version },
    subject: rendered.subject,
    body: rendered.body,
    missingPlaceholders: placeholders,
  };
}
