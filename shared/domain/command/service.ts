import type { Write } from '../../db/repositories.js';
import { TransactionConflict, withOptimisticRetry } from '../../db/transact.js';
import { ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { AssignRoleBody, ChangeTlpBody, RoleAssignment } from '../../schemas/command.js';
import type { Incident } from '../../schemas/incidents.js';
import { incidentParticipants } from '../access/visibility.js';
import { referenceItems } from '../contacts/references.js';
import type { Deps } from '../deps.js';
import type { EscalationRuntime } from '../escalation/chains.js';
import { storedView } from '../incidents/changes.js';
import { assertIncidentOpen } from '../incidents/rules.js';
import { commit } from '../incidents/unit-of-work.js';
import { incidentTlpChange } from '../tlp/rules.js';
import { assertAuthority, assertCoordinates, assignmentProblems, handover } from './rules.js';

export function assignRole(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: AssignRoleBody,
  rt: EscalationRuntime,
): Promise<RoleAssignment> {
  return withOptimisticRetry(async () => {
    const current = await deps.repos.incidents.get(incidentId);
    assertIncidentOpen(current);
    assertCoordinates(caller, current);
    const previous = current.command?.[body.role];
    if (body.role === 'incident_commander' && previous && previous.subject !== body.holder.subject) {
      assertAuthority(caller, current, 'change_commander');
    }
    const problems = assignmentProblems(body.role, body.holder, incidentParticipants(current));
    if (problems.length > 0) throw new ValidationError(`Invalid holder for ${body.role}`, problems);
    const at = deps.now().toISOString();
    const change = handover(current.command, body.role, body.holder, at, caller.subject, body.note);
    const refs = referenceItems(deps, {
      ref: `incident:${incidentId}#${body.role}`,
      add: body.holder.contactId
        ? [{ contactId: body.holder.contactId, field: 'body.holder.contactId' }]
        : [],
      remove: previous?.contactId && previous.contactId !== body.holder.contactId ? [previous.contactId] : [],
      ...(body.holder.organizationId ? { organizationId: body.holder.organizationId } : {}),
    });
    const orgCheck = body.holder.organizationId
      ? [deps.repos.incidents.organizationExists(body.holder.organizationId)]
      : [];
    const seq = current.timelineSeq + 1;
    const items: Write[] = [
      ...refs.items,
      ...orgCheck,
      ...(change.ended ? [deps.repos.incidents.newCommandTenure(incidentId, seq, change.ended)] : []),
    ];
    const command = { ...(current.command ?? {}), [body.role]: change.holder };
    const who = `${change.holder.name} (${change.holder.subject})`;
    const summary =
      change.kind === 'handed_over'
        ? `${body.role} handed over from ${change.ended?.name} (${change.ended?.subject}) to ${who}`
        : change.kind === 'assigned'
          ? `${body.role} assigned to ${who}`
          : `${body.role} holder ${who} updated`;
    try {
      return await commit(
        deps,
        caller,
        current,
        {
          incident: { ...current, command },
          items,
          timeline: [
            {
              type: `command.${change.kind}`,
              summary: body.note ? `${summary}: ${body.note}` : summary,
              data: {
                role: body.role,
                holder: change.holder,
                ...(change.ended ? { previous: change.ended } : {}),
                ...(body.note ? { note: body.note } : {}),
              },
            },
          ],
          result: {
            incidentId,
            role: body.role,
            holder: change.holder,
            ...(change.ended ? { previous: change.ended } : {}),
            command,
          },
        },
        rt.effects,
      );
    } catch (error) {
      if (error instanceof TransactionConflict) {
        refs.explain(error.failed, 0);
        if (orgCheck.length > 0 && error.failed.includes(refs.items.length)) {
          throw new ValidationError(`Unknown organization ${body.holder.organizationId}`, [
            {
              field: 'body.holder.organizationId',
              message: `organization ${body.holder.organizationId} does not exist`,
            },
          ]);
        }
      }
      throw error;
    }
  });
}

/**
 * Sets the incident's TLP. Raising it (more restrictive) is a coordinator's call; lowering it needs
 * decision authority (the incident commander, or an admin; coordinators until a commander is named).
 * Setting the level the incident already has changes nothing.
 */
export function changeIncidentTlp(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: ChangeTlpBody,
  rt: EscalationRuntime,
): Promise<Incident> {
  return withOptimisticRetry(async () => {
    const current = await deps.repos.incidents.get(incidentId);
    const change = incidentTlpChange(caller, current, body.tlp);
    if (change === null) return storedView(current);
    const { from, to, direction } = change;
    return commit(
      deps,
      caller,
      current,
      {
        incident: { ...current, tlp: to },
        timeline: [
          {
            type: 'incident.tlp_changed',
            summary: `TLP:${from} → TLP:${to} (${direction}): ${body.reason}`,
            data: { from, to, direction, reason: body.reason },
          },
        ],
        result: (stored) => storedView(stored),
      },
      rt.effects,
    );
  });
}
