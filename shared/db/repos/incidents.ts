/**
 * The incident aggregate's repository: the incident item, its organization links, its children
 * (actions, communications, escalations, lessons, timeline entries, ended command tenures, chains)
 * and the transaction a change is written in. Every item is built by its entity
 * (`shared/db/entities/`); a failed condition becomes `TransactionConflict` (which item) for the
 * unit of work, or `NotFoundError`/`PreconditionFailedError` where the repository knows the answer.
 */

import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { NotFoundError, PreconditionFailedError } from '../../errors.js';
import type { CommandTenure } from '../../schemas/command.js';
import type { Activation } from '../../schemas/coordination.js';
import type { EscalationChain } from '../../schemas/escalation.js';
import type {
  Action,
  Communication,
  Escalation,
  Incident,
  IncidentSummary,
  Lesson,
  TimelineEntry,
} from '../../schemas/incidents.js';
import { activationsFrom, getIncidentActivations } from '../activations-repo.js';
import type { TableContext } from '../context.js';
import { actionEntity, type StoredAction } from '../entities/action.js';
import { CHILD_BOOKKEEPING } from '../entities/children.js';
import { commandTenureEntity, type StoredCommandTenure } from '../entities/command-tenure.js';
import { communicationEntity, type StoredCommunication } from '../entities/communication.js';
import type { Item } from '../entities/entity.js';
import { escalationEntity, type StoredEscalation } from '../entities/escalation.js';
import {
  claimLevelItem,
  escalationChainEntity,
  type LevelClaim,
  type StoredChain,
} from '../entities/escalation-chain.js';
import {
  type DashboardSummary,
  incidentEntity,
  incidentView,
  type StoredIncident,
} from '../entities/incident.js';
import { incidentLinkEntity } from '../entities/incident-link.js';
import { lessonEntity, type StoredLesson } from '../entities/lesson.js';
import type { ObligationRecord } from '../entities/obligation.js';
import { timelineEntryEntity } from '../entities/timeline-entry.js';
import { deleteIncidentLink, uncountIncidentOn } from '../incident-edit-items.js';
import { publicView } from '../items.js';
import { escalationKeys, incidentPk, keys, listQueries, orgPk, prefixes } from '../keys.js';
import { batchGetAll, decodeCursor, encodeCursor, queryAll } from '../pagination.js';
import { StaleRoot, type TransactItem, TransactionConflict } from '../transact.js';

/** One item of a transaction (built by a repository; the domain never looks inside). */
export type Write = TransactItem;

/** A page of a list: its items and the cursor of the next page (null: last page). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** The kinds of child an incident has, each under its own sort-key prefix. */
export type ChildKind = 'actions' | 'communications' | 'escalations' | 'lessonsLearned' | 'timeline';

/** The child types by kind, as their public views. */
export interface Children {
  actions: Action;
  communications: Communication;
  escalations: Escalation;
  lessonsLearned: Lesson;
  timeline: TimelineEntry;
}

const CHILD_PREFIX: Record<ChildKind, string> = {
  actions: 'ACTION#',
  communications: 'COMM#',
  escalations: 'ESC#',
  lessonsLearned: 'LESSON#',
  timeline: prefixes.timeline,
};

/** Fields hidden from each child's public view (actions keep their `version`: clients see it). */
const CHILD_HIDDEN: Record<ChildKind, readonly string[]> = {
  actions: CHILD_BOOKKEEPING,
  communications: [...CHILD_BOOKKEEPING, 'version'],
  escalations: [...CHILD_BOOKKEEPING, 'version'],
  lessonsLearned: [...CHILD_BOOKKEEPING, 'version'],
  timeline: [...CHILD_BOOKKEEPING, 'version'],
};

const childView = <K extends ChildKind>(kind: K, item: Item): Children[K] =>
  publicView<Children[K]>(item, CHILD_HIDDEN[kind]);

/**
 * The incident's items other than its paged children, read in one Query (more only past 1 MB):
 * the incident, its obligations, activations, escalation chains and ended command tenures.
 */
