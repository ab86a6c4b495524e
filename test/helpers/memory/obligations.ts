/** In-memory ObligationsRepository: incidents and their obligation records; parts applied by `apply`. */

import type { StoredIncident } from '../../../shared/db/entities/incident.js';
import type { ObligationRecord } from '../../../shared/db/entities/obligation.js';
import type { ObligationsRepository } from '../../../shared/db/repos/obligations.js';
import type { TransactItemPart } from '../../../shared/db/transact.js';
import { ConflictError, NotFoundError } from '../../../shared/errors.js';

export interface MemoryObligations extends ObligationsRepository {
  readonly incidents: Map<string, StoredIncident>;
  /** `incidentId#obligationId` → record. */
  readonly records: Map<string, ObligationRecord>;
  apply(parts: readonly TransactItemPart[]): void;
}

export function memoryObligations(): MemoryObligations {
  const incidents = new Map<string, StoredIncident>();
  const records = new Map<string, ObligationRecord>();
  const parts = new WeakMap<object, { record: ObligationRecord; expectedVersion: number | null }>();
  const keyOf = (r: Pick<ObligationRecord, 'incidentId' | 'obligationId'>) =>
    `${r.incidentId}#${r.obligationId}`;
  const incident = (id: string) => {
    const i = incidents.get(id);
    if (!i) throw new NotFoundError(`Incident ${id} not found`);
    return i;
  };
  return {
    incidents,
    records,
    apply(list) {
      for (const t of list) {
        const p = parts.get(t);
        if (!p) continue;
        const cur = records.get(keyOf(p.record));
        if (p.expectedVersion === null ? cur !== undefined : cur?.version !== p.expectedVersion) {
          throw new ConflictError('condition failed');
        }
        records.set(keyOf(p.record), p.record);
      }
    },
    async incidentAndObligation(incidentId, regime) {
      return { incident: incident(incidentId), obligation: records.get(`${incidentId}#${regime}`) };
    },
    async incidentObligations(incidentId) {
      return {
        incident: incident(incidentId),
        obligations: [...records.values()].filter((r) => r.incidentId === incidentId),
      };
    },
    putPart(record, expectedVersion) {
      const t = { Put: { TableName: 'memory', Item: { ...record } } };
      parts.set(t, { record, expectedVersion });
      return t;
    },
  };
}
