/**
 * Incident lifecycle service: every operation reads what it needs, applies the pure rules, and
 * writes all touched items (incident, children, links, timeline) in ONE TransactWriteItems,
 * conditioned on the versions it read. Conflicts are retried; the timeline's actor is always the
 * authenticated subject.
 */

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { regulatoryConfig } from '../../config.js';
import { getIncidentActivations } from '../../db/activations-repo.js';
import {
  type Counters,
  countIncidentOn,
  getIncidentAndChild,
  getIncidentDetail,
  getIncidentItem,
  getIncidentWithActions,
  incidentView,
  putIncident,
  putIncidentLinks,
  putNew,
  putVersioned,
  queryTimeline,
  type StoredIncident,
  summaryOf,
} from '../../db/incidents-repo.js';
import { publicView } from '../../db/items.js';
import { keys, listQueries, orgPk, prefixes } from '../../db/keys.js';
import { decodeCursor, encodeCursor } from '../../db/pagination.js';
import {
  organizationExists,
  type TransactItem,
  TransactionConflict,
  transactWrite,
  withOptimisticRetry,
} from '../../db/transact.js';
import { type Deps, type NotifyDeps, type SchedulingDeps, schedulingDepsIfConfigured } from '../../deps.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type { Tlp } from '../../schemas/common.js';
import type {
  Action,
  CloseIncidentBody,
  Communication,
  CreateActionBody,
  CreateCommunicationBody,
  CreateEscalationBody,
  CreateIncidentBody,
  CreateLessonBody,
  Escalation,
  ImpactAssessmentBody,
  Incident,
  IncidentDetail,
  IncidentReport,
  IncidentSummary,
  Lesson,
  ListIncidentsQuery,
  Recipients,
  ReopenIncidentBody,
  TimelineEntry,
  TimelineQuery,
  UpdateActionBody,
} from '../../schemas/incidents.js';
import { assertMaySeeIncident, partnerOrganization } from '../access/partner.js';
import {
  activationOrganizations,
  partnerIncidentView,
  partnerTimeline,
  withheldFor,
} from '../access/visibility.js';
import { participantDimensions } from '../command/participants.js';
import { assertAuthority } from '../command/rules.js';
import { assertNoOpenCoordinatedActions } from '../coordination/rules.js';
import { autoStartChains, cancelChainSchedules, chainsStoppedByClose } from '../escalation/chains.js';
import { evaluateTriggers, runTriggerEffects } from '../escalation/triggers.js';
import {
  buildOutbox,
  checkRecipients,
  type OutboxItem,
  outboxPuts,
  pendingDelivery,
  publishOutbox,
  resolveRecipients,
} from '../notifications/delivery.js';
import { obligationView, suggestRegimes } from '../obligations/view.js';
import { organizationAgreements } from '../organizations/service.js';
import { removeOverdue } from '../reminders/plan.js';
import {
  cancelReminderSchedules,
  NO_REMINDER_CHANGE,
  planDueReminders,
  reminderPrepare,
} from '../reminders/schedules.js';
import { renderTemplate, templateView } from '../templates/render.js';
import { getTemplate, loadVersion } from '../templates/service.js';
import { type CommunicationMarking, communicationMarking, DEFAULT_INCIDENT_TLP } from '../tlp/rules.js';
import { priorityAfterEscalation, priorityAtCreation, priorityFromImpact } from './priority.js';
import { buildReport } from './report.js';
import { assertActionTransition, assertClosable, assertIncidentOpen, assertReopenable } from './rules.js';

export type NewEntry = { type: string; summary: string; data?: Record<string, unknown> };