export interface IncidentHead {
  readonly incident: StoredIncident;
  /** Obligation records as stored (their clocks are computed by the domain). */
  readonly obligations: Item[];
  readonly activations: Activation[];
  readonly escalationChains: StoredChain[];
  /** Ended tenures (the domain adds the current holders: `commandHistory`). */
  readonly endedTenures: CommandTenure[];
}

export interface ListIncidentsFilter {
  readonly thirdParty?: string | undefined;
  readonly status?: string | undefined;
  readonly priority?: string | undefined;
  /** Exercise incidents: left out (default), listed too, or alone. */
  readonly exercise?: 'exclude' | 'include' | 'only' | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface IncidentsRepository {
  /** The incident (strongly consistent); 404 when absent. */
  get(id: string): Promise<StoredIncident>;
  /** The incident and one of its actions in one BatchGetItem; 404 when the incident is absent. */
  getWithAction(id: string, actionId: string): Promise<{ incident: StoredIncident; action?: Action }>;
  /** The incident and all its actions in one Query (sort keys `#INCIDENT` … `ACTION#…` are adjacent). */
  getWithActions(id: string): Promise<{ incident: StoredIncident; actions: Action[] }>;
  /** The incident with its non-paged items (see {@link IncidentHead}); 404 when absent. */
  getHead(id: string): Promise<IncidentHead>;
  /** One page of one kind of child, oldest first (`cursor` from the previous page). */
  children<K extends ChildKind>(
    id: string,
    kind: K,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<Page<Children[K]>>;
  /** A page of incident summaries: by organization link, else by creation / status / priority index. */
  list(filter: ListIncidentsFilter): Promise<Page<IncidentSummary>>;
  /** The incident's escalation chains (one Query). */
  chains(id: string): Promise<StoredChain[]>;
  /** One escalation chain of the incident (strongly consistent), undefined when absent. */
  chain(id: string, chainId: string): Promise<StoredChain | undefined>;
  /** The incident's activations with their coordinated actions and escalations (one Query). */
  activations(id: string): Promise<Activation[]>;
  /**
   * The incident and one action or coordinated action in one BatchGetItem (a reminder re-reads
   * what it reminds of); 404 when the incident is absent, `child` undefined when the item is.
   */
  getWithDueItem(id: string, item: DueItemRef): Promise<{ incident: StoredIncident; child?: Item }>;
  /**
   * The incident with its obligations, actions and lessons, every page of its collection
   * (a regulator draft quotes them all); 404 when absent.
   */
  getRecords(id: string): Promise<IncidentRecords>;
  /** Incidents by status `open` (gsi2), newest first, every page, with their dashboard summaries. */
  open(): Promise<SummarizedIncident[]>;
  /** Incidents created in [from, to] (gsi1, `<createdAt>#<id>` between), newest first, every page. */
  createdBetween(from: string, to: string): Promise<SummarizedIncident[]>;

  /** Writes `items` in ONE TransactWriteItems; a failed condition: `TransactionConflict` (which items). */
  transact(items: readonly Write[]): Promise<void>;
  /**
   * Like `transact`, with the incident's Put at `incidentIndex` conditioned on the version the
   * client read (`If-Match`): a mismatch is `PreconditionFailedError` (412) with the current
   * version, an absent incident `NotFoundError`, both told by the failed item itself
   * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), without a read before the write.
   */
  transactIfMatch(items: readonly Write[], incidentIndex: number, id: string): Promise<void>;
  /**
   * Like `transact`, for a change whose incident Put (at `incidentIndex`) is conditioned on the
   * version it was decided on: when that condition fails, `StaleRoot` carries the incident as it is
   * now (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), so the writer decides again without a
   * read; an absent incident is `NotFoundError`. Other failed items: `TransactionConflict`.
   */
  transactChange(items: readonly Write[], incidentIndex: number, id: string): Promise<void>;

  /** Put of the incident, conditioned on the version it was read at (or on absence: null). */
  putIncident(next: StoredIncident, expectedVersion: number | null): Write;
  /** Put of the link item under each participating organization (summary of `GET /incidents?thirdParty=`). */
  putLinks(incident: StoredIncident): Write[];
  /** Puts of new timeline entries. */
  newTimelineEntries(incidentId: string, entries: readonly TimelineEntry[]): Write[];
  newAction(incidentId: string, action: Action): Write;
  replaceAction(incidentId: string, action: Action, expectedVersion: number): Write;
  newCommunication(incidentId: string, communication: Communication): Write;
  newEscalation(incidentId: string, escalation: Escalation): Write;
  newLesson(incidentId: string, lesson: Lesson): Write;
  newCommandTenure(incidentId: string, endedSeq: number, tenure: CommandTenure): Write;
  /** +1 on a third party's incident counter, stamping its last incident; fails if it does not exist. */
  countIncidentOn(orgId: string, discoveryDate: string, now: string): Write;
  /** −1 on a third party's incident counter (the inverse of `countIncidentOn`). */
  uncountIncidentOn(orgId: string, now: string): Write;
  /** Delete of the link item under an organization no longer involved in the incident. */
  deleteLink(orgId: string, createdAt: string, incidentId: string): Write;
  /** Condition that an organization exists (an id in a request refers to one). */
  organizationExists(orgId: string): Write;

  /** Put of an escalation chain, conditioned on the version it was read at (or on absence: null). */
  putChain(chain: StoredChain, expectedVersion: number | null): Write;
  /** The claim of a chain level (see {@link LevelClaim}) as an item of the level notice's transaction. */
  claimLevelItem(chain: ChainRef, level: number, claim: LevelClaim): Write;
  /** The claim alone, one conditional UpdateItem; false when another firing got there first. */
  claimLevel(chain: ChainRef, level: number, claim: LevelClaim): Promise<boolean>;
  /** The chain-ending update: conditioned on the version read and on still being active. */
  endChainItem(chain: StoredChain, status: EscalationChain['status'], at: string, by: string): Write;
}

/** The incident's public view and its dashboard summary (absent on incidents stored before it). */
export type SummarizedIncident = Incident & { readonly dashboard?: DashboardSummary };

const summarizedView = (item: Item): SummarizedIncident => ({
  ...incidentView(item),
  ...(item.dashboard ? { dashboard: item.dashboard as DashboardSummary } : {}),
});

/** An action (`ACTION-n`) or a coordinated action (`COORD-n` of an activation) of an incident. */
export type DueItemRef =
  | { readonly kind: 'action'; readonly n: number }
  | { readonly kind: 'coordinatedAction'; readonly activationId: string; readonly n: number };

export type ChainRef = { readonly incidentId: string; readonly chainId: string };

export type { LevelClaim };

/** What a regulator draft reads of an incident (`getRecords`). */
export interface IncidentRecords {
  readonly incident: StoredIncident;
  readonly obligations: ObligationRecord[];
  readonly actions: Action[];
  readonly lessonsLearned: Lesson[];
}

/** Incident and children as summary of the list (the link item carries exactly these). */
export function summaryOf(i: IncidentSummary): IncidentSummary {
  return {
    id: i.id,
    title: i.title,
    severity: i.severity,
    category: i.category,
    status: i.status,
    priority: i.priority,
    affectedThirdParties: i.affectedThirdParties,
    discoveryDate: i.discoveryDate,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    ...(i.exercise ? { exercise: true } : {}),
  };
}

export function createIncidentsRepository(ctx: TableContext): IncidentsRepository {
  const { db, tableName } = ctx;
  const notFound = (id: string) => new NotFoundError(`Incident ${id} not found`);
  const query = (input: Omit<QueryCommandInput, 'TableName'>) =>
    queryAll(ctx, { TableName: tableName, ...input });

  const send = async (items: readonly Write[], returnOld: boolean) => {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: returnOld
            ? items.map((i) =>
                i.Put ? { Put: { ...i.Put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } : i,
              )
            : [...items],
        }),
      );
      return undefined;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
        if (failed.length > 0) return { failed, reasons };
        if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new TransactionConflict([]);
      }
      throw error;
    }
  };

  return {
    async get(id) {
      const res = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.incident(id), ConsistentRead: true }),
      );
      if (!res.Item) throw notFound(id);
      return incidentEntity.fromItem(res.Item);
    },

    async getWithAction(id, actionId) {
      const m = /^ACTION-([1-9]\d{0,5})$/.exec(actionId);
      const childKey = m ? keys.action(id, Number(m[1])) : undefined;
      const items = await batchGetAll(ctx, childKey ? [keys.incident(id), childKey] : [keys.incident(id)]);
      const incident = items.find((i) => i.sk === keys.incident(id).sk);
      if (!incident) throw notFound(id);
      const child = childKey ? items.find((i) => i.sk === childKey.sk) : undefined;
      return {
        incident: incidentEntity.fromItem(incident),
        ...(child ? { action: childView('actions', child) } : {}),
      };
    },

    async getWithActions(id) {
      const items = await query({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': incidentPk(id),
          ':from': keys.incident(id).sk,
          ':to': 'ACTION#\uffff',
        },
        ConsistentRead: true,
      });
      const meta = items.find((i) => i.sk === keys.incident(id).sk);
      if (!meta) throw notFound(id);
      return {
        incident: incidentEntity.fromItem(meta),
        actions: items.filter((i) => String(i.sk).startsWith('ACTION#')).map((i) => childView('actions', i)),
      };
    },

    async getHead(id) {
      // Sort-key order: `#INCIDENT`, then ACTION# ACTIVATION# COMM# ESC# ESCCHAIN# LESSON# OBLIG#
      // ROLE# TL#. Three ranges skip the paged children (actions, communications, escalations,
      // lessons, timeline): `#INCIDENT`, `ACTIVATION#…`, `ESCCHAIN#…`, `OBLIG#…` + `ROLE#…`.
      const pk = incidentPk(id);
      const range = (from: string, to: string) =>
        query({
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
          ConsistentRead: true,
        });
      const [meta, activations, chains, rest] = await Promise.all([
        db.send(new GetCommand({ TableName: tableName, Key: keys.incident(id), ConsistentRead: true })),
        range(prefixes.activations, `${prefixes.activations}\uffff`),
        range(escalationKeys.chainPrefix, `${escalationKeys.chainPrefix}\uffff`),
        range(prefixes.obligations, `${prefixes.commandHistory}\uffff`),
      ]);
      if (!meta.Item) throw notFound(id);
      return {
        incident: incidentEntity.fromItem(meta.Item),
        obligations: rest
          .filter((i) => String(i.sk).startsWith(prefixes.obligations))
          .map((i) => publicView<Item>(i)),
        activations: activationsFrom(activations),
        escalationChains: chains.map((i) => escalationChainEntity.fromItem(i)),
        endedTenures: rest
          .filter((i) => String(i.sk).startsWith(prefixes.commandHistory))
          .map((i) => publicView<CommandTenure>(i, [...CHILD_BOOKKEEPING, 'version', 'endedSeq'])),
      };
    },

    async children(id, kind, page) {
      const pk = incidentPk(id);
      const res = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': pk, ':p': CHILD_PREFIX[kind] },
          Limit: page.limit,
          ExclusiveStartKey: decodeCursor(page.cursor, { pk }),
        }),
      );
      return {
        items: (res.Items ?? []).map((i) => childView(kind, i)),
        nextCursor: encodeCursor(res.LastEvaluatedKey),
      };
    },

    async list(filter) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const filters: string[] = [];
      const addFilter = (attr: 'status' | 'priority', value: string | undefined) => {
        if (value === undefined) return;
        names[`#${attr}`] = attr;
        values[`:${attr}`] = value;
        filters.push(`#${attr} = :${attr}`);
      };
      // Exercise incidents carry `exercise = true` (item and links); older items have no attribute.
      const exercise = filter.exercise ?? 'exclude';
      if (exercise !== 'include') {
        names['#exercise'] = 'exercise';
        values[':exercise'] = true;
        filters.push(
          exercise === 'only'
            ? '#exercise = :exercise'
            : '(attribute_not_exists(#exercise) OR #exercise <> :exercise)',
        );
      }
      let input: QueryCommandInput;
      if (filter.thirdParty) {
        // Link items under the organization carry the incident summary.
        const pk = orgPk(filter.thirdParty);
        addFilter('status', filter.status);
        addFilter('priority', filter.priority);
        input = {
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inc)',
          ExpressionAttributeValues: { ':pk': pk, ':inc': prefixes.incidentLinks, ...values },
          ...(filters.length
            ? { ExpressionAttributeNames: names, FilterExpression: filters.join(' AND ') }
            : {}),
          ScanIndexForward: false,
          Limit: filter.limit,
          ExclusiveStartKey: decodeCursor(filter.cursor, { pk }),
        };
      } else {
        const q = listQueries.incidents(filter);
        if (filter.status) addFilter('priority', filter.priority);
        input = {
          TableName: tableName,
          IndexName: q.index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': q.pkAttr, ...names },
          ExpressionAttributeValues: { ':pk': q.pk, ...values },
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ScanIndexForward: false,
          Limit: filter.limit,
          ExclusiveStartKey: decodeCursor(filter.cursor, { [q.pkAttr]: q.pk }),
        };
      }
      const res = await db.send(new QueryCommand(input));
      return {
        items: (res.Items ?? []).map((item) => summaryOf(item as unknown as IncidentSummary)),
        nextCursor: encodeCursor(res.LastEvaluatedKey),
      };
    },

    async chains(id) {
      const items = await query({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': incidentPk(id), ':c': escalationKeys.chainPrefix },
        ConsistentRead: true,
      });
      return items.map((i) => escalationChainEntity.fromItem(i));
    },

    async chain(id, chainId) {
      const res = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: escalationKeys.chain(id, chainId),
          ConsistentRead: true,
        }),
      );
      return res.Item ? escalationChainEntity.fromItem(res.Item) : undefined;
    },

    activations: (id) => getIncidentActivations(ctx, id),

    async getWithDueItem(id, ref) {
      const childKey =
        ref.kind === 'action' ? keys.action(id, ref.n) : keys.coordinatedAction(id, ref.activationId, ref.n);
      const items = await batchGetAll(ctx, [keys.incident(id), childKey]);
      const incident = items.find((i) => i.sk === keys.incident(id).sk);
      if (!incident) throw notFound(id);
      const child = items.find((i) => i.sk === childKey.sk);
      return { incident: incidentEntity.fromItem(incident), ...(child ? { child } : {}) };
    },

    async getRecords(id) {
      const items = await query({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': incidentPk(id) },
        ConsistentRead: true,
      });
      const meta = items.find((i) => i.sk === keys.incident(id).sk);
      if (!meta) throw notFound(id);
      const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix));
      return {
        incident: incidentEntity.fromItem(meta),
        obligations: of(prefixes.obligations).map((i) => publicView<ObligationRecord>(i)),
        actions: of('ACTION#').map((i) => publicView<Action>(i, ['incidentId'])),
        lessonsLearned: of('LESSON#').map((i) => publicView<Lesson>(i, ['incidentId', 'version'])),
      };
    },

    async open() {
      const q = listQueries.incidents({ status: 'open' });
      const items = await query({
        IndexName: q.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': q.pkAttr },
        ExpressionAttributeValues: { ':pk': q.pk },
        ScanIndexForward: false,
      });
      return items.map(summarizedView);
    },

    async createdBetween(from, to) {
      const q = listQueries.incidents({});
      const items = await query({
        IndexName: q.index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': q.pkAttr, '#sk': 'gsi1sk' },
        // `#` sorts below every id character, `~` above: the whole of `to`'s instant is included.
        ExpressionAttributeValues: { ':pk': q.pk, ':from': `${from}#`, ':to': `${to}#~` },
        ScanIndexForward: false,
      });
      return items.map(summarizedView);
    },

    async transact(items) {
      const out = await send(items, false);
      if (out) throw new TransactionConflict(out.failed);
    },

    async transactIfMatch(items, incidentIndex, id) {
      const out = await send(items, true);
      if (!out) return;
      if (out.failed.includes(incidentIndex)) {
        const old = out.reasons[incidentIndex]?.Item as Record<string, { N?: string }> | undefined;
        if (!old) throw notFound(id);
        const current = Number(old.version?.N);
        throw new PreconditionFailedError(
          `Incident ${id} is at version ${current}, not the version of If-Match`,
          [{ field: 'header.if-match', message: `current version is ${current}` }],
        );
      }
      throw new TransactionConflict(out.failed);
    },

    async transactChange(items, incidentIndex, id) {
      const out = await send(items, true);
      if (!out) return;
      if (out.failed.includes(incidentIndex)) {
        const old = out.reasons[incidentIndex]?.Item;
        if (!old) throw notFound(id);
        throw new StaleRoot(out.failed, incidentEntity.fromItem(unmarshall(old)));
      }
      throw new TransactionConflict(out.failed);
    },

    putIncident: (next, expectedVersion) =>
      expectedVersion === null
        ? incidentEntity.create(tableName, next)
        : incidentEntity.replace(tableName, next, expectedVersion),

    putLinks(i) {
      const orgs = [...new Set([...i.affectedThirdParties, ...(i.participants ?? [])])];
      return orgs.map((organizationId) =>
        incidentLinkEntity.put(tableName, { organizationId, ...summaryOf(i) }),
      );
    },

    newTimelineEntries: (incidentId, entries) =>
      entries.map((e) => timelineEntryEntity.create(tableName, { incidentId, ...e })),
    newAction: (incidentId, action) =>
      actionEntity.create(tableName, { incidentId, ...action } as StoredAction),
    replaceAction: (incidentId, action, expectedVersion) =>
      actionEntity.replace(tableName, { incidentId, ...action } as StoredAction, expectedVersion),
    newCommunication: (incidentId, c) =>
      communicationEntity.create(tableName, { incidentId, ...c } as StoredCommunication),
    newEscalation: (incidentId, e) =>
      escalationEntity.create(tableName, { incidentId, ...e } as StoredEscalation),
    newLesson: (incidentId, l) => lessonEntity.create(tableName, { incidentId, ...l } as StoredLesson),
    newCommandTenure: (incidentId, endedSeq, t) =>
      commandTenureEntity.create(tableName, { incidentId, endedSeq, ...t } as StoredCommandTenure),

    countIncidentOn: (orgId, discoveryDate, now) => ({
      Update: {
        TableName: tableName,
        Key: keys.organization(orgId),
        UpdateExpression: 'SET lastIncident = :d, updatedAt = :now ADD incidentCount :one, version :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': discoveryDate, ':now': now, ':one': 1 },
      },
    }),
    uncountIncidentOn: (orgId, now) => uncountIncidentOn(ctx, orgId, now),
    deleteLink: (orgId, createdAt, incidentId) => deleteIncidentLink(ctx, orgId, createdAt, incidentId),

    putChain: (c, expectedVersion) =>
      expectedVersion === null
        ? escalationChainEntity.create(tableName, c)
        : escalationChainEntity.replace(tableName, c, expectedVersion),
    claimLevelItem: (c, level, set) => claimLevelItem(tableName, c, level, set),
    async claimLevel(c, level, set) {
      try {
        await db.send(new UpdateCommand(claimLevelItem(tableName, c, level, set).Update as never));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    endChainItem: (c, status, at, by) => ({
      Update: {
        TableName: tableName,
        Key: escalationKeys.chain(c.incidentId, c.chainId),
        UpdateExpression:
          'SET #status = :status, endedAt = :at, endedBy = :by, nextLevelAt = :null, nextSchedule = :null, version = version + :one',
        ConditionExpression: '#status = :active AND version = :v',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':at': at,
          ':by': by,
          ':null': null,
          ':one': 1,
          ':active': 'active',
          ':v': c.version,
        },
      },
    }),

    organizationExists: (orgId) => ({
      ConditionCheck: {
        TableName: tableName,
        Key: keys.organization(orgId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    }),
  };
}
