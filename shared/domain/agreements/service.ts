/**
 * Agreement updates and contractual SLAs (docs/agreements.md): raise an update against a third
 * party or a sharing agreement from an incident, move it through its statuses (rules.ts), remind
 * its due date like an action's (the `reminder` engine of docs/reminders.md), and measure the
 * third parties' contractual SLAs on an incident from its communications and timeline.
 */
import type { SchedulingDeps } from '../../aws/ports.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  AgreementUpdate,
  CreateAgreementUpdateBody,
  IncidentSla,
  RecordedSlaBreaches,
  RecordSlaBreachesBody,
  SlaBreach,
  SlaMeasurement,
  UpdateAgreementUpdateBody,
} from '../../schemas/agreements.js';
import type { Communication, TimelineEntry } from '../../schemas/incidents.js';
import type { Deps } from '../deps.js';
import {
  cancelReminderSchedules,
  planAgreementUpdateReminders,
  type ReminderPlan,
  reminderPrepare,
} from '../reminders/schedules.js';
import { withOptimisticRetry } from '../retry.js';
import {
  assertTransition,
  breachesOf,
  breachProposal,
  isOpenUpdate,
  measureSlas,
  type SlaTerms,
} from './rules.js';

const dueState = (u: Pick<AgreementUpdate, 'status' | 'dueDate'>) => ({
  open: isOpenUpdate(u.status),
  dueDate: u.dueDate,
});

/** Creates the plan's schedules before the write (a Scheduler failure writes nothing). */
async function prepare(scheduling: SchedulingDeps | undefined, plan: ReminderPlan): Promise<void> {
  await reminderPrepare(scheduling, plan).prepare?.();
}

/** A new update in `proposed` (its id given when the caller named its schedules already). */
export function newUpdate(
  deps: Deps,
  caller: Caller,
  body: CreateAgreementUpdateBody,
  extra: Partial<Pick<AgreementUpdate, 'slaBreach' | 'findingId'>> = {},
  id = `AGU-${deps.newId()}`,
): AgreementUpdate {
  const at = deps.now().toISOString();
  return {
    id,
    organizationId: body.organizationId,
    ...(body.agreementId ? { agreementId: body.agreementId } : {}),
    source: body.source,
    topic: body.topic,
    proposedChange: body.proposedChange,
    owner: body.owner,
    dueDate: new Date(body.dueDate).toISOString(),
    status: 'proposed',
    ...extra,
    history: [{ from: null, to: 'proposed', at, by: caller.subject }],
    createdAt: at,
    createdBy: caller.subject,
    updatedAt: at,
    version: 1,
  };
}

/** `POST /agreement-updates`: one item (organization, agreement and incident checked in its transaction). */
export async function createAgreementUpdate(
  deps: Deps,
  caller: Caller,
  body: CreateAgreementUpdateBody,
  scheduling: SchedulingDeps | undefined,
): Promise<AgreementUpdate> {
  const update = newUpdate(deps, caller, body);
  await prepareReminders(deps, scheduling, update);
  await deps.repos.agreementUpdates.create([{ update }]);
  return update;
}

/** The reminder schedules of a new update, created before its write (docs/reminders.md). */
export async function prepareReminders(
  deps: Deps,
  scheduling: SchedulingDeps | undefined,
  update: AgreementUpdate,
): Promise<void> {
  await prepare(scheduling, planAgreementUpdateReminders(deps.now(), update.id, dueState(update)));
}