/** DynamoDB's limit of items in one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;

/** Clock skew tolerated for caller-supplied "now-ish" timestamps. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

function timelineItems(
  deps: Deps,
  incidentId: string,
  firstSeq: number,
  at: string,
  actor: string,
  entries: NewEntry[],
) {
  return entries.map((e, i) => {
    const seq = firstSeq + i;
    const entry: TimelineEntry = {
      seq,
      at,
      actor,
      type: e.type,
      summary: e.summary,
      ...(e.data ? { data: e.data } : {}),
    };
    return putNew(deps, keys.timeline(incidentId, seq), 'timeline', { incidentId, ...entry });
  });
}

// ---------- create ----------

export async function createIncident(
  deps: Deps,
  caller: Caller,
  body: CreateIncidentBody,
): Promise<Incident> {
  const now = deps.now();
  const nowIso = now.toISOString();
  const affected = body.affectedThirdParties ?? [];
  // Each third party once: checked by the schema (CreateIncidentBody).
  const discoveryDate = body.discoveryDate ?? nowIso;
  if (Date.parse(discoveryDate) > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new ValidationError('discoveryDate is in the future', [
      { field: 'body.discoveryDate', message: 'must not be in the future' },
    ]);
  }
  const priority = priorityAtCreation(body.severity, affected.length);
  const draft: StoredIncident = {
    id: body.id ?? `INC-${deps.newId()}`,
    title: body.title,
    description: body.description,
    severity: body.severity,
    category: body.category,
    status: 'open',
    priority,
    affectedThirdParties: affected,
    ...(body.discoveredBy ? { discoveredBy: body.discoveredBy } : {}),
    discoveryDate,
    tlp: body.tlp ?? DEFAULT_INCIDENT_TLP,
    createdAt: nowIso,
    updatedAt: nowIso,
    createdBy: caller.subject,
    version: 1,
    timelineSeq: 1,
    actionSeq: 0,
    commSeq: 0,
    escSeq: 0,
    lessonSeq: 0,
  };
  // Escalation triggers that hold at creation fire in the creation transaction (docs/escalation.md).
  const triggered = await evaluateTriggers(deps, draft);
  const incident: StoredIncident = { ...triggered.incident, timelineSeq: 1 + triggered.timeline.length };
  const items: TransactItem[] = [
    putIncident(deps, incident, null),
    ...affected.map((orgId) => countIncidentOn(deps, orgId, discoveryDate, nowIso)),
    ...putIncidentLinks(deps, incident),
    ...timelineItems(deps, incident.id, 1, nowIso, caller.subject, [
      {
        type: 'incident.created',
        summary: `Incident opened with severity ${body.severity} and priority ${priority}`,
        data: { severity: body.severity, priority, affectedThirdParties: affected },
      },
      ...triggered.timeline,
    ]),
  ];
  try {
    await transactWrite(deps, items);
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    if (error.failed.includes(0)) {
      throw new ConflictError(
        `Incident ${incident.id} already exists`,
        [{ field: 'body.id', message: 'already exists' }],
        'ALREADY_EXISTS',
      );
    }
    const missing = error.failed.filter((i) => i >= 1 && i <= affected.length).map((i) => i - 1);
    if (missing.length > 0) {
      throw new ValidationError(
        `Unknown third part${missing.length > 1 ? 'ies' : 'y'}: ${missing.map((i) => affected[i]).join(', ')}`,
        missing.map((i) => ({
          field: `body.affectedThirdParties.${i}`,
          message: `third party ${affected[i]} does not exist`,
        })),
      );
    }
    throw new ConflictError('The incident could not be created; retry the request', [], 'CONCURRENT_UPDATE');
  }
  await runTriggerEffects(deps, incident, triggered.fired);
  await autoStartChains(deps, incident);
  return incidentView(incident as unknown as Record<string, unknown>);
}

// ---------- generic mutation ----------

export interface Change<R> {
  /** The incident's next state (version, updatedAt and timelineSeq are set by `commit`). */
  incident: StoredIncident;
  /** Other items written in the same transaction. */
  items?: TransactItem[];
  /** Index of `items` entries that are third-party existence checks, with the field they came from. */
  refs?: { index: number; field: string; id: string }[];
  timeline: NewEntry[];
  /** The answer; a function receives the incident as stored (new version, updatedAt). */
  result: R | ((stored: StoredIncident) => R);
  /**
   * Runs just before the transaction; when it throws, nothing is written. For side effects that
   * must exist before the change does and are harmless without it (reminder schedules: created
   * first, they re-read the item when they fire).
   */
  prepare?: () => Promise<void>;
  /**
   * Skip the escalation-trigger evaluation: for changes that alter no trigger input (priority,
   * third parties, impact, overdue actions), made by a function that may not read the trigger list
   * (the public acknowledgement link, whose role reaches only its own items).
   */
  skipTriggers?: boolean;
}

