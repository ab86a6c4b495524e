/**
 * The one read the TLP rules need: each recipient organization's standing (agreement ceiling now,
 * internal or not), through a reader the organizations side provides (`organizationTlpReader` in
 * `shared/domain/organizations/service.ts`; a repository method once organizations have one).
 */
import { type OrganizationTlp, UNKNOWN_ORGANIZATION } from './rules.js';

/** One organization's TLP standing now, or undefined when it is not in the directory. */
export type OrganizationTlpReader = (organizationId: string) => Promise<OrganizationTlp | undefined>;

/** Each organization's standing (each read once, in parallel); unknown ones may receive CLEAR only. */
export async function organizationCeilings(
  read: OrganizationTlpReader,
  organizationIds: readonly string[],
): Promise<Map<string, OrganizationTlp>> {
  const ids = [...new Set(organizationIds)];
  const tlps = await Promise.all(ids.map(async (id) => (await read(id)) ?? UNKNOWN_ORGANIZATION));
  return new Map(ids.map((id, i) => [id, tlps[i] as OrganizationTlp]));
}

/** The standing of `organizationId` in a map built by `organizationCeilings` (unknown: CLEAR). */
export const standingOf = (ceilings: ReadonlyMap<string, OrganizationTlp>, organizationId: string) =>
  ceilings.get(organizationId) ?? UNKNOWN_ORGANIZATION;