/** `PATCH /agreement-updates/{id}`: status (transitions enforced), change, owner, due date. */
export async function updateAgreementUpdate(
  deps: Deps,
  caller: Caller,
  id: string,
  body: UpdateAgreementUpdateBody,
  scheduling: SchedulingDeps | undefined,
): Promise<AgreementUpdate> {
  let plan: ReminderPlan = { create: [], cancel: [] };
  const updated = await withOptimisticRetry(async () => {
    const current = await deps.repos.agreementUpdates.get(id);
    if (!current) throw new NotFoundError(`Agreement update ${id} not found`);
    const at = deps.now().toISOString();
    const moves = body.status !== undefined && body.status !== current.status;
    if (body.status !== undefined) assertTransition(current.status, body.status);
    const next: AgreementUpdate = {
      ...current,
      ...(body.proposedChange ? { proposedChange: body.proposedChange } : {}),
      ...(body.owner ? { owner: body.owner } : {}),
      ...(body.dueDate ? { dueDate: new Date(body.dueDate).toISOString() } : {}),
      ...(moves && body.status ? { status: body.status } : {}),
      history: moves
        ? [
            ...current.history,
            {
              from: current.status,
              to: body.status as AgreementUpdate['status'],
              at,
              by: caller.subject,
              ...(body.note ? { note: body.note } : {}),
            },
          ]
        : current.history,
      updatedAt: at,
      version: current.version + 1,
    };
    plan = planAgreementUpdateReminders(deps.now(), id, dueState(next), dueState(current));
    await prepare(scheduling, plan);
    await deps.repos.agreementUpdates.replace(next, current.version);
    return next;
  });
  if (scheduling) await cancelReminderSchedules(scheduling, plan);
  return updated;
}

type PageQuery = { limit: number; cursor?: string | undefined };

/** `GET /organizations/{id}/agreement-updates` (third parties included): 404 for an unknown organization. */
export async function listOrganizationAgreementUpdates(deps: Deps, organizationId: string, page: PageQuery) {
  const org = await deps.repos.organizations.get(organizationId);
  if (!org) throw new NotFoundError(`Organization ${organizationId} not found`);
  return deps.repos.agreementUpdates.listByOrganization(organizationId, page);
}

/** `GET /incidents/{id}/agreement-updates`: 404 for an unknown incident. */
export async function listIncidentAgreementUpdates(deps: Deps, incidentId: string, page: PageQuery) {
  await deps.repos.incidents.get(incidentId);
  return deps.repos.agreementUpdates.listBySource({ kind: 'incident', id: incidentId }, page);
}

// ---------------------------------------------------------------- SLAs

/** What the measurement needs of an incident (GET /incidents/{id} detail, or read here). */
export interface SlaIncident {
  readonly id: string;
  readonly discoveryDate: string;
  readonly affectedThirdParties: readonly string[];
  readonly communications: readonly Communication[];
  readonly timeline: readonly TimelineEntry[];
}

/** The affected third parties' SLA terms (one GetItem each, in parallel; none without terms). */
async function slaTerms(deps: Deps, ids: readonly string[]): Promise<Map<string, SlaTerms>> {
  const orgs = await Promise.all(ids.map((id) => deps.repos.organizations.get(id)));
  const out = new Map<string, SlaTerms>();
  for (const org of orgs) {
    if (org?.kind !== 'supplier') continue;
    const sla = org.slaRequirements;
    if (sla?.notificationHours === undefined && sla?.acknowledgementHours === undefined) continue;
    out.set(org.id, {
      notificationHours: sla.notificationHours,
      acknowledgementHours: sla.acknowledgementHours,
    });
  }
  return out;
}

/** Every affected third party's SLA measurements on the incident (pure after the terms are read). */
export async function measureIncidentSlas(deps: Deps, incident: SlaIncident): Promise<SlaMeasurement[]> {
  const terms = await slaTerms(deps, incident.affectedThirdParties);
  const communications = incident.communications.map((c) => ({
    communicationId: c.communicationId,
    direction: c.direction,
    thirdParty: c.thirdParty,
    recordedAt: c.recordedAt,
    deliveredTo: c.delivery?.organizations.map((o) => o.organizationId),
  }));
  const now = deps.now();
  return [...terms].flatMap(([thirdPartyId, t]) =>
    measureSlas({
      thirdPartyId,
      terms: t,
      awareAt: incident.discoveryDate,
      communications,
      timeline: incident.timeline,
      now,
    }),
  );
}

/** Children the SLA reads at most (the report's bound). */
const SLA_CHILD_LIMIT = 1000;

async function readAll<K extends 'communications' | 'timeline'>(deps: Deps, incidentId: string, kind: K) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await deps.repos.incidents.children(incidentId, kind, { limit: 250, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < SLA_CHILD_LIMIT);
  return items;
}

async function readSlaIncident(deps: Deps, incidentId: string): Promise<SlaIncident> {
  const [incident, communications, timeline] = await Promise.all([
    deps.repos.incidents.get(incidentId),
    readAll(deps, incidentId, 'communications'),
    readAll(deps, incidentId, 'timeline'),
  ]);
  return {
    id: incident.id,
    discoveryDate: incident.discoveryDate,
    affectedThirdParties: incident.affectedThirdParties,
    communications: communications as Communication[],
    timeline: timeline as TimelineEntry[],
  };
}

