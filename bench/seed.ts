/**
 * Seeding for the scale measurements, with BatchWriteItem and the repository's own item builders
 * and key module (`incidentItem`, `keys.*`), so seeded items are laid out exactly as the service
 * writes them.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { incidentEntity, type StoredIncident } from '../shared/db/entities/incident.js';
import { keys } from '../shared/db/keys.js';
import type { Action, Communication, TimelineEntry } from '../shared/schemas/incidents.js';

const BATCH = 25;

async function writeAll(
  db: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
  concurrency = 8,
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        const res = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (res.UnprocessedItems?.[table] ?? []) as typeof pending;
        if (pending.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function incident(id: string, createdAt: string, counters: Partial<StoredIncident> = {}): StoredIncident {
  return {
    id,
    title: `Seeded incident ${id}`,
    description: 'seeded for the benchmark',
    severity: 'medium',
    category: 'outage',
    status: 'open',
    priority: 'medium',
    affectedThirdParties: [],
    discoveryDate: createdAt,
    createdAt,
    updatedAt: createdAt,
    createdBy: 'bench',
    version: 1,
    timelineSeq: 0,
    actionSeq: 0,
    commSeq: 0,
    escSeq: 0,
    lessonSeq: 0,
    ...counters,
  } as StoredIncident;
}

/** `count` incidents, created one second apart ending now; ids `SCALE-<n>`. Returns the seconds taken. */
export async function seedIncidents(
  db: DynamoDBDocumentClient,
  table: string,
  from: number,
  count: number,
): Promise<number> {
  const started = performance.now();
  const base = Date.parse('2024-01-01T00:00:00Z');
  const items: Record<string, unknown>[] = [];
  for (let n = from; n < from + count; n++) {
    const createdAt = new Date(base + n * 1000).toISOString();
    items.push(incidentEntity.toItem(incident(`SCALE-${String(n).padStart(6, '0')}`, createdAt)));
  }
  await writeAll(db, table, items);
  return (performance.now() - started) / 1000;
}

/**
 * One incident with `actions` actions and `communications` communications, seeded as the service
 * writes them: each of them with its timeline entry (`action.created`, `communication.recorded`),
 * so the incident's partition holds 2 × (actions + communications) children.
 */
export async function seedBigIncident(
  db: DynamoDBDocumentClient,
  table: string,
  id: string,
  actions: number,
  communications: number,
): Promise<void> {
  const at = new Date().toISOString();
  const items: Record<string, unknown>[] = [
    incidentEntity.toItem(
      incident(id, at, {
        actionSeq: actions,
        commSeq: communications,
        timelineSeq: actions + communications,
      }),
    ),
  ];
  for (let n = 1; n <= actions; n++) {
    const action: Action = {
      actionId: `ACTION-${n}`,
      description: `Seeded action ${n}: contain, eradicate, recover`,
      assignedTo: 'ops',
      priority: 'medium',
      status: 'pending',
      createdAt: at,
      createdBy: 'bench',
      updatedAt: at,
      version: 1,
    };
    items.push({ ...keys.action(id, n), entity: 'action', incidentId: id, ...action });
  }
  for (let n = 1; n <= communications; n++) {
    const comm: Communication = {
      communicationId: `COMM-${n}`,
      type: 'email',
      direction: 'outbound',
      subject: `Seeded status update ${n}`,
      content: 'We are investigating the incident and will report back within the agreed window.',
      sentTo: ['security@supplier.example'],
      priority: 'medium',
      recordedAt: at,
      recordedBy: 'bench',
    };
    items.push({ ...keys.communication(id, n), entity: 'communication', incidentId: id, ...comm });
  }
  let seq = 0;
  const entry = (type: string, summary: string, data: Record<string, unknown>) => {
    seq++;
    const e: TimelineEntry = { seq, at, actor: 'bench', type, summary, data };
    items.push({ ...keys.timeline(id, seq), entity: 'timeline', incidentId: id, ...e });
  };
  for (let n = 1; n <= actions; n++)
    entry('action.created', `ACTION-${n} assigned to ops: Seeded action ${n}: contain, eradicate, recover`, {
      actionId: `ACTION-${n}`,
      assignedTo: 'ops',
      priority: 'medium',
    });
  for (let n = 1; n <= communications; n++) {
    entry('communication.recorded', `email outbound: Seeded status update ${n}`, {
      communicationId: `COMM-${n}`,
      type: 'email',
      direction: 'outbound',
    });
  }
  await writeAll(db, table, items);
}
