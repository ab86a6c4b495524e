/**
 * Shared playbooks, versioned like templates (`PLAYBOOK#<id>`: head `#PLAYBOOK` + immutable
 * versions `V#<n>`). Creating writes version 1, every edit version n+1, head and version in ONE
 * transaction conditioned on the version read, with a ConditionCheck per participating organization
 * (responsible organizations and role holders must participate: the schema checks that).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { publicView } from '../../db/items.js';
import { keys, listQueries, playbookIndexKeys } from '../../db/keys.js';
import { queryIndexPage } from '../../db/pagination.js';
import {
  alreadyExists,
  conditionalPut,
  TransactionConflict,
  transactWrite,
  withOptimisticRetry,
} from '../../db/transact.js';
import type { Deps } from '../../deps.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  CreatePlaybookBody,
  ListPlaybooksQuery,
  Playbook,
  UpdatePlaybookBody,
} from '../../schemas/coordination.js';
import { organizationChecks, unknownOrganizations } from './channels.js';

const headItem = (p: Playbook) => ({
  ...p,
  ...keys.playbook(p.id),
  entity: 'playbook',
  ...playbookIndexKeys(p),
});
const versionItem = (p: Playbook) => ({
  ...p,
  ...keys.playbookVersion(p.id, p.version),
  entity: 'playbookVersion',
});
const view = (item: Record<string, unknown>) => publicView<Playbook>(item);

async function write(deps: Deps, playbook: Playbook, expectedVersion: number | null): Promise<void> {
  const orgs = playbook.participatingOrganizations;
  try {
    await transactWrite(deps, [
      conditionalPut(deps, headItem(playbook), expectedVersion),
      conditionalPut(deps, versionItem(playbook), null),
      ...organizationChecks(deps, orgs),
    ]);
  } catch (error) {
    if (!(error instanceof TransactionConflict)) throw error;
    const unknown = unknownOrganizations(error.failed, 2, orgs, 'body.participatingOrganizations');
    if (unknown) throw unknown;
    if (expectedVersion === null && error.failed.includes(0)) throw alreadyExists('Playbook', playbook.id);
    throw error;
  }
}

export async function createPlaybook(
  deps: Deps,
  caller: Caller,
  body: CreatePlaybookBody,
): Promise<Playbook> {
  const { id, ...content } = body;
  const at = deps.now().toISOString();
  const playbook: Playbook = {
    id: id ?? `PB-${deps.newId()}`,
    ...content,
    version: 1,
    createdAt: at,
    createdBy: caller.subject,
    updatedAt: at,
    updatedBy: caller.subject,
  };
  await write(deps, playbook, null);
  return playbook;
}

export async function getPlaybook(deps: Deps, id: string, version?: number): Promise<Playbook> {
  const res = await deps.db.send(
    new GetCommand({
      TableName: deps.tableName,
      Key: version === undefined ? keys.playbook(id) : keys.playbookVersion(id, version),
      ConsistentRead: true,
    }),
  );
  if (!res.Item)
    throw new NotFoundError(`Playbook ${id}${version === undefined ? '' : ` version ${version}`} not found`);
  return view(res.Item);
}

/** An edit never changes a version: it writes version n+1; activations keep the version they used. */
export async function updatePlaybook(
  deps: Deps,
  caller: Caller,
  id: string,
  body: UpdatePlaybookBody,
): Promise<Playbook> {
  return withOptimisticRetry(async () => {
    const current = await getPlaybook(deps, id);
    const next: Playbook = {
      ...current,
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      version: current.version + 1,
      updatedAt: deps.now().toISOString(),
      updatedBy: caller.subject,
    };
    const orgs = next.participatingOrganizations;
    const outsiders = [
      ...Object.keys(next.rolesResponsibilities).flatMap((o) =>
        orgs.includes(o)
          ? []
          : [{ field: `body.rolesResponsibilities.${o}`, message: 'not a participating organization' }],
      ),
      ...next.responseActions.flatMap((a, i) =>
        orgs.includes(a.responsible)
          ? []
          : [{ field: `body.responseActions.${i}.responsible`, message: 'not a participating organization' }],
      ),
    ];
    if (outsiders.length > 0) {
      throw new ValidationError(
        'Roles and response actions must name participating organizations',
        outsiders,
      );
    }
    await write(deps, next, current.version);
    return next;
  });
}

export async function listPlaybooks(
  deps: Deps,
  query: ListPlaybooksQuery,
): Promise<{ items: Playbook[]; nextCursor: string | null }> {
  const page = await queryIndexPage(deps, listQueries.playbooks(), query);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}
