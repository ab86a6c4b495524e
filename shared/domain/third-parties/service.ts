/** Third parties: suppliers, cloud providers and partners (organizations of kind `supplier`). */

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { publicView } from '../../db/items.js';
import { keys, listQueries, thirdPartyIndexKeys } from '../../db/keys.js';
import { queryIndexPage } from '../../db/pagination.js';
import {
  alreadyExists,
  conditionalPut,
  putOne,
  TransactionConflict,
  withOptimisticRetry,
} from '../../db/transact.js';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  CreateThirdPartyBody,
  ListThirdPartiesQuery,
  ThirdParty,
  UpdateThirdPartyBody,
} from '../../schemas/third-parties.js';
import { updatedWithReferences, writeWithReferences } from '../organizations/service.js';

type StoredThirdParty = Omit<ThirdParty, 'escalationContactIds'> & {
  createdBy: string;
  escalationContactIds?: string[];
};

function toItem(tp: StoredThirdParty) {
  // Computed keys come last: `tp` may be a raw item read earlier, carrying stale index keys.
  return { ...tp, ...keys.organization(tp.id), entity: 'organization', ...thirdPartyIndexKeys(tp) };
}

const view = (item: Record<string, unknown>) => publicView<ThirdParty>(item, ['createdBy']);

export async function createThirdParty(
  deps: Deps,
  caller: Caller,
  body: CreateThirdPartyBody,
): Promise<ThirdParty> {
  const now = deps.now().toISOString();
  const tp: StoredThirdParty = {
    id: body.id ?? `TP-${deps.newId()}`,
    name: body.name,
    type: body.type,
    kind: 'supplier',
    criticality: body.criticality,
    ...(body.contactInfo ? { contactInfo: body.contactInfo } : {}),
    ...(body.incidentContact ? { incidentContact: body.incidentContact } : {}),
    escalationContacts: body.escalationContacts ?? [],
    ...(body.slaRequirements ? { slaRequirements: body.slaRequirements } : {}),
    dataShared: body.dataShared ?? [],
    systemsAccessed: body.systemsAccessed ?? [],
    incidentCount: 0,
    lastIncident: null,
    createdAt: now,
    updatedAt: now,
    createdBy: caller.subject,
    version: 1,
  };
  try {
    await putOne(deps, conditionalPut(deps, toItem(tp), null));
  } catch (error) {
    if (error instanceof TransactionConflict) throw alreadyExists('Organization', tp.id);
    throw error;
  }
  return view(toItem(tp));
}

async function load(deps: Deps, id: string, consistent = false): Promise<StoredThirdParty> {
  const res = await deps.db.send(
    new GetCommand({ TableName: deps.tableName, Key: keys.organization(id), ConsistentRead: consistent }),
  );
  if (res.Item?.kind !== 'supplier') throw new NotFoundError(`Third party ${id} not found`);
  return res.Item as StoredThirdParty;
}

export async function getThirdParty(deps: Deps, id: string): Promise<ThirdParty> {
  return view(await load(deps, id));
}

export async function updateThirdParty(
  deps: Deps,
  _caller: Caller,
  id: string,
  body: UpdateThirdPartyBody,
): Promise<ThirdParty> {
  return withOptimisticRetry(async () => {
    const current = await load(deps, id, true);
    const { next, refs } = updatedWithReferences(deps, id, current, body);
    await writeWithReferences(deps, conditionalPut(deps, toItem(next), current.version), refs);
    return view(toItem(next));
  });
}

export async function listThirdParties(
  deps: Deps,
  query: ListThirdPartiesQuery,
): Promise<{ items: ThirdParty[]; nextCursor: string | null }> {
  // When criticality chooses the index, a type filter is applied on the page read.
  const filter =
    query.criticality !== undefined && query.type !== undefined
      ? { attr: 'type', value: query.type }
      : undefined;
  const page = await queryIndexPage(deps, listQueries.thirdParties(query), query, filter);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}
