/**
 * Playbook activations and coordinated actions. An activation lives in its incident's item
 * collection (`ACTIVATION#<id>`, children `ACTIVATION#<id>#A#<n>` and `#E#<n>`), so the incident's
 * ONE Query returns it; a pointer item `ACTIVATION#<id>` (own partition) maps the id to the incident
 * and is written in the same transaction. Every change goes through the incidents `commit`: ONE
 * TransactWriteItems conditioned on the incident version, with timeline entries.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { activationsFrom } from '../../db/activations-repo.js';
import { getIncidentItem, putNew, putVersioned, type StoredIncident } from '../../db/incidents-repo.js';
import { publicView } from '../../db/items.js';
import { incidentPk, keys } from '../../db/keys.js';
import { withOptimisticRetry } from '../../db/transact.js';
import type { Deps } from '../../deps.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../http/caller.js';
import type {
  Activation,
  ActivationEscalation,
  ActivationReport,
  CompleteActivationBody,
  CoordinatedAction,
  CreateActivationBody,
  CreateActivationEscalationBody,
  CreateCoordinatedActionBody,
  UpdateCoordinatedActionBody,
} from '../../schemas/coordination.js';
import { assertIncidentOpen } from '../incidents/rules.js';
import { commit } from '../incidents/service.js';
import { dueAfter } from '../timeframe.js';
import { getChannel, organizationChecks, unknownOrganizations } from './channels.js';
import { getPlaybook } from './playbooks.js';
import {
  activationEscalationId,
  assertActivationActive,
  assertActivationCompletable,
  assertCoordinatedActionTransition,
  coordinatedActionId,
  coordinationMetrics,
  coordinationRecommendations,
} from './rules.js';

type ActivationRecord = Omit<Activation, 'actions' | 'escalations'> & {
  coordSeq: number;
  escSeq: number;
  version: number;
};
type StoredAction = CoordinatedAction & { version: number };

const HIDDEN = ['coordSeq', 'escSeq', 'version'];

async function incidentOf(deps: Deps, activationId: string): Promise<string> {
  const res = await deps.db.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: keys.activationPointer(activationId),
      ConsistentRead: true,
    }),
  );
  if (!res.Item) throw new NotFoundError(`Activation ${activationId} not found`);
  return String(res.Item.incidentId);
}

/** The incident, the activation record and its children (one GetItem + one Query, in parallel). */
async function load(deps: Deps, activationId: string) {
  const incidentId = await incidentOf(deps, activationId);
  const head = keys.activation(incidentId, activationId);
  const [incident, res] = await Promise.all([
    getIncidentItem(deps, incidentId),
    deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':sk': head.sk },
        ConsistentRead: true,
      }),
    ),
  ]);
  const items = (res.Items ?? []).filter((i) => i.sk === head.sk || String(i.sk).startsWith(`${head.sk}#`));
  const record = items.find((i) => i.sk === head.sk);
  if (!record) throw new NotFoundError(`Activation ${activationId} not found`);
  const [activation] = activationsFrom(items);
  const stored = publicView<ActivationRecord>(record, ['incidentId']);
  const rawActions = items.filter((i) => String(i.sk).startsWith(`${head.sk}#A#`));
  return {
    incident,
    incidentId,
    record: { ...stored, incidentId },
    activation: activation as Activation,
    rawActions,
  };
}

/** The activation record written back one version later with `changes`, conditioned on the version read. */
const putRecord = (
  deps: Deps,
  incidentId: string,
  record: ActivationRecord,
  changes: Partial<ActivationRecord>,
) =>
  putVersioned(
    deps,
    keys.activation(incidentId, record.activationId),
    'activation',
    { ...record, ...changes, version: record.version + 1 },
    record.version,
  );

