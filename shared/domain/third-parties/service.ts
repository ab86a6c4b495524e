/** Third parties: suppliers, cloud providers and partners (organizations of kind `supplier`). */

import type { StoredThirdParty } from '../../db/entities/organization.js';
import { NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import type {
  CreateThirdPartyBody,
  ListThirdPartiesQuery,
  ThirdParty,
  ThirdPartyDetail,
  UpdateThirdPartyBody,
} from '../../schemas/third-parties.js';
import type { Deps } from '../deps.js';
import { updatedWithReferences } from '../organizations/service.js';
import { withOptimisticRetry } from '../retry.js';

/** A third party as the API shows it (without `createdBy`). */
function view(tp: StoredThirdParty): ThirdParty {
  const { createdBy: _by, ...out } = tp;
  return out as ThirdParty;
}

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
  await deps.repos.organizations.create(tp);
  return view(tp);
}

async function load(deps: Deps, id: string, consistent = false): Promise<StoredThirdParty> {
  const org = await deps.repos.organizations.get(id, consistent);
  if (org?.kind !== 'supplier') throw new NotFoundError(`Third party ${id} not found`);
  return org;
}

/** The third party and the SLA breaches recorded against it (GetItem and one Query, in parallel). */
export async function getThirdParty(deps: Deps, id: string): Promise<ThirdPartyDetail> {
  const [tp, slaBreaches] = await Promise.all([load(deps, id), deps.repos.agreementUpdates.breachesOf(id)]);
  return { ...view(tp), slaBreaches };
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
    await deps.repos.organizations.replace(next, current.version, refs);
    return view(next);
  });
}

export async function listThirdParties(
  deps: Deps,
  query: ListThirdPartiesQuery,
): Promise<{ items: ThirdParty[]; nextCursor: string | null }> {
  const page = await deps.repos.organizations.listThirdParties(query);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}