/** Writes a change in one transaction, conditioned on the incident version it was decided on. */
export async function commit<R>(
  deps: Deps,
  caller: Caller,
  current: StoredIncident,
  change: Change<R>,
): Promise<R> {
  const at = deps.now().toISOString();
  // Escalation triggers newly true in the next state fire in this same transaction (docs/escalation.md).
  const triggered = change.skipTriggers
    ? { incident: change.incident, timeline: [], fired: [] }
    : await evaluateTriggers(deps, change.incident);
  const timeline = [...change.timeline, ...triggered.timeline];
  const next: StoredIncident = {
    ...triggered.incident,
    version: current.version + 1,
    updatedAt: at,
    timelineSeq: current.timelineSeq + timeline.length,
  };
  const extra = change.items ?? [];
  const items: TransactItem[] = [
    ...extra,
    putIncident(deps, next, current.version),
    // Link items carry the summary (incl. updatedAt) shown by `GET /incidents?thirdParty=`.
    ...putIncidentLinks(deps, next),
    ...timelineItems(deps, current.id, current.timelineSeq + 1, at, caller.subject, timeline),
  ];
  if (items.length > MAX_TRANSACTION_ITEMS) {
    // Every incident change re-puts one link item per involved organization (affected third parties
    // and activation participants): an incident involving that many cannot take this change in one
    // transaction. A clear 422 instead of DynamoDB's ValidationException (a 500).
    const linked = new Set([...next.affectedThirdParties, ...(next.participants ?? [])]).size;
    throw new UnprocessableError(
      `This change would write ${items.length} items in one transaction (at most ${MAX_TRANSACTION_ITEMS}); the incident involves ${linked} organizations`,
      [{ field: 'body', message: `too many organizations involved (${linked}) for this change` }],
      'INCIDENT_TOO_WIDE',
    );
  }
  try {
    await change.prepare?.();
    await transactWrite(deps, items);
  } catch (error) {
    if (error instanceof TransactionConflict) {
      const bad = (change.refs ?? []).filter((r) => error.failed.includes(r.index));
      if (bad.length > 0) {
        throw new ValidationError(
          `Unknown third party: ${bad.map((b) => b.id).join(', ')}`,
          bad.map((b) => ({ field: b.field, message: `third party ${b.id} does not exist` })),
        );
      }
    }
    throw error;
  }
  await runTriggerEffects(deps, next, triggered.fired);
  return typeof change.result === 'function'
    ? (change.result as (stored: StoredIncident) => R)(next)
    : change.result;
}

/** Read the incident, decide, commit; retried when another writer got there first (also used by notices). */
export function mutate<R>(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  decide: (current: StoredIncident) => Change<R>,
) {
  return withOptimisticRetry(async () => {
    const current = await getIncidentItem(deps, incidentId);
    return commit(deps, caller, current, decide(current));
  });
}

const storedView = (stored: StoredIncident): Incident =>
  incidentView(stored as unknown as Record<string, unknown>);

function bump(current: StoredIncident, counter: keyof Counters): { n: number; incident: StoredIncident } {
  const n = current[counter] + 1;
  return { n, incident: { ...current, [counter]: n } };
}

function thirdPartyRef(deps: Deps, field: string, id: string | undefined, index: number) {
  if (id === undefined) return { items: [] as TransactItem[], refs: [] };
  return { items: [organizationExists(deps, id)], refs: [{ index, field, id }] };
}

// ---------- operations ----------

export function assessImpact(deps: Deps, caller: Caller, incidentId: string, body: ImpactAssessmentBody) {
  return mutate(deps, caller, incidentId, (current) => {
    assertIncidentOpen(current);
    const { priority, total, factors } = priorityFromImpact(body);
    const at = deps.now().toISOString();
    const incident: StoredIncident = {
      ...current,
      priority,
      impactAssessment: { ...body, assessedAt: at, assessedBy: caller.subject, impactFactors: total },
    };
    const timeline: NewEntry[] = [
      {
        type: 'impact.assessed',
        summary: `Impact assessed: ${total} impact factor point(s)`,
        data: { ...body },
      },
    ];
    if (priority !== current.priority) {
      const why = factors.length
        ? factors.map((f) => `${f.factor} (+${f.points})`).join(', ')
        : 'no impact factors';
      timeline.push({
        type: 'priority.changed',
        summary: `Priority ${current.priority} → ${priority}: ${why}; ${total} point(s)`,
        data: { from: current.priority, to: priority, reason: 'impact assessment', factors, total },
      });
    }
    return { incident, timeline, result: storedView };
  });
}

