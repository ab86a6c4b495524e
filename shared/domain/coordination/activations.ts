/**
 * Playbook activations and coordinated actions. An activation lives in its incident's item
 * collection (`ACTIVATION#<id>`, children `ACTIVATION#<id>#A#<n>` and `#E#<n>`), so the incident's
 * ONE Query returns it; a pointer item `ACTIVATION#<id>` (own partition) maps the id to the incident
 * and is written in the same transaction. Every change goes through the incidents `commit`: ONE
 * TransactWriteItems conditioned on the incident version, with timeline entries.
 */
import { type ActivationRecord, RECORD_HIDDEN } from '../../db/entities/activation.js';
import type { StoredIncident } from '../../db/entities/incident.js';
import type { OutboxItem } from '../../db/entities/outbox.js';
import type { Write } from '../../db/repositories.js';
import { withOptimisticRetry } from '../../db/transact.js';
import { NotFoundError, UnprocessableError, ValidationError } from '../../errors.js';
import { logger } from '../../logging.js';
import type { Caller } from '../../model/caller.js';
import type {
  Activation,
  ActivationEscalation,
  ActivationReport,
  Channel,
  CompleteActivationBody,
  CoordinatedAction,
  CreateActivationBody,
  CreateActivationEscalationBody,
  CreateCoordinatedActionBody,
  Playbook,
  UpdateCoordinatedActionBody,
} from '../../schemas/coordination.js';
import { partnerOrganization } from '../access/partner.js';
import {
  activationOrganizations,
  canActOn,
  canSeeActivation,
  participantsAfter,
} from '../access/visibility.js';
import { participantDimensions } from '../command/participants.js';
import type { Deps } from '../deps.js';
import {
  type EscalationRuntime,
  startActivationChain,
  stopActivationChainsIfAcknowledged,
} from '../escalation/chains.js';
import { assertIncidentOpen } from '../incidents/rules.js';
import { commit, type NewEntry } from '../incidents/unit-of-work.js';
import {
  type Notice,
  noticeParts,
  publishNotice,
  type Resolution,
  resolveNoticeRecipients,
  sendNotice,
} from '../notifications/notice.js';
import { overdueRef, removeOverdue } from '../reminders/plan.js';
import {
  cancelReminderSchedules,
  mergePlans,
  NO_REMINDER_CHANGE,
  planDueReminders,
  type ReminderPlan,
  reminderPrepare,
} from '../reminders/schedules.js';
import { dueAfter } from '../timeframe.js';
import { getChannel, unknownOrganizations } from './channels.js';
import { getPlaybook } from './playbooks.js';
import {
  activationEscalationId,
  assertActivationActive,
  assertActivationCompletable,
  assertCoordinatedActionTransition,
  coordinatedActionId,
  coordinationMetrics,
  coordinationRecommendations,
  isOpenCoordinatedAction,
} from './rules.js';

type StoredAction = CoordinatedAction & { version: number };

/** The states that say the responsible organization has taken the action on. */
const ACKNOWLEDGING: readonly string[] = ['acknowledged', 'in_progress', 'completed'];

/** The activation's incident (its pointer; remembered per process: it never changes). */
async function incidentOf(deps: Deps, activationId: string): Promise<string> {
  const incidentId = await deps.repos.activations.incidentOf(activationId);
  if (incidentId === undefined) throw new NotFoundError(`Activation ${activationId} not found`);
  return incidentId;
}

/** The activation record and its children (one Query of all pages). */
async function loadActivation(deps: Deps, incidentId: string, activationId: string) {
  const loaded = await deps.repos.activations.load(incidentId, activationId);
  if (!loaded) throw new NotFoundError(`Activation ${activationId} not found`);
  return loaded;
}

/** The incident, the activation record and its children (one GetItem + one Query of all pages, in parallel). */
async function load(deps: Deps, activationId: string) {
  const incidentId = await incidentOf(deps, activationId);
  const [incident, loaded] = await Promise.all([
    deps.repos.incidents.get(incidentId),
    loadActivation(deps, incidentId, activationId),
  ]);
  return { incident, incidentId, ...loaded };
}

/**
 * The incident and the activation record only (one BatchGetItem): for a change that needs the
 * record's counters and the incident's version, not the activation's children.
 */
