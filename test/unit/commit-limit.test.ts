import { describe, expect, it } from 'vitest';
import type { StoredIncident } from '../../shared/db/incidents-repo.js';
import type { Deps } from '../../shared/deps.js';
import { commit } from '../../shared/domain/incidents/service.js';
import { UnprocessableError } from '../../shared/errors.js';
import { memoryRepositories } from '../helpers/memory-repos.js';

const deps: Deps = {
  // Reads (the escalation-trigger list) answer empty; a write must never be attempted.
  db: {
    send: async (command: { constructor: { name: string } }) => {
      if (command.constructor.name === 'QueryCommand') return { Items: [] };
      throw new Error(`must not write: ${command.constructor.name}`);
    },
  } as unknown as Deps['db'],
  tableName: 't',
  repos: memoryRepositories(),
  now: () => new Date('2030-01-01T00:00:00Z'),
  newId: () => 'x',
};

const incident = (organizations: number): StoredIncident =>
  ({
    id: 'INC-1',
    title: 't',
    description: 'd',
    severity: 'high',
    category: 'other',
    status: 'open',
    priority: 'high',
    affectedThirdParties: Array.from({ length: organizations }, (_, i) => `TP-${i}`),
    participants: [],
    discoveryDate: '2030-01-01T00:00:00Z',
    tlp: 'AMBER',
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    createdBy: 'x',
    version: 1,
    timelineSeq: 1,
    actionSeq: 0,
    commSeq: 0,
    escSeq: 0,
    lessonSeq: 0,
  }) as unknown as StoredIncident;

describe('commit', () => {
  it('refuses (422 INCIDENT_TOO_WIDE) a change that would exceed the 100 items of one transaction, before any write', async () => {
    const current = incident(99); // incident + 99 links + 1 timeline entry = 101 items
    const attempt = commit(deps, { subject: 's', organization: undefined, roles: [] }, current, {
      incident: current,
      timeline: [{ type: 'x', summary: 'x' }],
      result: undefined,
    });
    await expect(attempt).rejects.toBeInstanceOf(UnprocessableError);
    await expect(attempt).rejects.toMatchObject({ code: 'INCIDENT_TOO_WIDE' });
  });
});