export async function createAction(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateActionBody,
  scheduling?: SchedulingDeps,
): Promise<Action> {
  const created = await mutate(deps, caller, incidentId, (current) => {
    assertIncidentOpen(current);
    const { n, incident } = bump(current, 'actionSeq');
    const at = deps.now().toISOString();
    const action: Action = {
      actionId: `ACTION-${n}`,
      description: body.description,
      assignedTo: body.assignedTo,
      ...(body.thirdParty ? { thirdParty: body.thirdParty } : {}),
      ...(body.actionType ? { actionType: body.actionType } : {}),
      priority: body.priority ?? current.priority,
      ...(body.dueDate ? { dueDate: body.dueDate } : {}),
      status: 'pending',
      createdAt: at,
      createdBy: caller.subject,
      updatedAt: at,
      version: 1,
    };
    const ref = thirdPartyRef(deps, 'body.thirdParty', body.thirdParty, 0);
    // Reminder and overdue notice of the due date (docs/reminders.md), scheduled before the commit.
    const plan = planDueReminders(deps.now(), dueItem(incidentId, action), dueState(action));
    return {
      incident,
      items: [...ref.items, putNew(deps, keys.action(incidentId, n), 'action', { incidentId, ...action })],
      refs: ref.refs,
      ...reminderPrepare(scheduling, plan),
      timeline: [
        {
          type: 'action.created',
          summary: `${action.actionId} assigned to ${action.assignedTo}: ${action.description}`,
          data: { actionId: action.actionId, assignedTo: action.assignedTo, priority: action.priority },
        },
      ],
      result: action,
    };
  });
  return created;
}

const dueItem = (incidentId: string, a: Action) => ({
  kind: 'action' as const,
  incidentId,
  actionId: a.actionId,
});
const dueState = (a: Action) => ({
  open: a.status === 'pending' || a.status === 'in_progress',
  dueDate: a.dueDate,
});

function actionNumber(actionId: string): number {
  const m = /^ACTION-([1-9]\d{0,5})$/.exec(actionId);
  if (!m) throw new NotFoundError(`Action ${actionId} not found`);
  return Number(m[1]);
}

export async function updateAction(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  actionId: string,
  body: UpdateActionBody,
  scheduling?: SchedulingDeps,
): Promise<Action> {
  const key = keys.action(incidentId, actionNumber(actionId));
  let plan = NO_REMINDER_CHANGE;
  const updated = await withOptimisticRetry(async () => {
    const { incident: current, child } = await getIncidentAndChild(deps, incidentId, key);
    if (!child) throw new NotFoundError(`Action ${actionId} not found on incident ${incidentId}`);
    assertIncidentOpen(current);
    const action = publicView<Action>(child, ['incidentId']);
    assertActionTransition(actionId, action.status, body.status);
    const at = deps.now().toISOString();
    const { completedDate: _drop, dueDate: _due, ...rest } = action;
    const dueDate = body.dueDate === undefined ? action.dueDate : (body.dueDate ?? undefined);
    const redated = dueDate !== action.dueDate;
    // Completed, cancelled or re-dated: no longer overdue (the reminder job flags it again if still due).
    const settled = body.status === 'completed' || body.status === 'cancelled' || redated;
    const next: Action = {
      ...rest,
      ...(dueDate ? { dueDate } : {}),
      status: body.status,
      ...(body.notes !== undefined ? { notes: body.notes } : action.notes ? { notes: action.notes } : {}),
      ...(body.status === 'completed' ? { completedDate: at } : {}),
      updatedAt: at,
      version: action.version + 1,
    };
    // New reminder schedules before the commit, the old ones deleted after it (docs/reminders.md).
    plan = planDueReminders(deps.now(), dueItem(incidentId, next), dueState(next), dueState(action));
    return commit(deps, caller, current, {
      incident: settled ? removeOverdue(current, actionId) : current,
      items: [putVersioned(deps, key, 'action', { incidentId, ...next }, action.version)],
      ...reminderPrepare(scheduling, plan),
      timeline: [
        {
          type: 'action.updated',
          summary: `${
            action.status === body.status
              ? `${actionId} ${redated ? 'due date changed' : 'notes updated'}`
              : `${actionId} ${action.status} → ${body.status}${body.notes ? `: ${body.notes}` : ''}`
          }${redated ? ` (due ${dueDate ?? 'none'})` : ''}`,
          data: {
            actionId,
            from: action.status,
            to: body.status,
            ...(body.notes ? { notes: body.notes } : {}),
            ...(redated ? { dueDate: dueDate ?? null, previousDueDate: action.dueDate ?? null } : {}),
          },
        },
      ],
      result: next,
    });
  });
  if (scheduling) await cancelReminderSchedules(scheduling, plan);
  return updated;
}

