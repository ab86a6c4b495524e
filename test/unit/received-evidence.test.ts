/**
 * Attachments of an inbound e-mail registered as evidence (shared/domain/evidence/service.ts,
 * `receivedEvidence`): numbering after the incident's items, the limit per message, the legal hold
 * of an incident-wide hold, all on in-memory repositories and a recording object store.
 */
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../../shared/aws/ports.js';
import type { StoredIncident } from '../../shared/db/entities/incident.js';
import {
  MAX_RECEIVED_EVIDENCE,
  type ReceivedFile,
  receivedEvidence,
} from '../../shared/domain/evidence/service.js';
import { memoryDeps } from '../helpers/memory-repos.js';

const deps = memoryDeps();

const incident = (over: Partial<StoredIncident> = {}): StoredIncident =>
  ({ id: 'INC-1', evidenceSeq: 2, holds: [], ...over }) as unknown as StoredIncident;

const file = (i: number): ReceivedFile => ({
  name: `f${i}.log`,
  type: 'text/plain',
  size: 10 + i,
  sha256: String(i).padStart(64, '0'),
  key: `incidents/INC-1/inbound/${String(i).padStart(64, '0')}`,
  versionId: `v${i}`,
});

function recordingStore(): ObjectStore & { holds: string[] } {
  const holds: string[] = [];
  const unused = () => Promise.reject(new Error('not used'));
  return {
    bucket: 'evidence-bucket',
    holds,
    presignPut: unused,
    presignGet: unused,
    put: unused,
    head: unused,
    sha256Of: unused,
    async setLegalHold(key, versionId, on) {
      holds.push(`${key}@${versionId}:${on}`);
    },
    deleteVersion: unused,
  };
}

const origin = {
  communicationId: 'COMM-4',
  from: 'soc@supplier.example',
  receivedAt: '2030-01-01T10:00:00.000Z',
  collectedBy: 'liaison:inbound-email',
  registeredBy: 'carol',
};

describe('receivedEvidence', () => {
  it('numbers the items after the incident’s, confirmed, with their version, custody and timeline entry', () => {
    const store = recordingStore();
    const parts = receivedEvidence(deps, store, incident(), [file(1), file(2)], origin);
    expect(parts.evidenceIds).toEqual(['EVD-3', 'EVD-4']);
    expect(parts.incident.evidenceSeq).toBe(4);
    expect(parts.items).toHaveLength(4); // item + custody entry each
    const first = (parts.items[0] as { Put: { Item: Record<string, unknown> } }).Put.Item;
    expect(first).toMatchObject({
      evidenceId: 'EVD-3',
      status: 'confirmed',
      type: 'file',
      fileName: 'f1.log',
      source: 'e-mail from soc@supplier.example',
      collectedBy: 'liaison:inbound-email',
      registeredBy: 'carol',
      storage: { bucket: 'evidence-bucket', key: file(1).key, versionId: 'v1' },
      links: { actions: [], communications: ['COMM-4'] },
    });
    const custody = (parts.items[1] as { Put: { Item: Record<string, unknown> } }).Put.Item;
    expect(custody).toMatchObject({ seq: 1, kind: 'collected', from: 'e-mail from soc@supplier.example' });
    expect(parts.timeline.map((e) => e.data?.evidenceId)).toEqual(['EVD-3', 'EVD-4']);
    expect(parts.prepare).toBeUndefined();
  });

  it(`registers at most ${MAX_RECEIVED_EVIDENCE} files of one message`, () => {
    const files = Array.from({ length: MAX_RECEIVED_EVIDENCE + 3 }, (_, i) => file(i + 1));
    const parts = receivedEvidence(deps, recordingStore(), incident({ evidenceSeq: 0 }), files, origin);
    expect(parts.evidenceIds.filter(Boolean)).toHaveLength(MAX_RECEIVED_EVIDENCE);
    expect(parts.evidenceIds.slice(MAX_RECEIVED_EVIDENCE)).toEqual([undefined, undefined, undefined]);
    expect(parts.items).toHaveLength(2 * MAX_RECEIVED_EVIDENCE);
  });

  it('an incident-wide legal hold locks each new version before the transaction; an item hold on another item does not', async () => {
    const store = recordingStore();
    const held = incident({
      holds: [{ holdId: 'HOLD-1', kind: 'legal' }],
    } as unknown as Partial<StoredIncident>);
    const parts = receivedEvidence(deps, store, held, [file(1)], origin);
    await parts.prepare?.();
    expect(store.holds).toEqual([`${file(1).key}@v1:true`]);

    const other = recordingStore();
    const itemHold = incident({
      holds: [{ holdId: 'HOLD-2', kind: 'legal', evidenceId: 'EVD-1' }],
    } as unknown as Partial<StoredIncident>);
    expect(receivedEvidence(deps, other, itemHold, [file(1)], origin).prepare).toBeUndefined();
  });
});
