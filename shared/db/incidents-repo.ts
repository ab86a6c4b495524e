/**
 * @deprecated Transitional (issue 12): the incident aggregate's storage is the repository
 * `repos/incidents.ts` (`deps.repos.incidents`) over the entities of `entities/`. These Deps-taking
 * helpers remain for the services not yet converted (coordination, notices, obligations, reminders,
 * templates); they build the same items through the same entities.
 */

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { commandHistory } from '../domain/command/rules.js';
import { NotFoundError } from '../errors.js';
import type { CommandTenure } from '../schemas/command.js';
import type { EscalationChain } from '../schemas/escalation.js';
import type {
  Action,
  Communication,
  Escalation,
  Incident,
  IncidentDetail,
  Lesson,
  TimelineEntry,
} from '../schemas/incidents.js';
import { activationsFrom } from './activations-repo.js';
import type { TableContext as Deps } from './context.js';
import {
  DEFAULT_INCIDENT_TLP,
  INCIDENT_BOOKKEEPING,
  incidentEntity,
  type StoredIncident,
} from './entities/incident.js';
import { incidentLinkEntity } from './entities/incident-link.js';
import type { ObligationRecord } from './entities/obligation.js';
import { publicView } from './items.js';
import { escalationKeys, incidentPk, keys, prefixes } from './keys.js';
import { batchGetAll, queryAll } from './pagination.js';
import { summaryOf } from './repos/incidents.js';
import { conditionalPut, type TransactItem } from './transact.js';

export type { Counters, StoredIncident } from './entities/incident.js';
export { DEFAULT_INCIDENT_TLP } from './entities/incident.js';
export { summaryOf } from './repos/incidents.js';

/** Incidents stored before TLP marking was introduced read as AMBER (the default). */
export const incidentView = (item: Record<string, unknown>) =>
  publicView<Incident>({ tlp: DEFAULT_INCIDENT_TLP, ...item }, INCIDENT_BOOKKEEPING);

// ---------- reads ----------

export async function getIncidentItem(deps: Deps, id: string): Promise<StoredIncident> {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.incident(id), ConsistentRead: true }),
  );
  if (!res.Item) throw new NotFoundError(`Incident ${id} not found`);
  return incidentEntity.fromItem(res.Item);
}

/** Incident and one child item in one BatchGetItem request (again for any `UnprocessedKeys`). */
export async function getIncidentAndChild(
  deps: Deps,
  id: string,
  childKey: { pk: string; sk: string },
): Promise<{ incident: StoredIncident; child: Record<string, unknown> | undefined }> {
  const items = await batchGetAll(deps, [keys.incident(id), childKey]);
  const incident = items.find((i) => i.sk === keys.incident(id).sk);
  if (!incident) throw new NotFoundError(`Incident ${id} not found`);
  return { incident: incidentEntity.fromItem(incident), child: items.find((i) => i.sk === childKey.sk) };
}

const stripChild = <T>(item: Record<string, unknown>) => publicView<T>(item, ['incidentId', 'version']);

/** The stored aggregate: obligations as records (their clocks are computed on read). */
export type IncidentAggregate = Omit<IncidentDetail, 'obligations' | 'suggestedRegimes'> & {
  obligations: ObligationRecord[];
};

/**
 * The whole aggregate in ONE Query on the item collection (more requests only if it exceeds
 * DynamoDB's 1 MB page): incident, actions, communications, escalations, lessons, obligations, timeline.
 */
export async function getIncidentDetail(deps: Deps, id: string): Promise<IncidentAggregate> {
  const items = await queryAll(deps, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': incidentPk(id) },
    ConsistentRead: true,
  });
  const meta = items.find((i) => i.sk === keys.incident(id).sk);
  if (!meta) throw new NotFoundError(`Incident ${id} not found`);
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
  return {
    ...incidentView(meta),
    actions: of('ACTION#').map((i) => publicView<Action>(i, ['incidentId'])),
    communications: of('COMM#').map((i) => stripChild<Communication>(i)),
    escalations: of('ESC#').map((i) => stripChild<Escalation>(i)),
    lessonsLearned: of('LESSON#').map((i) => stripChild<Lesson>(i)),
    obligations: of(prefixes.obligations).map((i) => publicView<ObligationRecord>(i)),
    activations: activationsFrom(of(prefixes.activations)),
    escalationChains: of(escalationKeys.chainPrefix).map((i) => publicView<EscalationChain>(i)),
    commandHistory: commandHistory(
      of(prefixes.commandHistory).map((i) => stripChild<CommandTenure>(i)),
      incidentView(meta).command,
    ),
    timeline: of(prefixes.timeline).map((i) => stripChild<TimelineEntry>(i)),
  };
}