/** What an outbound communication with recipients needs, decided before its transaction. */
interface OutboundPlan {
  /** The communication's marking, decided against the incident as read at `incidentVersion`. */
  readonly marking: CommunicationMarking;
  readonly incidentVersion: number;
  readonly byOrganization: Map<string, string[]>;
  readonly template?: { templateId: string; version: number; subject: string; body: string };
}

/**
 * Records a communication. With `recipients` (outbound only) it is also delivered: recipients are
 * resolved to contacts and checked one by one against the TLP rules (any refusal: 422, nothing
 * written), the template's approved version is rendered (missing placeholders: 400), and the
 * communication, one outbox item per organization and the timeline are written in ONE transaction;
 * then each organization's message is published once (`notify`), failures left to the sweeper.
 */
export async function createCommunication(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateCommunicationBody,
  notify?: NotifyDeps,
): Promise<Communication> {
  const partner = partnerOrganization(caller);
  if (partner !== null) {
    assertPartnerCommunication(partner, body);
    body = { ...body, thirdParty: partner }; // the partner's own message
  }
  const plan = body.recipients ? await planOutbound(deps, caller, incidentId, body) : undefined;
  const outbox: OutboxItem[] = [];
  const communication = await mutate(deps, caller, incidentId, (current) => {
    assertMaySeeIncident(caller, current);
    assertIncidentOpen(current);
    const { n, incident } = bump(current, 'commSeq');
    const at = deps.now().toISOString();
    const communicationId = `COMM-${n}`;
    const subject = plan?.template?.subject ?? (body.subject as string);
    const content = plan?.template?.body ?? (body.content as string);
    // The marking is decided once: by the plan when it was read at this version, else here
    // (above the incident's TLP: 400; lowering it: the incident command's decision, else 403).
    const marking =
      plan && plan.incidentVersion === current.version
        ? plan.marking
        : communicationMarking(caller, current, body.tlp);
    const { tlp, incidentTlp } = marking;
    outbox.length = 0;
    if (plan) {
      outbox.push(
        ...buildOutbox(
          {
            incidentId,
            communicationId,
            commSeq: n,
            byOrganization: plan.byOrganization,
            tlp,
            severity: current.severity,
            subject,
            body: content,
            kind: 'incident.communication',
            at,
          },
          deps.newId,
        ),
      );
    }
    const communication: Communication = {
      communicationId,
      type: body.type,
      direction: body.direction,
      ...(body.thirdParty ? { thirdParty: body.thirdParty } : {}),
      subject,
      content,
      sentTo: body.sentTo ?? outbox.flatMap((o) => o.recipients),
      priority: body.priority ?? 'medium',
      ...(plan || body.tlp ? { tlp } : {}),
      ...(marking.loweredFrom ? { tlpLoweredFrom: marking.loweredFrom } : {}),
      ...(plan?.template
        ? { template: { templateId: plan.template.templateId, version: plan.template.version } }
        : {}),
      ...(body.recipients ? { recipients: body.recipients } : {}),
      ...(plan ? { delivery: pendingDelivery(outbox) } : {}),
      recordedAt: at,
      recordedBy: caller.subject,
    };
    const ref = thirdPartyRef(deps, 'body.thirdParty', body.thirdParty, 0);
    const timeline: NewEntry[] = [
      {
        type: 'communication.recorded',
        summary: `${communicationId} ${body.direction} ${body.type}: ${subject}`,
        data: {
          communicationId,
          direction: body.direction,
          sentTo: communication.sentTo,
          ...(communication.tlp ? { tlp } : {}),
          ...(outbox.length ? { organizations: outbox.map((o) => o.organizationId) } : {}),
        },
      },
    ];
    if (communication.tlpLoweredFrom) {
      timeline.push({
        type: 'communication.tlp_lowered',
        summary: `${communicationId} marked TLP:${tlp}, below the incident's TLP:${incidentTlp}`,
        data: { communicationId, from: incidentTlp, to: tlp },
      });
    }
    return {
      incident,
      items: [
        ...ref.items,
        putNew(deps, keys.communication(incidentId, n), 'communication', { incidentId, ...communication }),
        ...outboxPuts(deps, outbox),
      ],
      refs: ref.refs,
      timeline,
      result: communication,
    };
  });
  if (outbox.length === 0 || !notify) return communication;
  // After commit: one Publish per organization; a failure stays pending for the sweeper.
  return publishOutbox(deps, notify, communication, outbox);
}

