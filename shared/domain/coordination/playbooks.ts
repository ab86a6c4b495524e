/**
 * Shared playbooks, versioned like templates (`PLAYBOOK#<id>`: head `#PLAYBOOK` + immutable
 * versions `V#<n>`). Creating writes version 1, every edit version n+1, head and version in ONE
 * transaction conditioned on the version read, with a ConditionCheck per participating organization
 * (responsible organizations and role holders must participate: the schema checks that).
 */

import { NotFoundError, ValidationError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  CreatePlaybookBody,
  ListPlaybooksQuery,
  Playbook,
  UpdatePlaybookBody,
} from '../../schemas/coordination.js';
import type { Deps } from '../deps.js';
import { withOptimisticRetry } from '../retry.js';

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
  await deps.repos.playbooks.write(playbook, null);
  return playbook;
}

export async function getPlaybook(deps: Deps, id: string, version?: number): Promise<Playbook> {
  const playbook = await deps.repos.playbooks.get(id, version);
  if (!playbook)
    throw new NotFoundError(`Playbook ${id}${version === undefined ? '' : ` version ${version}`} not found`);
  return playbook;
}

/** Version n+1 of a playbook with `changes` (the caller writes it, conditioned on version n). */
export function nextPlaybookVersion(
  current: Playbook,
  changes: Partial<Omit<Playbook, 'id' | 'version'>>,
  at: string,
  by: string,
): Playbook {
  return { ...current, ...changes, version: current.version + 1, updatedAt: at, updatedBy: by };
}

/** An edit never changes a version: it writes version n+1; activations keep the version they used. */
export function updatePlaybook(
  deps: Deps,
  caller: Caller,
  id: string,
  body: UpdatePlaybookBody,
): Promise<Playbook> {
  return withOptimisticRetry(async () => {
    const current = await getPlaybook(deps, id);
    const next = nextPlaybookVersion(
      current,
      Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      deps.now().toISOString(),
      caller.subject,
    );
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
    await deps.repos.playbooks.write(next, current.version);
    return next;
  });
}

export async function listPlaybooks(
  deps: Deps,
  query: ListPlaybooksQuery,
): Promise<{ items: Playbook[]; nextCursor: string | null }> {
  return deps.repos.playbooks.list(query);
}
