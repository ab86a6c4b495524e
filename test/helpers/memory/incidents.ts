/**
 * In-memory incident repository: the write builders are the DynamoDB repository's own (pure: they
 * build the items through the entities); `transact` applies them to a map with the same
 * all-or-nothing semantics and conditions (`attribute_not_exists(pk)`, `version = :v`,
 * `attribute_exists(pk)`), failed items reported as `TransactionConflict` like the real one.
 */
import { incidentEntity } from '../../../shared/db/entities/incident.js';
import { publicView } from '../../../shared/db/items.js';
import {
  type ChildKind,
  createIncidentsRepository,
  type IncidentsRepository,
  summaryOf,
  type Write,
} from '../../../shared/db/repos/incidents.js';
import { StaleRoot, TransactionConflict } from '../../../shared/db/transact.js';
import { NotFoundError, PreconditionFailedError } from '../../../shared/errors.js';

type Item = Record<string, unknown>;

const PREFIX: Record<ChildKind, string> = {
  actions: 'ACTION#',
  communications: 'COMM#',
  escalations: 'ESC#',
  lessonsLearned: 'LESSON#',
  timeline: 'TL#',
};

export function memoryIncidents(
  items = new Map<string, Item>(),
): IncidentsRepository & { items: Map<string, Item> } {
  const builders = createIncidentsRepository({ db: undefined as never, tableName: 'memory' });
  const id = (k: { pk: unknown; sk: unknown }) => `${String(k.pk)}|${String(k.sk)}`;
  const partition = (pk: string) =>
    [...items.values()].filter((i) => i.pk === pk).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  const incidentOf = (incidentId: string) => {
    const item = items.get(`INC#${incidentId}|#INCIDENT`);
    if (!item) throw new NotFoundError(`Incident ${incidentId} not found`);
    return incidentEntity.fromItem(item);
  };
  const holds = (w: Write): boolean => {
    const op = w.Put ?? w.ConditionCheck ?? w.Update ?? w.Delete;
    if (!op) throw new Error('unknown write');
    const key = w.Put ? (w.Put.Item as Item) : (op as { Key: Item }).Key;
    const old = items.get(id(key as { pk: unknown; sk: unknown }));
    const cond = op.ConditionExpression;
    if (!cond) return true;
    if (cond === 'attribute_not_exists(pk)') return !old;
    if (cond === 'attribute_exists(pk)') return !!old;
    if (cond === 'version = :v') return !!old && old.version === op.ExpressionAttributeValues?.[':v'];
    throw new Error(`condition not supported in memory: ${cond}`);
  };
  const apply = (w: Write) => {
    if (w.Put) items.set(id(w.Put.Item as { pk: unknown; sk: unknown }), { ...(w.Put.Item as Item) });
    if (w.Update) {
      const key = id(w.Update.Key as { pk: unknown; sk: unknown });
      const old = items.get(key) ?? {};
      items.set(key, { ...old, version: Number(old.version ?? 0) + 1 });
    }
  };
  const transact = async (ws: readonly Write[]) => {
    const failed = ws.flatMap((w, i) => (holds(w) ? [] : [i]));
    if (failed.length > 0) throw new TransactionConflict(failed);
    ws.forEach(apply);
  };
  const childView = (kind: ChildKind, i: Item) =>
    publicView(i, kind === 'actions' ? ['incidentId', 'entity'] : ['incidentId', 'entity', 'version']);
  const repo: IncidentsRepository = {
    ...builders,
    get: async (incidentId) => incidentOf(incidentId),
    async getWithAction(incidentId, actionId) {
      const incident = incidentOf(incidentId);
      const action = partition(`INC#${incidentId}`).find((i) => i.actionId === actionId);
      return { incident, ...(action ? { action: childView('actions', action) as never } : {}) };
    },
    async getWithActions(incidentId) {
      const incident = incidentOf(incidentId);
      const actions = partition(`INC#${incidentId}`).filter((i) => String(i.sk).startsWith('ACTION#'));
      return { incident, actions: actions.map((a) => childView('actions', a) as never) };
    },
    async getHead(incidentId) {
      const incident = incidentOf(incidentId);
      const all = partition(`INC#${incidentId}`);
      const of = (p: string) =>
        all.filter((i) => String(i.sk).startsWith(p)).map((i) => publicView<Item>(i, ['entity']));
      return {
        incident,
        obligations: of('OBLIG#'),
        activations: [],
        escalationChains: of('ESCCHAIN#') as never,
        endedTenures: of('ROLE#') as never,
      };
    },
    async children(incidentId, kind, page) {
      const all = partition(`INC#${incidentId}`).filter((i) => String(i.sk).startsWith(PREFIX[kind]));
      const start = page.cursor ? Number(page.cursor) : 0;
      const slice = all.slice(start, start + page.limit);
      const more = start + page.limit < all.length;
      return {
        items: slice.map((i) => childView(kind, i) as never),
        nextCursor: more ? String(start + page.limit) : null,
      };
    },
    async list(filter) {
      const all = [...items.values()].filter(
        (i) =>
          i.entity === 'incident' &&
          (!filter.status || i.status === filter.status) &&
          (filter.exercise === 'include' || (filter.exercise === 'only') === (i.exercise === true)),
      );
      return { items: all.slice(0, filter.limit).map((i) => summaryOf(i as never)), nextCursor: null };
    },
    async chains(incidentId) {
      return partition(`INC#${incidentId}`).filter((i) => String(i.sk).startsWith('ESCCHAIN#')) as never;
    },
    transact,
    async transactIfMatch(ws, incidentIndex, incidentId) {
      const failed = ws.flatMap((w, i) => (holds(w) ? [] : [i]));
      if (failed.includes(incidentIndex)) {
        const current = incidentOf(incidentId);
        throw new PreconditionFailedError(`Incident ${incidentId} is at version ${current.version}`, [
          { field: 'header.if-match', message: `current version is ${current.version}` },
        ]);
      }
      await transact(ws);
    },
    async transactChange(ws, incidentIndex, incidentId) {
      const failed = ws.flatMap((w, i) => (holds(w) ? [] : [i]));
      if (failed.includes(incidentIndex)) throw new StaleRoot(failed, incidentOf(incidentId));
      await transact(ws);
    },
  };
  return Object.assign(repo, { items });
}