/** The subject the notification sweeper's timeline entries are recorded under. */
export const SWEEPER_ACTOR: Caller = {
  subject: 'liaison:notification-sweeper',
  organization: undefined,
  roles: [],
};

/** A retried message delivered, or given up on: an entry on the incident's timeline. */
export function recordDeliveryOutcome(
  deps: Deps,
  item: OutboxItem & { readonly incidentId: string },
  status: 'sent' | 'failed',
): Promise<void> {
  return mutate(deps, SWEEPER_ACTOR, item.incidentId, (current) => ({
    incident: current,
    timeline: [
      {
        type: status === 'sent' ? 'communication.delivered' : 'communication.delivery_failed',
        summary:
          status === 'sent'
            ? `${item.communicationId} delivered to ${item.organizationId} after ${item.attemptCount + 1} attempt(s)`
            : `${item.communicationId} to ${item.organizationId} failed after ${item.attemptCount + 1} attempt(s)`,
        data: {
          communicationId: item.communicationId,
          organizationId: item.organizationId,
          messageId: item.id,
          attempts: item.attemptCount + 1,
        },
      },
    ],
    result: undefined,
  }));
}

/**
 * A partner records inbound communications of its own organization only: no recipients, no
 * template, no TLP marking below the incident's (the TLP rule refuses that anyway).
 */
function assertPartnerCommunication(organization: string, body: CreateCommunicationBody): void {
  if (body.direction !== 'inbound' || body.recipients || body.templateId) {
    throw new ForbiddenError('A partner may record inbound communications only');
  }
  if (body.thirdParty !== undefined && body.thirdParty !== organization) {
    throw new ValidationError('A partner records communications of its own organization', [
      { field: 'body.thirdParty', message: `must be ${organization} (your organization) or absent` },
    ]);
  }
}

async function planOutbound(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateCommunicationBody,
): Promise<OutboundPlan> {
  const recipients = body.recipients as Recipients;
  const stored = await getIncidentItem(deps, incidentId);
  assertIncidentOpen(stored);
  // The communication's own TLP first: above the incident's, no recipient matters.
  const marking = communicationMarking(caller, stored, body.tlp);
  const { tlp } = marking;
  let template: OutboundPlan['template'];
  let maxTlp: Tlp | undefined;
  if (body.templateId) {
    const head = await getTemplate(deps, body.templateId).catch((error: unknown) => {
      if (error instanceof NotFoundError) {
        throw new ValidationError(`Unknown template ${body.templateId}`, [
          { field: 'body.templateId', message: `template ${body.templateId} does not exist` },
        ]);
      }
      throw error;
    });
    if (head.approvedVersion === null) {
      throw new ValidationError(`Template ${head.id} has no approved version`, [
        { field: 'body.templateId', message: 'approve a version before using the template' },
      ]);
    }
    const version = await loadVersion(deps, head.id, head.approvedVersion);
    const rendered = renderTemplate(
      version,
      templateView(incidentView(stored as unknown as Record<string, unknown>)),
      'body.templateId',
    );
    template = {
      templateId: head.id,
      version: version.version,
      subject: rendered.subject,
      body: rendered.body,
    };
    maxTlp = version.maxTlp;
  }
  const resolved = await resolveRecipients(deps, recipients);
  const byOrganization = await checkRecipients(deps, resolved, tlp, recipients.organizations ?? [], maxTlp);
  return { marking, incidentVersion: stored.version, byOrganization, ...(template ? { template } : {}) };
}

export function createEscalation(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateEscalationBody,
): Promise<Escalation> {
  return mutate(deps, caller, incidentId, (current) => {
    assertIncidentOpen(current);
    const bumped = bump(current, 'escSeq');
    const escalation: Escalation = {
      escalationId: `ESC-${bumped.n}`,
      reason: body.reason,
      escalatedTo: body.escalatedTo,
      priority: body.priority,
      escalatedAt: deps.now().toISOString(),
      escalatedBy: caller.subject,
    };
    const priority = priorityAfterEscalation(current.priority, body.priority);
    const timeline: NewEntry[] = [
      {
        type: 'escalation.created',
        summary: `${escalation.escalationId} to ${body.escalatedTo} (${body.priority}): ${body.reason}`,
        data: {
          escalationId: escalation.escalationId,
          escalatedTo: body.escalatedTo,
          priority: body.priority,
        },
      },
    ];
    if (priority !== current.priority) {
      timeline.push({
        type: 'priority.changed',
        summary: `Priority ${current.priority} → ${priority}: critical escalation ${escalation.escalationId}`,
        data: {
          from: current.priority,
          to: priority,
          reason: 'critical escalation',
          escalationId: escalation.escalationId,
        },
      });
    }
    return {
      incident: { ...bumped.incident, priority },
      items: [
        putNew(deps, keys.escalation(incidentId, bumped.n), 'escalation', { incidentId, ...escalation }),
      ],
      timeline,
      result: escalation,
    };
  });
}