async function loadRecord(deps: Deps, activationId: string) {
  const incidentId = await incidentOf(deps, activationId);
  const { incident, record } = await deps.repos.activations.incidentAndRecord(incidentId, activationId);
  if (!incident) throw new NotFoundError(`Incident ${incidentId} not found`);
  if (!record) throw new NotFoundError(`Activation ${activationId} not found`);
  return { incident, incidentId, record };
}

/** What an activation adds to a change of its incident (`activationParts`). */
export interface ActivationParts {
  /** The incident with the participants joined (and `commSeq` bumped by the notice). */
  readonly incident: StoredIncident;
  /** Record, pointer, coordinated actions, and the notice's communication and outbox items. */
  readonly items: Write[];
  readonly timeline: NewEntry[];
  readonly view: Activation;
  /** The notice's outbox items, published after the commit. */
  readonly outbox: OutboxItem[];
  /** Each coordinated action's reminder schedules, created before the commit. */
  readonly reminders: ReminderPlan;
}

/**
 * The activation of `playbook` on `current` as a part of the incident's next transaction: the
 * record and its pointer, one coordinated action per response action (due after its timeframe),
 * the participants joined, the `playbook.activated` entry and — with a `resolution` — the
 * `activation.started` notice. Used by `activatePlaybook` on an existing incident and by the
 * exercise start on the incident it creates in the same transaction (docs/exercises.md).
 */
export async function activationParts(
  deps: Deps,
  caller: Caller,
  playbook: Playbook,
  current: StoredIncident,
  options: {
    activationId: string;
    channel?: Channel;
    escalationContacts?: readonly string[];
    resolution?: Resolution | undefined;
  },
): Promise<ActivationParts> {
  const { activationId, channel } = options;
  const now = deps.now();
  const at = now.toISOString();
  const incidentId = current.id;
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
    playbookId: playbook.id,
    playbookVersion: playbook.version,
    incidentId,
    status: 'active',
    participatingOrganizations: playbook.participatingOrganizations,
    ...(channel ? { coordinationChannel: channel.id } : {}),
    escalationRules: channel?.escalationRules ?? [],
    escalationContacts: [...(options.escalationContacts ?? [])],
    activatedAt: at,
    activatedBy: caller.subject,
    coordSeq: actions.length,
    escSeq: 0,
    version: 1,
  };
  const joining = activationOrganizations({
    participatingOrganizations: record.participatingOrganizations,
    actions,
  });
  // Each response action's reminder and overdue notice (docs/reminders.md), scheduled before the commit.
  const reminders = mergePlans(
    actions.map((a) => planDueReminders(now, coordinatedDueItem(incidentId, a), coordinatedDueState(a))),
  );
  const view: Activation = {
    ...withoutBookkeeping(record),
    actions: actions.map(({ version: _v, ...a }) => a),
    escalations: [],
  };
  const joined = { ...current, participants: participantsAfter(current.participants, joining) };
  const notice = options.resolution
    ? await noticeParts(deps, caller, joined, options.resolution, activationNotice(view, playbook.name))
    : undefined;
  return {
    incident: notice?.incident ?? joined,
    items: [
      ...deps.repos.activations.createParts(
        record,
        actions.map((a) => ({ incidentId, ...a })),
      ),
      ...(notice?.items ?? []),
    ],
    timeline: [
      {
        type: 'playbook.activated',
        summary: `${playbook.name} (version ${playbook.version}) activated as ${activationId} with ${playbook.participatingOrganizations.join(', ')}`,
        data: {
          activationId,
          playbookId: playbook.id,
          playbookVersion: playbook.version,
          participatingOrganizations: playbook.participatingOrganizations,
          actions: actions.map((a) => a.actionId),
        },
      },
      ...(notice?.timeline ?? []),
    ],
    view,
    outbox: notice?.outbox ?? [],
    reminders,
  };
}

/**
 * Activates a playbook for an incident (ONE transaction: activation, pointer, coordinated actions,
 * timeline, the incident's `participants` and their link items, and the `activation.started` notice
 * to every participating organization — their escalation contacts — as communication + outbox +
 * timeline entry), then publishes the notice (`notify` absent, a failed Publish or a process that
 * stops first: the notification sweeper publishes it, same message id).
 */