/** `GET /incidents/{id}/sla`. */
export async function getIncidentSla(deps: Deps, incidentId: string): Promise<IncidentSla> {
  const measurements = await measureIncidentSlas(deps, await readSlaIncident(deps, incidentId));
  return {
    incidentId,
    measuredAt: deps.now().toISOString(),
    measurements,
    breaches: breachesOf(measurements),
  };
}

/**
 * `POST /incidents/{id}/sla/breaches` (the ONE call that turns breaches into work): every breach
 * measured now (of one third party, when named) that is not recorded yet is recorded on the third
 * party's record, each with an agreement update proposed on its `notification_sla` clause, in ONE
 * transaction. Breaches recorded before are left alone; none to record: 409 NO_SLA_BREACH.
 */
export async function recordSlaBreaches(
  deps: Deps,
  caller: Caller,
  incidentId: string,
  body: RecordSlaBreachesBody,
  scheduling: SchedulingDeps | undefined,
): Promise<RecordedSlaBreaches> {
  const measured = breachesOf(
    await measureIncidentSlas(deps, await readSlaIncident(deps, incidentId)),
  ).filter((m) => body.thirdPartyId === undefined || m.thirdPartyId === body.thirdPartyId);
  const recorded = new Set<string>();
  for (const tp of new Set(measured.map((m) => m.thirdPartyId))) {
    for (const b of await deps.repos.agreementUpdates.breachesOf(tp)) {
      if (b.incidentId === incidentId) recorded.add(`${b.thirdPartyId}#${b.metric}`);
    }
  }
  const fresh = measured.filter((m) => !recorded.has(`${m.thirdPartyId}#${m.metric}`));
  if (fresh.length === 0) {
    throw noBreach(incidentId, measured.length > 0);
  }
  const at = deps.now().toISOString();
  const entries = fresh.map((m) => {
    const update = newUpdate(
      deps,
      caller,
      {
        organizationId: m.thirdPartyId,
        source: { kind: 'incident', id: incidentId },
        topic: 'notification_sla',
        proposedChange: breachProposal(m, incidentId),
        owner: body.owner,
        dueDate: body.dueDate,
      },
      { slaBreach: { incidentId, metric: m.metric } },
    );
    const breach: SlaBreach = {
      thirdPartyId: m.thirdPartyId,
      incidentId,
      metric: m.metric,
      limitHours: m.limitHours,
      dueAt: m.dueAt as string,
      metAt: m.metAt,
      agreementUpdateId: update.id,
      recordedAt: at,
      recordedBy: caller.subject,
    };
    return { update, breach };
  });
  const plans = entries.map(({ update }) =>
    planAgreementUpdateReminders(deps.now(), update.id, dueState(update)),
  );
  await Promise.all(plans.map((p) => prepare(scheduling, p)));
  await deps.repos.agreementUpdates.create(entries);
  return { recorded: entries.map((e) => e.breach), agreementUpdates: entries.map((e) => e.update) };
}

const noBreach = (incidentId: string, allRecorded: boolean) =>
  new ConflictError(
    allRecorded
      ? `Every SLA breach measured on ${incidentId} is recorded already`
      : `No contractual SLA is breached on ${incidentId} (GET /incidents/${incidentId}/sla)`,
    [
      {
        field: 'path.incidentId',
        message: allRecorded ? 'breaches already recorded' : 'no SLA breach measured',
      },
    ],
    'NO_SLA_BREACH',
  );

/** The incident report's contract section: SLA measurements and the agreement updates raised from it. */
export async function contractSection(
  deps: Deps,
  incident: SlaIncident,
): Promise<{ slaMeasurements: SlaMeasurement[]; agreementUpdates: AgreementUpdate[] }> {
  const [slaMeasurements, updates] = await Promise.all([
    measureIncidentSlas(deps, incident),
    deps.repos.agreementUpdates.listBySource({ kind: 'incident', id: incident.id }, { limit: 100 }),
  ]);
  return { slaMeasurements, agreementUpdates: updates.items };
}
