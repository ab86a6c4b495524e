/** Reads behind the coordination report's `participantsByDimension` (rules: `dimensions.ts`). */

import { NotFoundError } from '../../errors.js';
import type { StakeholderGroup } from '../../schemas/contacts.js';
import { listContacts } from '../contacts/service.js';
import type { Deps } from '../deps.js';
import { loadOrganization } from '../organizations/service.js';
import { type ByDimension, groupByDimension, type Participant, participantDimension } from './dimensions.js';

async function liveContactGroups(deps: Deps, organizationId: string): Promise<StakeholderGroup[]> {
  const groups: StakeholderGroup[] = [];
  let cursor: string | undefined;
  do {
    const page = await listContacts(deps, { organizationId, limit: 100, ...(cursor ? { cursor } : {}) });
    groups.push(...page.items.map((c) => c.stakeholderGroup));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return groups;
}

/** One GetItem per organization, plus one contacts Query per internal unit (in parallel). */
export async function participantDimensions(
  deps: Deps,
  organizationIds: readonly string[],
): Promise<ByDimension> {
  const participants = await Promise.all(
    [...new Set(organizationIds)].map(async (organizationId): Promise<Participant> => {
      try {
        const org = await loadOrganization(deps, organizationId);
        const name = typeof org.name === 'string' ? org.name : organizationId;
        const groups = org.kind === 'internal' ? await liveContactGroups(deps, organizationId) : [];
        return { organizationId, name, kind: org.kind, dimension: participantDimension(org.kind, groups) };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        return { organizationId, name: organizationId, kind: 'unknown', dimension: 'external' };
      }
    }),
  );
  return groupByDimension(participants);
}