export async function activatePlaybook(
  deps: Deps,
  caller: Caller,
  playbookId: string,
  body: CreateActivationBody,
  rt: EscalationRuntime,
): Promise<Activation> {
  const { notify, scheduling } = rt;
  const [playbook, channel] = await Promise.all([
    getPlaybook(deps, playbookId),
    body.coordinationChannel ? channelOr400(deps, body.coordinationChannel) : undefined,
  ]);
  // Once, before the retry loop: `prepare` names the reminder schedules after it before the commit,
  // so a new id per conflict retry would leave the earlier attempts' schedules behind.
  const activationId = `ACT-${deps.newId()}`;
  // The `activation.started` notice is part of the activation's transaction (communication + outbox
  // + timeline), so a process that stops after the commit leaves it to the notification sweeper.
  // Recipients are resolved once; the TLP checks are made on each attempt's incident.
  const resolution = playbook.participatingOrganizations.length
    ? await resolveNoticeRecipients(deps, { organizations: playbook.participatingOrganizations })
    : undefined;
  // Without the notice only when both do not fit one transaction (below).
  let withNotice = resolution !== undefined;
  const decide = async () => {
    const current = await incidentOr400(deps, body.incidentId);
    assertIncidentOpen(current, 'body.incidentId');
    const parts = await activationParts(deps, caller, playbook, current, {
      activationId,
      ...(channel ? { channel } : {}),
      escalationContacts: body.escalationContacts ?? [],
      resolution: withNotice ? resolution : undefined,
    });
    const result = await commit(
      deps,
      caller,
      current,
      {
        ...reminderPrepare(scheduling, parts.reminders),
        incident: parts.incident,
        items: parts.items,
        timeline: parts.timeline,
        result: parts.view,
      },
      rt.effects,
    );
    return { activation: result, outbox: parts.outbox };
  };
  let committed: Awaited<ReturnType<typeof decide>>;
  try {
    committed = await withOptimisticRetry(decide);
  } catch (error) {
    // Too many organizations for the activation and its notice in one transaction: the activation
    // alone, then the notice in its own transaction (sent at most once in that rare case).
    if (!(error instanceof UnprocessableError && error.code === 'INCIDENT_TOO_WIDE') || !withNotice)
      throw error;
    withNotice = false;
    committed = await withOptimisticRetry(decide);
  }
  const separately = !withNotice && resolution !== undefined;
  const { activation } = committed;
  await publishNotice(deps, notify, committed.outbox);
  if (separately) await sendNotice(deps, notify, caller, activationNotice(activation, playbook.name));
  // The channel's escalation rules climb for this activation until its actions are acknowledged.
  if (channel && channel.escalationRules.length > 0) {
    await startActivationChain(deps, rt, caller, activation.incidentId, activation.activationId, channel.id);
  }
  return activation;
}

const coordinatedDueItem = (incidentId: string, a: CoordinatedAction) => ({
  kind: 'coordinated-action' as const,
  incidentId,
  activationId: a.activationId,
  actionId: a.actionId,
});
const coordinatedDueState = (a: CoordinatedAction) => ({
  open: isOpenCoordinatedAction(a.status),
  dueDate: a.dueDate,
});

/** `activation.started`: one notice to the participating organizations (their escalation contacts). */
export function activationNotice(activation: Activation, playbookName: string): Notice {
  const mine = (org: string) =>
    activation.actions
      .filter((a) => a.responsibleOrganization === org)
      .map((a) => `${a.actionId} ${a.description}${a.dueDate ? ` (due ${a.dueDate})` : ''}`);
  const lines = activation.participatingOrganizations.map((org) => {
    const actions = mine(org);
    return `- ${org}: ${actions.length ? actions.join('; ') : 'no action assigned yet'}`;
  });
  return {
    incidentId: activation.incidentId,
    kind: 'activation.started',
    subject: `Playbook "${playbookName}" activated (${activation.activationId})`,
    content: [
      `The shared playbook "${playbookName}" (version ${activation.playbookVersion}) was activated for incident ${activation.incidentId} as ${activation.activationId}.`,
      'Coordinated actions by organization:',
      ...lines,
    ].join('\n'),
    recipients: { organizations: activation.participatingOrganizations },
    data: { activationId: activation.activationId, playbookId: activation.playbookId },
  };
}

