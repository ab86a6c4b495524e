/**
 * In-memory evidence register over the memory incident repository's item map (the writes are the
 * real repository's builders, applied by the memory incident `transact`).
 */
import { custodyEntryEntity, evidenceEntity, holdEntity } from '../../../shared/db/entities/evidence.js';
import { createEvidenceRepository, type EvidenceRepository } from '../../../shared/db/repos/evidence.js';
import { NotFoundError } from '../../../shared/errors.js';

type Item = Record<string, unknown>;

export function memoryEvidence(items: Map<string, Item>): EvidenceRepository {
  const builders = createEvidenceRepository({ db: undefined as never, tableName: 'memory' });
  const prefixed = (incidentId: string, prefix: string) =>
    [...items.values()]
      .filter((i) => i.pk === `INC#${incidentId}` && String(i.sk).startsWith(prefix))
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  const get = async (incidentId: string, evidenceId: string) => {
    const item = prefixed(incidentId, 'EVIDENCE#').find((i) => i.evidenceId === evidenceId);
    if (!item) throw new NotFoundError(`Evidence ${evidenceId} of incident ${incidentId} not found`);
    return evidenceEntity.fromItem(item);
  };
  return {
    ...builders,
    get,
    async getWithCustody(incidentId, evidenceId) {
      return {
        evidence: await get(incidentId, evidenceId),
        custody: prefixed(incidentId, 'CUSTODY#')
          .filter((c) => c.evidenceId === evidenceId)
          .map((c) => custodyEntryEntity.fromItem(c)),
      };
    },
    async list(incidentId) {
      return {
        items: prefixed(incidentId, 'EVIDENCE#').map((i) => evidenceEntity.fromItem(i)),
        nextCursor: null,
      };
    },
    async listAll(incidentId) {
      return prefixed(incidentId, 'EVIDENCE#').map((i) => evidenceEntity.fromItem(i));
    },
    async getHold(incidentId, holdId) {
      const item = prefixed(incidentId, 'HOLD#').find((h) => h.holdId === holdId);
      if (!item) throw new NotFoundError(`Hold ${holdId} of incident ${incidentId} not found`);
      return holdEntity.fromItem(item);
    },
    async holds(incidentId) {
      return prefixed(incidentId, 'HOLD#').map((h) => holdEntity.fromItem(h));
    },
  };
}
