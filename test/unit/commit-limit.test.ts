import { describe, expect, it } from 'vitest';
import type { StoredIncident } from '../../shared/db/entities/incident.js';
import { commit } from '../../shared/domain/incidents/unit-of-work.js';
import { UnprocessableError } from '../../shared/errors.js';
import type { memoryIncidents } from '../helpers/memory/incidents.js';
import { memoryDeps } from '../helpers/memory-repos.js';

// In-memory repositories: a write attempted by mistake would land in the map, checked below.
const deps = memoryDeps();
const written = (deps.repos.incidents as ReturnType<typeof memoryIncidents>).items;

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
    expect(written.size).toBe(0);
  });
});