export async function activatePlaybook(
  deps: Deps,
  caller: Caller,
  playbookId: string,
  body: CreateActivationBody,
): Promise<Activation> {
  const playbook = await getPlaybook(deps, playbookId);
  const channel = body.coordinationChannel ? await channelOr400(deps, body.coordinationChannel) : undefined;
  return withOptimisticRetry(async () => {
    const current = await incidentOr400(deps, body.incidentId);
    assertIncidentOpen(current);
    const now = deps.now();
    const at = now.toISOString();
    const activationId = `ACT-${deps.newId()}`;
    const actions: StoredAction[] = playbook.responseActions.map((a, i) => ({
      actionId: coordinatedActionId(i + 1),
      activationId,
      description: a.action,
      responsibleOrganization: a.responsible,
      supportingOrganizations: [],
      priority: current.priority,
      status: 'pending',
      dueDate: dueAfter(now, a.timeframe, `playbook.responseActions.${i}.timeframe`),
      createdAt: at,
      createdBy: caller.subject,
      updatedAt: at,
      updatedBy: caller.subject,
      version: 1,
    }));
    const record: ActivationRecord = {
      activationId,
      playbookId,
      playbookVersion: playbook.version,
      incidentId: body.incidentId,
      status: 'active',
      participatingOrganizations: playbook.participatingOrganizations,
      ...(channel ? { coordinationChannel: channel.id } : {}),
      escalationRules: channel?.escalationRules ?? [],
      escalationContacts: body.escalationContacts ?? [],
      activatedAt: at,
      activatedBy: caller.subject,
      coordSeq: actions.length,
      escSeq: 0,
      version: 1,
    };
    const incidentId = body.incidentId;
    return commit(deps, caller, current, {
      incident: current,
      items: [
        putNew(deps, keys.activation(incidentId, activationId), 'activation', { ...record }),
        putNew(deps, keys.activationPointer(activationId), 'activationPointer', { activationId, incidentId }),
        ...actions.map((a, i) =>
          putNew(deps, keys.coordinatedAction(incidentId, activationId, i + 1), 'coordinatedAction', {
            incidentId,
            ...a,
          }),
        ),
      ],
      timeline: [
        {
          type: 'playbook.activated',
          summary: `${playbook.name} (version ${playbook.version}) activated as ${activationId} with ${playbook.participatingOrganizations.join(', ')}`,
          data: {
            activationId,
            playbookId,
            playbookVersion: playbook.version,
            participatingOrganizations: playbook.participatingOrganizations,
            actions: actions.map((a) => a.actionId),
          },
        },
      ],
      result: {
        ...publicView<Omit<Activation, 'actions' | 'escalations'>>(
          record as unknown as Record<string, unknown>,
          HIDDEN,
        ),
        actions: actions.map(({ version: _v, ...a }) => a),
        escalations: [],
      },
    });
  });
}

