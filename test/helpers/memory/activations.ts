/**
 * In-memory ActivationsRepository: records, actions and escalations by activation id; the parts it
 * returns are plain Puts a test may `apply` as a committed transaction would.
 */
import type {
  ActivationRecord,
  StoredActivationEscalation,
  StoredCoordinatedAction,
} from '../../../shared/db/entities/activation.js';
import type { StoredIncident } from '../../../shared/db/entities/incident.js';
import type { ActivationsRepository } from '../../../shared/db/repos/activations.js';
import type { TransactItemPart } from '../../../shared/db/transact.js';

type Part =
  | { kind: 'record'; value: ActivationRecord; expectedVersion: number | null }
  | { kind: 'action'; value: StoredCoordinatedAction; expectedVersion: number | null }
  | { kind: 'escalation'; value: StoredActivationEscalation };

export interface MemoryActivations extends ActivationsRepository {
  readonly records: Map<string, ActivationRecord>;
  readonly actions: Map<string, StoredCoordinatedAction[]>;
  readonly escalations: Map<string, StoredActivationEscalation[]>;
  readonly incidents: Map<string, StoredIncident>;
  /** Applies parts returned by this repository (all or nothing, like the transaction). */
  apply(parts: readonly TransactItemPart[]): void;
}

export function memoryActivations(): MemoryActivations {
  const records = new Map<string, ActivationRecord>();
  const actions = new Map<string, StoredCoordinatedAction[]>();
  const escalations = new Map<string, StoredActivationEscalation[]>();
  const incidents = new Map<string, StoredIncident>();
  const parts = new WeakMap<object, Part>();
  const part = (p: Part): TransactItemPart => {
    const t = { Put: { TableName: 'memory', Item: { ...p.value } } };
    parts.set(t, p);
    return t;
  };
  const view = (r: ActivationRecord) => {
    const { coordSeq: _c, escSeq: _e, version: _v, ...rest } = r;
    return {
      ...rest,
      actions: (actions.get(r.activationId) ?? []).map(({ incidentId: _i, version: _x, ...a }) => a),
      escalations: (escalations.get(r.activationId) ?? []).map(
        ({ incidentId: _i, activationId: _a, ...e }) => e,
      ),
    };
  };
  return {
    records,
    actions,
    escalations,
    incidents,
    apply(list) {
      const ps = list.map((t) => parts.get(t)).filter((p): p is Part => p !== undefined);
      for (const p of ps) {
        if (p.kind === 'record') {
          const cur = records.get(p.value.activationId);
          if (
            (p.expectedVersion === null) !== (cur === undefined) ||
            (cur && cur.version !== p.expectedVersion)
          )
            throw new Error('condition failed');
        }
      }
      for (const p of ps) {
        if (p.kind === 'record') records.set(p.value.activationId, p.value);
        else if (p.kind === 'action') {
          const list2 = (actions.get(p.value.activationId) ?? []).filter(
            (a) => a.actionId !== p.value.actionId,
          );
          actions.set(p.value.activationId, [...list2, p.value]);
        } else
          escalations.set(p.value.activationId, [...(escalations.get(p.value.activationId) ?? []), p.value]);
      }
    },
    async incidentOf(activationId) {
      return records.get(activationId)?.incidentId;
    },
    async load(_incidentId, activationId) {
      const record = records.get(activationId);
      if (!record) return undefined;
      return { record, activation: view(record), actions: actions.get(activationId) ?? [] };
    },
    async incidentAndRecord(incidentId, activationId) {
      return { incident: incidents.get(incidentId), record: records.get(activationId) };
    },
    async ofIncident(incidentId) {
      return [...records.values()].filter((r) => r.incidentId === incidentId).map(view);
    },
    createParts: (record, created) => [
      part({ kind: 'record', value: record, expectedVersion: null }),
      ...created.map((a) => part({ kind: 'action', value: a, expectedVersion: null })),
    ],
    replaceRecordPart: (record, changes) =>
      part({
        kind: 'record',
        value: { ...record, ...changes, version: record.version + 1 },
        expectedVersion: record.version,
      }),
    createActionPart: (a) => part({ kind: 'action', value: a, expectedVersion: null }),
    replaceActionPart: (a, expectedVersion) => part({ kind: 'action', value: a, expectedVersion }),
    createEscalationPart: (e) => part({ kind: 'escalation', value: e }),
  };
}