/** Incident and its actions in one Query (sort keys `#INCIDENT` … `ACTION#…` are adjacent). */
export async function getIncidentWithActions(
  deps: Deps,
  id: string,
): Promise<{ incident: StoredIncident; actions: Action[] }> {
  const items = await queryAll(deps, {
    TableName: deps.tableName,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': incidentPk(id),
      ':from': keys.incident(id).sk,
      ':to': 'ACTION#\uffff',
    },
    ConsistentRead: true,
  });
  const meta = items.find((i) => i.sk === keys.incident(id).sk);
  if (!meta) throw new NotFoundError(`Incident ${id} not found`);
  const actions = items
    .filter((i) => String(i.sk).startsWith('ACTION#'))
    .map((i) => publicView<Action>(i, ['incidentId']));
  return { incident: incidentEntity.fromItem(meta), actions };
}

// ---------- write items ----------

export function incidentItem(i: StoredIncident) {
  // Computed keys come last: `i` may be a raw item read earlier, carrying stale index keys.
  return incidentEntity.toItem(i);
}

/** Put of the incident item, conditioned on the version it was read at (or on absence). */
export function putIncident(deps: Deps, next: StoredIncident, expectedVersion: number | null): TransactItem {
  return conditionalPut(deps, incidentItem(next), expectedVersion);
}

/**
 * Link items under each participating organization (affected third parties and `participants`),
 * carrying the summary used by `?thirdParty=` lists and by a partner's `GET /incidents`.
 */
export function putIncidentLinks(deps: Deps, i: Incident & { participants?: string[] }): TransactItem[] {
  const orgs = [...new Set([...i.affectedThirdParties, ...(i.participants ?? [])])];
  return orgs.map((organizationId) =>
    incidentLinkEntity.put(deps.tableName, { organizationId, ...summaryOf(i) }),
  );
}

/** Put of a new child item (action, communication, …); fails if the key is taken. */
export function putNew(
  deps: Deps,
  key: { pk: string; sk: string },
  entity: string,
  data: object,
): TransactItem {
  return {
    Put: {
      TableName: deps.tableName,
      Item: { ...key, entity, ...data },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Put of a changed child item, conditioned on the version it was read at. */
export function putVersioned(
  deps: Deps,
  key: { pk: string; sk: string },
  entity: string,
  data: { version: number; [attr: string]: unknown },
  expectedVersion: number,
): TransactItem {
  return {
    Put: {
      TableName: deps.tableName,
      Item: { ...key, entity, ...data },
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': expectedVersion },
    },
  };
}

/** +1 on a third party's incident counter, stamping its last incident; fails if it does not exist. */
export function countIncidentOn(deps: Deps, orgId: string, discoveryDate: string, now: string): TransactItem {
  return {
    Update: {
      TableName: deps.tableName,
      Key: keys.organization(orgId),
      UpdateExpression: 'SET lastIncident = :d, updatedAt = :now ADD incidentCount :one, version :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':d': discoveryDate, ':now': now, ':one': 1 },
    },
  };
}

/** A page of the timeline, oldest first. */
export async function queryTimeline(
  deps: Deps,
  id: string,
  limit: number,
  start: Record<string, string> | undefined,
): Promise<{ items: TimelineEntry[]; last: Record<string, unknown> | undefined }> {
  const res = await deps.db.send(
    new QueryCommand({
      TableName: deps.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
      ExpressionAttributeValues: { ':pk': incidentPk(id), ':tl': prefixes.timeline },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { items: (res.Items ?? []).map((i) => stripChild<TimelineEntry>(i)), last: res.LastEvaluatedKey };
}