export function createLesson(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CreateLessonBody,
): Promise<Lesson> {
  // Lessons learned are the one change a closed incident accepts.
  return mutate(deps, caller, incidentId, (current) => {
    const { n, incident } = bump(current, 'lessonSeq');
    const lesson: Lesson = {
      lessonId: `LESSON-${n}`,
      lesson: body.lesson,
      ...(body.category ? { category: body.category } : {}),
      ...(body.recommendation ? { recommendation: body.recommendation } : {}),
      recordedAt: deps.now().toISOString(),
      recordedBy: caller.subject,
    };
    return {
      incident,
      items: [putNew(deps, keys.lesson(incidentId, n), 'lesson', { incidentId, ...lesson })],
      timeline: [
        {
          type: 'lesson.recorded',
          summary: `${lesson.lessonId}: ${body.lesson}`,
          data: { lessonId: lesson.lessonId },
        },
      ],
      result: lesson,
    };
  });
}

export async function closeIncident(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: CloseIncidentBody,
): Promise<Incident> {
  const closed = await withOptimisticRetry(async () => {
    const [{ incident: current, actions }, activations] = await Promise.all([
      getIncidentWithActions(deps, incidentId),
      getIncidentActivations(deps, incidentId),
    ]);
    assertAuthority(caller, current, 'close');
    assertClosable(current, actions);
    // The close commit is conditioned on the incident version, which every coordinated action change bumps.
    assertNoOpenCoordinatedActions(
      current,
      activations.flatMap((a) => a.actions.map((c) => ({ ...c, activationId: a.activationId }))),
    );
    const at = deps.now().toISOString();
    const { closureNotes: _n, ...rest } = current;
    const incident: StoredIncident = {
      ...rest,
      status: 'closed',
      closureDate: at,
      closureReason: body.reason,
      ...(body.notes ? { closureNotes: body.notes } : {}),
    };
    // Its active escalation chains stop in the same transaction (each conditioned on its version).
    const stopping = await chainsStoppedByClose(deps, incidentId, at, caller.subject);
    return commit(deps, caller, current, {
      incident,
      items: stopping.items,
      timeline: [
        {
          type: 'incident.closed',
          summary: `Incident closed: ${body.reason}${body.notes ? ` (${body.notes})` : ''}`,
          data: { reason: body.reason, ...(body.notes ? { notes: body.notes } : {}) },
        },
        ...stopping.timeline,
      ],
      result: (stored: StoredIncident) => ({ view: storedView(stored), chains: stopping.chains }),
    });
  });
  // After the commit, best-effort: the stopped chains' pending level schedules are deleted (one
  // left behind fires into a closed incident and a stopped chain, and does nothing).
  await cancelChainSchedules({ scheduling: schedulingDepsIfConfigured() }, closed.chains);
  return closed.view;
}

export function reopenIncident(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: ReopenIncidentBody,
): Promise<Incident> {
  return mutate(deps, caller, incidentId, (current) => {
    assertAuthority(caller, current, 'reopen');
    assertReopenable(current);
    const { closureDate, closureReason, closureNotes: _n, ...rest } = current;
    const incident: StoredIncident = { ...rest, status: 'open' };
    return {
      incident,
      timeline: [
        {
          type: 'incident.reopened',
          summary: `Incident reopened${body.reason ? `: ${body.reason}` : ''}`,
          data: {
            previousClosureDate: closureDate,
            previousClosureReason: closureReason,
            ...(body.reason ? { reason: body.reason } : {}),
          },
        },
      ],
      result: storedView,
    };
  });
}

// ---------- reads ----------

