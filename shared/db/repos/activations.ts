/**
 * Playbook activations (docs/data-model.md): the activation record, its coordinated actions and
 * escalations in the incident's item collection, and the pointer from an activation id to its
 * incident. Writes are returned as transaction parts: every change commits in the incident's one
 * transaction (with its version condition and timeline entries).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Activation } from '../../schemas/coordination.js';
import type { TableContext } from '../context.js';
import {
  type ActivationPointer,
  type ActivationRecord,
  activationEntity,
  activationEscalationEntity,
  activationPointerEntity,
  activationsFrom,
  coordinatedActionEntity,
  type StoredActivationEscalation,
  type StoredCoordinatedAction,
} from '../entities/activation.js';
import type { StoredIncident } from '../entities/incident.js';
import { incidentPk, keys } from '../keys.js';
import type { TransactItemPart } from '../transact.js';
import { batchGetEvery, queryEvery } from './reads.js';

/** One activation as read: its record, the activation view, and its coordinated actions as stored. */
export interface LoadedActivation {
  readonly record: ActivationRecord;
  readonly activation: Activation;
  readonly actions: readonly StoredCoordinatedAction[];
}

export interface ActivationsRepository {
  /**
   * The incident of an activation (its pointer, consistent read); undefined when there is none.
   * The mapping never changes once written, so it is remembered per process.
   */
  incidentOf(activationId: string): Promise<string | undefined>;
  /** The record and every child (one Query of all pages, consistent); undefined when absent. */
  load(incidentId: string, activationId: string): Promise<LoadedActivation | undefined>;
  /**
   * The incident item and the activation record in ONE BatchGetItem (consistent), for changes that
   * need the record's counters but not its children. `incident` undefined: no such incident.
   */
  incidentAndRecord(
    incidentId: string,
    activationId: string,
  ): Promise<{ incident: StoredIncident | undefined; record: ActivationRecord | undefined }>;
  /** Every activation of an incident with its children (one Query, consistent). */
  ofIncident(incidentId: string): Promise<Activation[]>;
  /** A new activation: record, pointer and its first coordinated actions. */
  createParts(record: ActivationRecord, actions: readonly StoredCoordinatedAction[]): TransactItemPart[];
  /** The record replaced one version later, conditioned on the version it was read at. */
  replaceRecordPart(record: ActivationRecord, changes: Partial<ActivationRecord>): TransactItemPart;
  createActionPart(action: StoredCoordinatedAction): TransactItemPart;
  /** `next` (one version later) conditioned on the action still being at `expectedVersion`. */
  replaceActionPart(next: StoredCoordinatedAction, expectedVersion: number): TransactItemPart;
  createEscalationPart(escalation: StoredActivationEscalation): TransactItemPart;
}

/** Pointers remembered per process (activation id → incident id; immutable once written). */
const POINTER_CACHE_MAX = 10_000;

export function activationsRepository(ctx: TableContext): ActivationsRepository {
  const { db, tableName } = ctx;
  const pointers = new Map<string, string>();
  const queryAll = (input: Parameters<typeof queryEvery>[1]) => queryEvery(ctx, input);
  return {
    async incidentOf(activationId) {
      const known = pointers.get(activationId);
      if (known) return known;
      const res = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.activationPointer(activationId),
          ConsistentRead: true,
        }),
      );
      if (!res.Item) return undefined;
      const incidentId = String(res.Item.incidentId);
      if (pointers.size >= POINTER_CACHE_MAX) pointers.clear();
      pointers.set(activationId, incidentId);
      return incidentId;
    },

    async load(incidentId, activationId) {
      const head = keys.activation(incidentId, activationId).sk;
      const all = await queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':sk': head },
        ConsistentRead: true,
      });
      // `ACTIVATION#ACT-1` is also a prefix of `ACTIVATION#ACT-10`: keep this activation's items only.
      const items = all.filter((i) => i.sk === head || String(i.sk).startsWith(`${head}#`));
      const recordItem = items.find((i) => i.sk === head);
      if (!recordItem) return undefined;
      const [activation] = activationsFrom(items);
      return {
        record: { ...activationEntity.fromItem(recordItem), incidentId },
        activation: activation as Activation,
        actions: items
          .filter((i) => String(i.sk).startsWith(`${head}#A#`))
          .map((i) => coordinatedActionEntity.fromItem(i)),
      };
    },

    async incidentAndRecord(incidentId, activationId) {
      const wanted = [keys.incident(incidentId), keys.activation(incidentId, activationId)];
      const out = await batchGetEvery(ctx, wanted);
      const recordItem = out.find((i) => i.sk === wanted[1]?.sk);
      return {
        incident: out.find((i) => i.sk === wanted[0]?.sk) as StoredIncident | undefined,
        record: recordItem ? { ...activationEntity.fromItem(recordItem), incidentId } : undefined,
      };
    },

    async ofIncident(incidentId) {
      return activationsFrom(
        await queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
          ExpressionAttributeValues: { ':pk': incidentPk(incidentId), ':a': 'ACTIVATION#' },
          ConsistentRead: true,
        }),
      );
    },

    createParts(record, actions) {
      const pointer: ActivationPointer = { activationId: record.activationId, incidentId: record.incidentId };
      return [
        activationEntity.create(tableName, record),
        activationPointerEntity.create(tableName, pointer),
        ...actions.map((a) => coordinatedActionEntity.create(tableName, a)),
      ];
    },
    replaceRecordPart: (record, changes) =>
      activationEntity.replace(
        tableName,
        { ...record, ...changes, version: record.version + 1 },
        record.version,
      ),
    createActionPart: (action) => coordinatedActionEntity.create(tableName, action),
    replaceActionPart: (next, expectedVersion) =>
      coordinatedActionEntity.replace(tableName, next, expectedVersion),
    createEscalationPart: (escalation) => activationEscalationEntity.create(tableName, escalation),
  };
}