async function incidentOr400(deps: Deps, incidentId: string): Promise<StoredIncident> {
  try {
    return await getIncidentItem(deps, incidentId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown incident ${incidentId}`, [
      { field: 'body.incidentId', message: `incident ${incidentId} does not exist` },
    ]);
  }
}

async function channelOr400(deps: Deps, channelId: string) {
  try {
    return await getChannel(deps, channelId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new ValidationError(`Unknown channel ${channelId}`, [
      { field: 'body.coordinationChannel', message: `channel ${channelId} does not exist` },
    ]);
  }
}

export function createCoordinatedAction(
  deps: Deps,
  caller: Caller,
  activationId: string,
  body: CreateCoordinatedActionBody,
): Promise<CoordinatedAction> {
  return withOptimisticRetry(async () => {
    const { incident, incidentId, record } = await load(deps, activationId);
    assertIncidentOpen(incident);
    assertActivationActive(record);
    const n = record.coordSeq + 1;
    const at = deps.now().toISOString();
    const action: CoordinatedAction = {
      actionId: coordinatedActionId(n),
      activationId,
      description: body.description,
      responsibleOrganization: body.responsibleOrganization,
      supportingOrganizations: body.supportingOrganizations ?? [],
      priority: body.priority ?? incident.priority,
      status: 'pending',
      ...(body.dueDate ? { dueDate: body.dueDate } : {}),
      ...(body.coordinationNotes ? { coordinationNotes: body.coordinationNotes } : {}),
      createdAt: at,
      createdBy: caller.subject,
      updatedAt: at,
      updatedBy: caller.subject,
    };
    const orgs = [action.responsibleOrganization, ...action.supportingOrganizations];
    try {
      return await commit(deps, caller, incident, {
        incident,
        items: [
          ...organizationChecks(deps, orgs),
          putRecord(deps, incidentId, record, { coordSeq: n }),
          putNew(deps, keys.coordinatedAction(incidentId, activationId, n), 'coordinatedAction', {
            incidentId,
            ...action,
            version: 1,
          }),
        ],
        timeline: [
          {
            type: 'coordinated_action.created',
            summary: `${activationId} ${action.actionId} for ${action.responsibleOrganization}: ${action.description}`,
            data: {
              activationId,
              actionId: action.actionId,
              responsibleOrganization: action.responsibleOrganization,
            },
          },
        ],
        result: action,
      });
    } catch (error) {
      const failed = (error as { failed?: number[] }).failed;
      if (failed) {
        const bad = unknownOrganizations(failed, 0, orgs, 'body.organizations');
        if (bad) {
          throw new ValidationError(
            bad.message,
            bad.details.map((d) => {
              const i = Number(d.field.split('.').pop());
              return {
                ...d,
                field: i === 0 ? 'body.responsibleOrganization' : `body.supportingOrganizations.${i - 1}`,
              };
            }),
          );
        }
      }
      throw error;
    }
  });
}

export function updateCoordinatedAction(
  deps: Deps,
  caller: Caller,
  activationId: string,
  actionId: string,
  body: UpdateCoordinatedActionBody,
): Promise<CoordinatedAction> {
  const m = /^COORD-([1-9]\d{0,5})$/.exec(actionId);
  if (!m) throw new NotFoundError(`Coordinated action ${actionId} not found`);
  const n = Number(m[1]);
  return withOptimisticRetry(async () => {
    const { incident, incidentId, record, rawActions } = await load(deps, activationId);
    const raw = rawActions.find((i) => i.actionId === actionId);
    if (!raw) throw new NotFoundError(`Coordinated action ${actionId} not found on ${activationId}`);
    assertIncidentOpen(incident);
    assertActivationActive(record);
    const current = publicView<StoredAction>(raw, ['incidentId']);
    assertCoordinatedActionTransition(actionId, current.status, body.status, body.reason);
    const at = deps.now().toISOString();
    const next: StoredAction = {
      ...current,
      status: body.status,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.coordinationNotes ? { coordinationNotes: body.coordinationNotes } : {}),
      updatedAt: at,
      updatedBy: caller.subject,
      version: current.version + 1,
    };
    const { version: _v, ...result } = next;
    return commit(deps, caller, incident, {
      incident,
      items: [
        putVersioned(
          deps,
          keys.coordinatedAction(incidentId, activationId, n),
          'coordinatedAction',
          { incidentId, ...next },
          current.version,
        ),
      ],
      timeline: [
        {
          type: 'coordinated_action.updated',
          summary: `${activationId} ${actionId} ${current.status} → ${body.status}${body.reason ? `: ${body.reason}` : ''}`,
          data: {
            activationId,
            actionId,
            from: current.status,
            to: body.status,
            ...(body.reason ? { reason: body.reason } : {}),
          },
        },
      ],
      result,
    });
  });
}

export function createActivationEscalation(
  deps: Deps,
  caller: Caller,
  activationId: string,
  body: CreateActivationEscalationBody,
): Promise<ActivationEscalation> {
  return withOptimisticRetry(async () => {
    const { incident, incidentId, record } = await load(deps, activationId);
    assertIncidentOpen(incident);
    assertActivationActive(record);
    const n = record.escSeq + 1;
    const escalation: ActivationEscalation = {
      escalationId: activationEscalationId(n),
      reason: body.reason,
      escalatedTo: body.escalatedTo,
      priority: body.priority,
      escalatedAt: deps.now().toISOString(),
      escalatedBy: caller.subject,
    };
    return commit(deps, caller, incident, {
      incident,
      items: [
        putRecord(deps, incidentId, record, { escSeq: n }),
        putNew(deps, keys.activationEscalation(incidentId, activationId, n), 'activationEscalation', {
          incidentId,
          activationId,
          ...escalation,
        }),
      ],
      timeline: [
        {
          type: 'activation.escalated',
          summary: `${activationId} ${escalation.escalationId} to ${body.escalatedTo} (${body.priority}): ${body.reason}`,
          data: { activationId, escalationId: escalation.escalationId, escalatedTo: body.escalatedTo },
        },
      ],
      result: escalation,
    });
  });
}

export function completeActivation(
  deps: Deps,
  caller: Caller,
  activationId: string,
  body: CompleteActivationBody,
): Promise<Activation> {
  return withOptimisticRetry(async () => {
    const { incident, incidentId, record, activation } = await load(deps, activationId);
    assertActivationCompletable(record, activation.actions);
    const at = deps.now().toISOString();
    return commit(deps, caller, incident, {
      incident,
      items: [putRecord(deps, incidentId, record, { status: 'completed', completedAt: at })],
      timeline: [
        {
          type: 'activation.completed',
          summary: `${activationId} completed${body.notes ? `: ${body.notes}` : ''}`,
          data: { activationId, ...(body.notes ? { notes: body.notes } : {}) },
        },
      ],
      result: { ...activation, status: 'completed' as const, completedAt: at },
    });
  });
}

export async function getActivationReport(deps: Deps, activationId: string): Promise<ActivationReport> {
  const { activation } = await load(deps, activationId);
  const metrics = coordinationMetrics(activation.actions);
  return {
    activationId,
    incidentId: activation.incidentId,
    playbookId: activation.playbookId,
    playbookVersion: activation.playbookVersion,
    status: activation.status,
    coordinationMetrics: metrics,
    escalations: activation.escalations,
    actions: activation.actions,
    recommendations: coordinationRecommendations({
      status: activation.status,
      activatedAt: activation.activatedAt,
      now: deps.now(),
      pendingActions: metrics.pendingActions,
      escalations: activation.escalations.length,
    }),
  };
}
