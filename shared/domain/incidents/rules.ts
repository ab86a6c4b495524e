/** Incident and action state rules (pure). */
import { ConflictError } from '../../errors.js';
import type { ActionStatus } from '../../schemas/incidents.js';

export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['pending', 'in_progress'];
export const isOpenAction = (s: ActionStatus): boolean => OPEN_ACTION_STATUSES.includes(s);

/** Allowed action status changes. Completed and cancelled are final. */
const ACTION_TRANSITIONS: Record<ActionStatus, readonly ActionStatus[]> = {
  pending: ['pending', 'in_progress', 'completed', 'cancelled'],
  in_progress: ['pending', 'in_progress', 'completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function assertActionTransition(actionId: string, from: ActionStatus, to: ActionStatus): void {
  if (!ACTION_TRANSITIONS[from].includes(to)) {
    throw new ConflictError(
      `${actionId} is ${from}; it cannot become ${to}`,
      [{ field: 'body.status', message: `${from} is final`, from, to }],
      'ACTION_FINAL',
    );
  }
}

/**
 * `field`: where the request names the incident (its path by default; `body.incidentId` when the
 * request body names it, `path.activationId` for an activation's incident).
 */
export function assertIncidentOpen(
  incident: { id: string; status: string },
  field = 'path.incidentId',
): void {
  if (incident.status === 'closed') {
    throw new ConflictError(
      `Incident ${incident.id} is closed; reopen it first`,
      [{ field, message: `incident ${incident.id} is closed`, incidentId: incident.id }],
      'INCIDENT_CLOSED',
    );
  }
}

/** Closing is refused while any action is pending or in progress; the refusal lists them. */
export function assertClosable(
  incident: { id: string; status: string },
  actions: readonly { actionId: string; status: ActionStatus; description: string }[],
): void {
  assertIncidentOpen(incident);
  const open = actions.filter((a) => isOpenAction(a.status));
  if (open.length > 0) {
    throw new ConflictError(
      `Incident ${incident.id} has ${open.length} open action(s): ${open.map((a) => a.actionId).join(', ')}`,
      open.map((a) => ({
        field: 'path.incidentId',
        message: `action ${a.actionId} is ${a.status}`,
        actionId: a.actionId,
        status: a.status,
        description: a.description,
      })),
      'OPEN_ACTIONS',
    );
  }
}

export function assertReopenable(incident: { id: string; status: string }): void {
  if (incident.status !== 'closed') {
    throw new ConflictError(
      `Incident ${incident.id} is not closed`,
      [{ field: 'path.incidentId', message: `incident is ${incident.status}` }],
      'INCIDENT_NOT_CLOSED',
    );
  }
}
