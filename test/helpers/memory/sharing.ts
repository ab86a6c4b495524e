/** In-memory SharingRepository (indicators, collections, ledger) for unit tests. */
import type { StoredIndicator } from '../../../shared/db/entities/indicator.js';
import type { SharingRepository } from '../../../shared/db/repos/sharing.js';
import { ConflictError, NotFoundError } from '../../../shared/errors.js';
import type { Collection, LedgerEntry } from '../../../shared/schemas/sharing.js';

export type MemorySharing = SharingRepository & { readonly ledger: LedgerEntry[] };

export function memorySharing(): MemorySharing {
  const indicators = new Map<string, StoredIndicator>();
  const collections = new Map<string, Collection>();
  const ledger: LedgerEntry[] = [];
  const page = (items: LedgerEntry[], p: { limit: number; cursor?: string | undefined }) => {
    const start = p.cursor ? Number(p.cursor) : 0;
    const slice = items.slice(start, start + p.limit);
    return { items: slice, nextCursor: start + p.limit < items.length ? String(start + p.limit) : null };
  };
  const sorted = () =>
    [...ledger].sort((a, b) => a.at.localeCompare(b.at) || a.entryId.localeCompare(b.entryId));
  return {
    ledger,
    async indicators(incidentId) {
      return [...indicators.values()].filter((i) => i.incidentId === incidentId);
    },
    async getIndicator(incidentId, id) {
      return indicators.get(`${incidentId}/${id}`);
    },
    async writeIndicator(i, expectedVersion) {
      const key = `${i.incidentId}/${i.indicatorId}`;
      const current = indicators.get(key);
      if (expectedVersion === null ? current : current?.version !== expectedVersion)
        throw new ConflictError(
          'conflict',
          [],
          expectedVersion === null ? 'ALREADY_EXISTS' : 'CONCURRENT_UPDATE',
        );
      indicators.set(key, i);
    },
    async getCollection(id) {
      return collections.get(id);
    },
    async collections() {
      return [...collections.values()];
    },
    async writeCollection(c, expectedVersion) {
      const current = collections.get(c.id);
      if (expectedVersion === null ? current : current?.version !== expectedVersion)
        throw new ConflictError('conflict', [], 'CONCURRENT_UPDATE');
      collections.set(c.id, c);
    },
    async deleteCollection(id) {
      if (!collections.delete(id)) throw new NotFoundError(`Collection ${id} not found`);
    },
    ledgerPut: () => {
      throw new Error('memorySharing.ledgerPut: transactions are not modelled in memory');
    },
    async record(entries) {
      for (const e of entries) {
        const i = ledger.findIndex((x) => x.entryId === e.entryId);
        if (i >= 0) ledger[i] = e;
        else ledger.push(e);
      }
    },
    async ledgerOfIncident(incidentId, p) {
      return page(
        sorted().filter((e) => (e.incidentId ?? '-') === incidentId),
        p,
      );
    },
    async ledgerOfOrganization(organizationId, p) {
      return page(
        sorted().filter((e) => e.organizationId === organizationId),
        p,
      );
    },
  };
}
