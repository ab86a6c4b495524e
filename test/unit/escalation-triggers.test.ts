/**
 * Trigger evaluation as `commit` uses it (no network: a fake DynamoDB client that answers the
 * trigger Query), and the module-memory cache of the trigger list.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredIncident } from '../../shared/db/entities/incident.js';
import { createRepositories } from '../../shared/db/repos/index.js';
import type { Deps } from '../../shared/deps.js';
import { invalidateEscalationCache } from '../../shared/domain/escalation/cache.js';
import { evaluateTriggers } from '../../shared/domain/escalation/triggers.js';

const trigger = (id: string, when: Record<string, unknown>, enabled = true) => ({
  pk: `ESCTRIGGER#${id}`,
  sk: '#ESCTRIGGER',
  gsi1pk: 'ESCTRIGGER',
  gsi1sk: `${id.toLowerCase()}#${id}`,
  id,
  name: id,
  when,
  notify: { groups: ['executives'] },
  enabled,
  version: 1,
});

let stored: Record<string, unknown>[];
let queries: number;

function fakeDeps(): Deps {
  const db = {
    send: async (command: { input: Record<string, unknown> }) => {
      expect(command.input.IndexName).toBe('gsi1');
      expect(command.input.ExpressionAttributeValues).toEqual({ ':pk': 'ESCTRIGGER' });
      queries++;
      return { Items: stored };
    },
  } as unknown as DynamoDBDocumentClient;
  return {
    repos: createRepositories({ db, tableName: 't' }),
    now: () => new Date('2030-01-01T00:00:00Z'),
    newId: () => 'x',
  };
}

const incident = (over: Partial<StoredIncident> & Record<string, unknown> = {}) =>
  ({
    id: 'INC-1',
    title: 't',
    description: 'd',
    severity: 'high',
    category: 'c',
    status: 'open',
    priority: 'high',
    affectedThirdParties: [],
    discoveryDate: '2030-01-01T00:00:00Z',
    tlp: 'AMBER',
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
    createdBy: 'u',
    version: 1,
    timelineSeq: 1,
    actionSeq: 0,
    commSeq: 0,
    escSeq: 0,
    lessonSeq: 0,
    ...over,
  }) as StoredIncident;

beforeEach(() => {
  invalidateEscalationCache();
  queries = 0;
  stored = [
    trigger('T-CRIT', { priorityAtLeast: 'critical' }),
    trigger('T-OVERDUE', { actionOverdue: true }),
    trigger('T-OFF', { priorityAtLeast: 'low' }, false),
  ];
});

describe('evaluateTriggers', () => {
  it('adds newly true triggers to firedTriggers with one trigger.fired entry each', async () => {
    const out = await evaluateTriggers(
      fakeDeps(),
      incident({ priority: 'critical', overdueActions: ['ACTION-1'] }),
    );
    expect((out.incident as unknown as { firedTriggers: string[] }).firedTriggers).toEqual([
      'T-CRIT',
      'T-OVERDUE',
    ]);
    expect(out.timeline.map((e) => [e.type, e.data?.triggerId])).toEqual([
      ['trigger.fired', 'T-CRIT'],
      ['trigger.fired', 'T-OVERDUE'],
    ]);
    expect(out.fired.map((t) => t.id)).toEqual(['T-CRIT', 'T-OVERDUE']);
  });

  it('never fires a trigger twice on the same incident', async () => {
    const out = await evaluateTriggers(
      fakeDeps(),
      incident({ priority: 'critical', firedTriggers: ['T-CRIT'] }),
    );
    expect(out.fired).toEqual([]);
    expect(out.timeline).toEqual([]);
    expect((out.incident as unknown as { firedTriggers: string[] }).firedTriggers).toEqual(['T-CRIT']);
  });

  it('leaves the incident untouched when nothing fires', async () => {
    const next = incident({ priority: 'medium' });
    const out = await evaluateTriggers(fakeDeps(), next);
    expect(out.incident).toBe(next);
    expect(out.fired).toEqual([]);
  });

  it('reads the trigger list once per cache period; a local write invalidates it', async () => {
    const deps = fakeDeps();
    await evaluateTriggers(deps, incident());
    await evaluateTriggers(deps, incident());
    expect(queries).toBe(1);
    invalidateEscalationCache();
    await evaluateTriggers(deps, incident());
    expect(queries).toBe(2);
  });
});