/** The aggregate, with each obligation's clocks computed as of now and the regimes that may apply. */
export async function getIncident(deps: Deps, incidentId: string, caller?: Caller): Promise<IncidentDetail> {
  const partner = caller ? partnerOrganization(caller) : null;
  const { obligations, ...rest } = await getIncidentDetail(deps, incidentId);
  if (partner !== null) {
    // Partners: their incidents only (404 otherwise), TLP-withheld content removed, no obligations.
    const viewer = await partnerViewer(deps, partner, rest);
    return partnerIncidentView({ ...rest, obligations: [], suggestedRegimes: [] }, viewer);
  }
  const settings = regulatoryConfig();
  const now = deps.now();
  return {
    ...rest,
    obligations: obligations.map((o) => obligationView(o, rest.discoveryDate, now, settings)),
    suggestedRegimes: suggestRegimes(
      rest.impactAssessment,
      settings,
      obligations.map((o) => o.regime),
    ),
  };
}

export async function getReport(deps: Deps, incidentId: string): Promise<IncidentReport> {
  const detail = await getIncident(deps, incidentId);
  const organizations = [
    ...detail.affectedThirdParties,
    ...detail.activations.flatMap(activationOrganizations),
  ];
  return {
    ...buildReport(detail, deps.now()),
    participantsByDimension: await participantDimensions(deps, organizations),
  };
}

/**
 * The partner's organization and TLP ceiling, after checking it participates in the incident (404
 * otherwise; participation read from the aggregate: affected third parties and activations).
 */
async function partnerViewer(
  deps: Deps,
  organization: string,
  detail: Pick<IncidentDetail, 'id' | 'affectedThirdParties' | 'activations'>,
) {
  const participation = {
    id: detail.id,
    affectedThirdParties: detail.affectedThirdParties,
    participants: detail.activations.flatMap(activationOrganizations),
  };
  assertMaySeeIncident({ subject: '', organization, roles: ['partner'] }, participation);
  const { effectiveTlpCeiling } = await organizationAgreements(deps, organization);
  return { organization, ceiling: effectiveTlpCeiling };
}

export async function getTimeline(deps: Deps, incidentId: string, query: TimelineQuery, caller?: Caller) {
  const pk = `INC#${incidentId}`;
  const start = decodeCursor(query.cursor, { pk });
  const partner = caller ? partnerOrganization(caller) : null;
  if (partner !== null) {
    // A partner's page may hold fewer than `limit` entries: withheld ones are removed from it.
    const detail = await getIncidentDetail(deps, incidentId);
    const withheld = withheldFor(detail, await partnerViewer(deps, partner, detail));
    const page = await queryTimeline(deps, incidentId, query.limit, start);
    return {
      items: partnerTimeline(page.items, withheld),
      nextCursor: encodeCursor(page.last),
    };
  }
  const page = await queryTimeline(deps, incidentId, query.limit, start);
  if (page.items.length === 0 && !start) await getIncidentItem(deps, incidentId); // 404 for unknown incidents
  return { items: page.items, nextCursor: encodeCursor(page.last) };
}

export async function listIncidents(
  deps: Deps,
  query: ListIncidentsQuery,
  caller?: Caller,
): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
  const partner = caller ? partnerOrganization(caller) : null;
  if (partner !== null) {
    // A partner lists its own organization's incident links, nothing else.
    if (query.thirdParty !== undefined && query.thirdParty !== partner) {
      return { items: [], nextCursor: null };
    }
    query = { ...query, thirdParty: partner };
  }
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  const addFilter = (attr: 'status' | 'priority', value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attr}`] = attr;
    values[`:${attr}`] = value;
    filters.push(`#${attr} = :${attr}`);
  };
  let input: ConstructorParameters<typeof QueryCommand>[0];
  if (query.thirdParty) {
    // Link items under the organization carry the incident summary.
    const pk = orgPk(query.thirdParty);
    addFilter('status', query.status);
    addFilter('priority', query.priority);
    input = {
      TableName: deps.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inc)',
      ExpressionAttributeValues: { ':pk': pk, ':inc': prefixes.incidentLinks, ...values },
      ...(filters.length ? { ExpressionAttributeNames: names, FilterExpression: filters.join(' AND ') } : {}),
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { pk }),
    };
  } else {
    const q = listQueries.incidents(query);
    if (query.status) addFilter('priority', query.priority);
    input = {
      TableName: deps.tableName,
      IndexName: q.index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': q.pkAttr, ...names },
      ExpressionAttributeValues: { ':pk': q.pk, ...values },
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { [q.pkAttr]: q.pk }),
    };
  }
  const res = await deps.db.send(new QueryCommand(input));
  const items = (res.Items ?? []).map((item) => summaryOf(item as unknown as Incident));
  return { items, nextCursor: encodeCursor(res.LastEvaluatedKey) };
}
