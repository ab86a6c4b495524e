/**
 * Coordination rules (pure): coordinated action states, completing an activation, the activation
 * report's metrics and recommendations. Services call these between the read and the one
 * transaction; nothing here touches DynamoDB.
 */
import { ConflictError, ValidationError } from '../../errors.js';
import type { CoordinatedActionStatus } from '../../model/coordination.js';
import type { Recommendation } from '../../schemas/incidents.js';

export { COORDINATED_ACTION_STATUSES, type CoordinatedActionStatus } from '../../model/coordination.js';

const OPEN: readonly CoordinatedActionStatus[] = ['pending', 'acknowledged', 'in_progress'];
export const isOpenCoordinatedAction = (s: CoordinatedActionStatus): boolean => OPEN.includes(s);

/** Completed and declined are final; open states move freely among themselves and into either. */
const TRANSITIONS: Record<CoordinatedActionStatus, readonly CoordinatedActionStatus[]> = {
  pending: ['pending', 'acknowledged', 'in_progress', 'completed', 'declined'],
  acknowledged: ['pending', 'acknowledged', 'in_progress', 'completed', 'declined'],
  in_progress: ['pending', 'acknowledged', 'in_progress', 'completed', 'declined'],
  completed: [],
  declined: [],
};

/** Coordinated action ids are numbered per activation: COORD-1, COORD-2, … */
export const coordinatedActionId = (n: number): string => `COORD-${n}`;
/**
 * Activation escalations take the next number of their incident's ESC-n series (the same counter as
 * the incident's own escalations), so ESC-n is unique within an incident.
 */
export const activationEscalationId = (n: number): string => `ESC-${n}`;

export function assertCoordinatedActionTransition(
  actionId: string,
  from: CoordinatedActionStatus,
  to: CoordinatedActionStatus,
  reason: string | undefined,
): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new ConflictError(
      `${actionId} is ${from}; it cannot become ${to}`,
      [{ field: 'body.status', message: `${from} is final`, from, to }],
      'ACTION_FINAL',
    );
  }
  if (to === 'declined' && (reason === undefined || reason.trim() === '')) {
    throw new ValidationError(`Declining ${actionId} needs a reason`, [
      { field: 'body.reason', message: 'required when status is declined' },
    ]);
  }
}

export function assertActivationActive(activation: { activationId: string; status: string }): void {
  if (activation.status !== 'active') {
    throw new ConflictError(
      `Activation ${activation.activationId} is ${activation.status}`,
      [{ field: 'path.activationId', message: `activation is ${activation.status}` }],
      'ACTIVATION_NOT_ACTIVE',
    );
  }
}

type OpenCheck = { actionId: string; status: CoordinatedActionStatus; description: string };

function openActionDetails(field: string, actions: readonly OpenCheck[]) {
  return actions
    .filter((a) => isOpenCoordinatedAction(a.status))
    .map((a) => ({
      field,
      message: `coordinated action ${a.actionId} is ${a.status}`,
      actionId: a.actionId,
      status: a.status,
      description: a.description,
    }));
}

/** Completing an activation is refused (409) while any of its coordinated actions is open. */
export function assertActivationCompletable(
  activation: { activationId: string; status: string },
  actions: readonly OpenCheck[],
): void {
  assertActivationActive(activation);
  const open = openActionDetails('path.activationId', actions);
  if (open.length > 0) {
    throw new ConflictError(
      `Activation ${activation.activationId} has ${open.length} open coordinated action(s): ${open.map((o) => o.actionId).join(', ')}`,
      open,
      'OPEN_COORDINATED_ACTIONS',
    );
  }
}

/**
 * Closing an incident is refused (409) while any of its activations has open coordinated actions.
 * The incidents service calls this next to `assertClosable`.
 */
export function assertNoOpenCoordinatedActions(
  incident: { id: string },
  actions: readonly (OpenCheck & { activationId: string })[],
): void {
  const open = actions
    .filter((a) => isOpenCoordinatedAction(a.status))
    .map((a) => ({
      field: 'path.incidentId',
      message: `coordinated action ${a.actionId} of ${a.activationId} is ${a.status}`,
      activationId: a.activationId,
      actionId: a.actionId,
      status: a.status,
      description: a.description,
    }));
  if (open.length > 0) {
    throw new ConflictError(
      `Incident ${incident.id} has ${open.length} open coordinated action(s) in its playbook activations`,
      open,
      'OPEN_COORDINATED_ACTIONS',
    );
  }
}

export function coordinationMetrics(actions: readonly { status: CoordinatedActionStatus }[]) {
  const totalActions = actions.length;
  const completedActions = actions.filter((a) => a.status === 'completed').length;
  // Pending: not acknowledged yet. Open: not completed or declined (pending, acknowledged, in progress).
  const pendingActions = actions.filter((a) => a.status === 'pending').length;
  const openActions = actions.filter((a) => isOpenCoordinatedAction(a.status)).length;
  const completionRate =
    totalActions === 0 ? 0 : Math.round((completedActions / totalActions) * 10_000) / 100;
  return { totalActions, completedActions, pendingActions, openActions, completionRate };
}

const DAY_MS = 86_400_000;

export function coordinationRecommendations(input: {
  status: string;
  activatedAt: string;
  now: Date;
  /** Not acknowledged yet (status `pending`). */
  pendingActions: number;
  /** Not completed or declined (pending, acknowledged, in progress). */
  openActions: number;
  escalations: number;
}): Recommendation[] {
  const out: Recommendation[] = [];
  const plural = (n: number) => (n === 1 ? '' : 's');
  if (input.openActions > 0) {
    out.push({
      type: 'action_completion',
      priority: 'high',
      description: `Complete ${input.openActions} open coordinated action${plural(input.openActions)}`,
    });
  }
  if (input.pendingActions > 0) {
    out.push({
      type: 'action_acknowledgement',
      priority: 'high',
      description: `${input.pendingActions} coordinated action${plural(input.pendingActions)} not yet acknowledged by ${input.pendingActions === 1 ? 'its organization' : 'their organizations'}; follow up with the responsible organization${plural(input.pendingActions)}`,
    });
  }
  if (input.escalations > 2) {
    out.push({
      type: 'escalation_management',
      priority: 'medium',
      description: `${input.escalations} escalations raised; review the escalation rules and the responsiveness of the organizations involved`,
    });
  }
  if (input.status === 'active' && input.now.getTime() - Date.parse(input.activatedAt) > 3 * DAY_MS) {
    out.push({
      type: 'duration_management',
      priority: 'medium',
      description:
        'Activation active for more than 3 days; review progress and consider completing or re-planning it',
    });
  }
  return out;
}