async function incidentOr400(deps: Deps, incidentId: string): Promise<StoredIncident> {
  try {
    return await deps.repos.incidents.get(incidentId);
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

export async function createCoordinatedAction(
  deps: Deps,
  caller: Caller,
  activationId: string,
  body: CreateCoordinatedActionBody,
  rt: EscalationRuntime,
): Promise<CoordinatedAction> {
  const scheduling = rt.scheduling;
  const created = await withOptimisticRetry(async () => {
    // The record's counter names the new action; its children are not needed.
    const { incident, incidentId, record } = await loadRecord(deps, activationId);

    assertIncidentOpen(incident, 'path.activationId');
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
    const reminders = planDueReminders(
      deps.now(),
      coordinatedDueItem(incidentId, action),
      coordinatedDueState(action),
    );
    try {
      return await commit(
        deps,
        caller,
        incident,
        {
          ...reminderPrepare(scheduling, reminders),
          incident: { ...incident, participants: participantsAfter(incident.participants, orgs) },
          items: [
            ...orgs.map((id) => deps.repos.incidents.organizationExists(id)),
            deps.repos.activations.replaceRecordPart(record, { coordSeq: n }),
            deps.repos.activations.createActionPart({ incidentId, ...action, version: 1 }),
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
        },
        rt.effects,
      );
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
  return created;
}

export async function updateCoordinatedAction(
  deps: Deps,
  caller: Caller,
  activationId: string,
  actionId: string,
  body: UpdateCoordinatedActionBody,
  rt: EscalationRuntime,
): Promise<CoordinatedAction> {
  const scheduling = rt.scheduling;
  if (!/^COORD-([1-9]\d{0,5})$/.test(actionId))
    throw new NotFoundError(`Coordinated action ${actionId} not found`);
  let before: { incidentId: string; action: CoordinatedAction } | undefined;
  let statusesAfter: string[] = [];
  let plan = NO_REMINDER_CHANGE;
  const updated = await withOptimisticRetry(async () => {
    const { incident, incidentId, record, actions, activation } = await load(deps, activationId);
    assertMaySeeActivation(caller, activation);
    const stored = actions.find((a) => a.actionId === actionId);
    const partner = partnerOrganization(caller);
    // A partner acts on its own actions only; another organization's action is "not found" to it.
    if (!stored || (partner !== null && !canActOn(stored, partner))) {
      throw new NotFoundError(`Coordinated action ${actionId} not found on ${activationId}`);
    }
    assertIncidentOpen(incident, 'path.activationId');
    assertActivationActive(record);
    const { incidentId: _i, ...current } = stored;
    assertCoordinatedActionTransition(actionId, current.status, body.status, body.reason);
    const at = deps.now().toISOString();
    const next: StoredAction = {
      ...current,
      status: body.status,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.coordinationNotes ? { coordinationNotes: body.coordinationNotes } : {}),
      // First acknowledgement (acknowledged, or work started or finished without it) and completion:
      // what an exercise report measures against the playbook's timeframes (docs/exercises.md).
      ...(current.acknowledgedAt === undefined && ACKNOWLEDGING.includes(body.status)
        ? { acknowledgedAt: at }
        : {}),
      ...(body.status === 'completed' ? { completedAt: at } : {}),
      updatedAt: at,
      updatedBy: caller.subject,
      version: current.version + 1,
    };
    const { version: _v, ...result } = next;
    before = { incidentId, action: current };
    statusesAfter = actions.map((a) => (a.actionId === actionId ? body.status : String(a.status)));
    // A completed or declined action is no longer overdue.
    const ref = overdueRef({ kind: 'coordinated-action', activationId, actionId });
    plan = planDueReminders(
      deps.now(),
      coordinatedDueItem(incidentId, next),
      coordinatedDueState(next),
      coordinatedDueState(current),
    );
    return commit(
      deps,
      caller,
      incident,
      {
        ...reminderPrepare(scheduling, plan),
        incident: isOpenCoordinatedAction(body.status) ? incident : removeOverdue(incident, ref),
        items: [deps.repos.activations.replaceActionPart({ incidentId, ...next }, current.version)],
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
      },
      rt.effects,
    );
  });
  if (scheduling) await cancelReminderSchedules(scheduling, plan);
  // This action left `pending` and none is pending any more: the activation's chains stop.
  // After the commit: never fail the request (a chain left climbing is ended by its next firing,
  // which re-reads the actions).
  if (before && before.action.status === 'pending') {
    try {
      await stopActivationChainsIfAcknowledged(
        deps,
        rt,
        caller,
        before.incidentId,
        activationId,
        statusesAfter,
      );
    } catch (error) {
      logger.error('activation escalation chains not stopped after the actions were acknowledged', {
        incidentId: before.incidentId,
        activationId,
        error,
      });
    }
  }
  return updated;
}

export function createActivationEscalation(
  deps: Deps,
  caller: Caller,
  activationId: string,
  body: CreateActivationEscalationBody,
  rt: EscalationRuntime,
): Promise<ActivationEscalation> {
  return withOptimisticRetry(async () => {
    // The record's counter and the incident's ESC series are all it needs: no children read.
    const { incident, incidentId, record } = await loadRecord(deps, activationId);
    assertIncidentOpen(incident, 'path.activationId');
    assertActivationActive(record);
    // ESC-n of the incident's one series (shared with POST /incidents/{id}/escalations and missed
    // deadlines), so an escalation id names one escalation of the incident; the record's own
    // counter still counts this activation's escalations.
    const n = incident.escSeq + 1;
    const escalation: ActivationEscalation = {
      escalationId: activationEscalationId(n),
      reason: body.reason,
      escalatedTo: body.escalatedTo,
      priority: body.priority,
      escalatedAt: deps.now().toISOString(),
      escalatedBy: caller.subject,
    };
    return commit(
      deps,
      caller,
      incident,
      {
        incident: { ...incident, escSeq: n },
        items: [
          deps.repos.activations.replaceRecordPart(record, { escSeq: record.escSeq + 1 }),
          deps.repos.activations.createEscalationPart({ incidentId, activationId, ...escalation }),
        ],
        timeline: [
          {
            type: 'activation.escalated',
            summary: `${activationId} ${escalation.escalationId} to ${body.escalatedTo} (${body.priority}): ${body.reason}`,
            data: { activationId, escalationId: escalation.escalationId, escalatedTo: body.escalatedTo },
          },
        ],
        result: escalation,
      },
      rt.effects,
    );
  });
}

export function completeActivation(
  deps: Deps,
  caller: Caller,
  activationId: string,
  body: CompleteActivationBody,
  rt: EscalationRuntime,
): Promise<Activation> {
  return withOptimisticRetry(async () => {
    const { incident, record, activation } = await load(deps, activationId);
    assertActivationCompletable(record, activation.actions);
    const at = deps.now().toISOString();
    return commit(
      deps,
      caller,
      incident,
      {
        incident,
        items: [deps.repos.activations.replaceRecordPart(record, { status: 'completed', completedAt: at })],
        timeline: [
          {
            type: 'activation.completed',
            summary: `${activationId} completed${body.notes ? `: ${body.notes}` : ''}`,
            data: { activationId, ...(body.notes ? { notes: body.notes } : {}) },
          },
        ],
        result: { ...activation, status: 'completed' as const, completedAt: at },
      },
      rt.effects,
    );
  });
}

/** 404 (the same answer as a missing activation) unless internal, or a partner taking part in it. */
function assertMaySeeActivation(caller: Caller, activation: Activation): void {
  const partner = partnerOrganization(caller);
  if (partner !== null && !canSeeActivation(activation, partner)) {
    throw new NotFoundError(`Activation ${activation.activationId} not found`);
  }
}

export async function getActivationReport(
  deps: Deps,
  activationId: string,
  caller?: Caller,
): Promise<ActivationReport> {
  // The report is the activation's own: its incident item is not read.
  const { activation } = await loadActivation(deps, await incidentOf(deps, activationId), activationId);
  if (caller) assertMaySeeActivation(caller, activation);
  const metrics = coordinationMetrics(activation.actions);
  const participantsByDimension = await participantDimensions(deps, activationOrganizations(activation));
  return {
    activationId,
    incidentId: activation.incidentId,
    playbookId: activation.playbookId,
    playbookVersion: activation.playbookVersion,
    status: activation.status,
    coordinationMetrics: metrics,
    escalations: activation.escalations,
    actions: activation.actions,
    participantsByDimension,
    recommendations: coordinationRecommendations({
      status: activation.status,
      activatedAt: activation.activatedAt,
      now: deps.now(),
      pendingActions: metrics.pendingActions,
      openActions: metrics.openActions,
      escalations: activation.escalations.length,
    }),
  };
}

/** The activation view of a record (its counters and version are bookkeeping). */
function withoutBookkeeping(record: ActivationRecord): Omit<Activation, 'actions' | 'escalations'> {
  const view: Record<string, unknown> = { ...record };
  for (const k of RECORD_HIDDEN) delete view[k];
  return view as Omit<Activation, 'actions' | 'escalations'>;
}
