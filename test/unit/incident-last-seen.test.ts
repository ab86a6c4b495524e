import { describe, expect, it } from 'vitest';
import type { StoredIncident } from '../../shared/db/entities/incident.js';
import { bump } from '../../shared/domain/incidents/changes.js';
import { type Change, mutate } from '../../shared/domain/incidents/unit-of-work.js';
import { PreconditionFailedError } from '../../shared/errors.js';
import type { Caller } from '../../shared/model/caller.js';
import { memoryDeps } from '../helpers/memory-repos.js';

const caller: Caller = { subject: 'coordinator', organization: undefined, roles: ['coordinator'] };

const incident = (id: string): StoredIncident =>
  ({
    id,
    title: 't',
    description: 'd',
    severity: 'high',
    category: 'other',
    status: 'open',
    priority: 'P2',
    affectedThirdParties: [],
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

/** Memory deps with one incident and a count of the incident reads (`get`). */
async function arrange(id: string) {
  const deps = memoryDeps();
  const repo = deps.repos.incidents;
  await repo.transact([repo.putIncident(incident(id), null)]);
  const reads = { n: 0 };
  const get = repo.get.bind(repo);
  repo.get = (i) => {
    reads.n++;
    return get(i);
  };
  return { deps, reads };
}

/** A change numbering one action (what createAction decides), answering its number. */
const addAction = (current: StoredIncident): Change<number> => {
  const { n, incident: next } = bump(current, 'actionSeq');
  return { incident: next, timeline: [{ type: 'action.created', summary: `ACTION-${n}` }], result: n };
};

describe('mutate: the state a change is decided on (shared/domain/incidents/last-seen.ts)', () => {
  it('the same operation decides its next change on what it last wrote: no read before the transaction', async () => {
    const { deps, reads } = await arrange('INC-SEEN-1');
    const op = { operation: 'createAction' };
    expect(await mutate(deps, caller, 'INC-SEEN-1', addAction, undefined, op)).toBe(1);
    expect(reads.n).toBe(1); // first one: nothing remembered yet
    expect(await mutate(deps, caller, 'INC-SEEN-1', addAction, undefined, op)).toBe(2);
    expect(await mutate(deps, caller, 'INC-SEEN-1', addAction, undefined, op)).toBe(3);
    expect(reads.n).toBe(1);
    // Another operation does not see what this one remembers (one function per operation in AWS).
    await mutate(deps, caller, 'INC-SEEN-1', addAction, undefined, { operation: 'createLesson' });
    expect(reads.n).toBe(2);
    expect((await deps.repos.incidents.get('INC-SEEN-1')).actionSeq).toBe(4);
  });

  it('when another writer moved the incident on, the failed condition returns it and the change is decided again on it (no read)', async () => {
    const { deps, reads } = await arrange('INC-SEEN-2');
    const op = { operation: 'createAction' };
    await mutate(deps, caller, 'INC-SEEN-2', addAction, undefined, op); // remembers version 2
    await mutate(deps, caller, 'INC-SEEN-2', addAction, undefined, { operation: 'elsewhere' }); // version 3
    expect(reads.n).toBe(2);
    // Decided first on version 2 (stale: ACTION-2 would be taken), refused, decided on version 3.
    expect(await mutate(deps, caller, 'INC-SEEN-2', addAction, undefined, op)).toBe(3);
    expect(reads.n).toBe(2);
    const stored = await deps.repos.incidents.get('INC-SEEN-2');
    expect(stored).toMatchObject({ version: 4, actionSeq: 3, timelineSeq: 4 });
  });

  it('If-Match: a remembered state at another version is not taken for the incident (read, then the real answer)', async () => {
    const { deps, reads } = await arrange('INC-SEEN-3');
    const op = { operation: 'createAction' };
    await mutate(deps, caller, 'INC-SEEN-3', addAction, undefined, op); // remembers version 2
    await mutate(deps, caller, 'INC-SEEN-3', addAction, undefined, { operation: 'elsewhere' }); // version 3
    expect(await mutate(deps, caller, 'INC-SEEN-3', addAction, undefined, { ...op, ifMatch: 3 })).toBe(3);
    expect(reads.n).toBe(3);
    await expect(
      mutate(deps, caller, 'INC-SEEN-3', addAction, undefined, { ...op, ifMatch: 3 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
  });
});
