/**
 * Incident edit (`PATCH /incidents/{id}`, issue 13): title, description, severity, category, and
 * affected third parties added or removed. One transaction (through `mutate`/`commit`) writes the
 * incident, +1/−1 on each added/removed third party's incident counter, the link items (re-put for
 * the organizations still involved, deleted for those no longer involved) and the timeline entry.
 *
 * Priority is re-derived by the rules: once an impact assessment is recorded it decides (an edit
 * does not change it); before that the creation rule (severity + number of affected third parties)
 * applies, except that a critical priority raised by an escalation is kept.
 */

import { incidentView, type StoredIncident } from '../../db/entities/incident.js';
import type { TransactItem } from '../../db/transact.js';
import { type ErrorDetail, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { UpdateIncidentBody } from '../../schemas/console.js';
import type { Incident } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { priorityAtCreation } from './priority.js';
import { assertIncidentOpen } from './rules.js';
import { mutate, type NewEntry } from './unit-of-work.js';

/** Same bound as at creation: keeps every incident transaction under DynamoDB's 100 items. */
const MAX_AFFECTED = 40;

const EDITABLE = ['title', 'description', 'severity', 'category'] as const;

function checkThirdParties(current: StoredIncident, add: string[], remove: string[]): void {
  const details: ErrorDetail[] = [];
  const affected = new Set(current.affectedThirdParties);
  add.forEach((id, i) => {
    const field = `body.addThirdParties.${i}`;
    if (add.indexOf(id) < i) details.push({ field, message: `duplicate of ${id}` });
    else if (affected.has(id)) details.push({ field, message: `third party ${id} is already affected` });
    else if (remove.includes(id))
      details.push({ field, message: `third party ${id} is also in removeThirdParties` });
  });
  remove.forEach((id, i) => {
    const field = `body.removeThirdParties.${i}`;
    if (remove.indexOf(id) < i) details.push({ field, message: `duplicate of ${id}` });
    else if (!affected.has(id)) details.push({ field, message: `third party ${id} is not affected` });
  });
  if (details.length > 0) throw new ValidationError(details.map((d) => d.message).join('; '), details);
  const total = affected.size + add.length - remove.length;
  if (total > MAX_AFFECTED) {
    throw new ValidationError(
      `An incident affects at most ${MAX_AFFECTED} third parties (this edit: ${total})`,
      [{ field: 'body.addThirdParties', message: `at most ${MAX_AFFECTED} affected third parties in all` }],
    );
  }
}

/** The priority the rules give the edited incident (see the module comment). */
export function editedPriority(current: StoredIncident, next: StoredIncident): StoredIncident['priority'] {
  if (current.impactAssessment) return current.priority;
  const derived = priorityAtCreation(next.severity, next.affectedThirdParties.length);
  // A critical escalation made the incident critical (priorityAfterEscalation); an edit keeps that.
  if (current.priority === 'critical' && current.escSeq > 0) return 'critical';
  return derived;
}

export function updateIncident(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: UpdateIncidentBody,
  rt: EscalationRuntime,
): Promise<Incident> {
  const add = body.addThirdParties ?? [];
  const remove = body.removeThirdParties ?? [];
  return mutate(
    deps,
    caller,
    incidentId,
    (current) => {
      assertIncidentOpen(current);
      checkThirdParties(current, add, remove);
      const at = deps.now().toISOString();
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      const next: StoredIncident = { ...current };
      for (const field of EDITABLE) {
        const value = body[field];
        if (value !== undefined && value !== current[field]) {
          changed[field] = { from: current[field], to: value };
          (next as unknown as Record<string, unknown>)[field] = value;
        }
      }
      next.affectedThirdParties = [
        ...current.affectedThirdParties.filter((id) => !remove.includes(id)),
        ...add,
      ];
      const priority = editedPriority(current, next);
      next.priority = priority;

      // An exercise counts on no third party's incident counter (docs/exercises.md).
      const items: TransactItem[] = add.map((orgId) =>
        current.exercise
          ? deps.repos.incidents.organizationExists(orgId)
          : deps.repos.incidents.countIncidentOn(orgId, current.discoveryDate, at),
      );
      const refs = add.map((id, i) => ({ index: i, field: `body.addThirdParties.${i}`, id }));
      const participants = new Set(current.participants ?? []);
      for (const orgId of remove) {
        if (!current.exercise) items.push(deps.repos.incidents.uncountIncidentOn(orgId, at));
        if (!participants.has(orgId))
          items.push(deps.repos.incidents.deleteLink(orgId, current.createdAt, current.id));
      }

      const parts = [
        ...Object.keys(changed),
        ...(add.length ? [`third parties added: ${add.join(', ')}`] : []),
        ...(remove.length ? [`third parties removed: ${remove.join(', ')}`] : []),
      ];
      const timeline: NewEntry[] = [
        {
          type: 'incident.updated',
          summary: parts.length ? `Incident edited: ${parts.join('; ')}` : 'Incident edited: no change',
          data: {
            changed,
            ...(add.length ? { addedThirdParties: add } : {}),
            ...(remove.length ? { removedThirdParties: remove } : {}),
          },
        },
      ];
      if (priority !== current.priority) {
        timeline.push({
          type: 'priority.changed',
          summary: `Priority ${current.priority} → ${priority}: severity ${next.severity}, ${next.affectedThirdParties.length} affected third part${next.affectedThirdParties.length === 1 ? 'y' : 'ies'}`,
          data: { from: current.priority, to: priority, reason: 'incident edit' },
        });
      }
      return {
        incident: next,
        items,
        refs,
        timeline,
        result: (stored: StoredIncident) => incidentView(stored as unknown as Record<string, unknown>),
      };
    },
    rt.effects,
  );
}
