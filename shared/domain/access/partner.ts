/**
 * Partner scope of a caller (the service-side half of partner access; the rules themselves are in
 * `visibility.ts`). A caller whose only role is `partner` is scoped to its token's organization;
 * any internal role (admin, coordinator, responder, viewer) sees everything its role allows.
 */
import { ForbiddenError, NotFoundError } from '../../errors.js';
import type { Caller } from '../../model/caller.js';
import { canSeeIncident } from './visibility.js';

/** The partner's organization, or null for an internal caller. */
export function partnerOrganization(caller: Caller): string | null {
  if (!caller.roles.includes('partner') || caller.roles.some((r) => r !== 'partner')) return null;
  if (!caller.organization) {
    throw new ForbiddenError('A partner token must carry the organization claim');
  }
  return caller.organization;
}

/** The same error as a missing incident: a partner cannot tell "not yours" from "does not exist". */
export const incidentNotFound = (incidentId: string) => new NotFoundError(`Incident ${incidentId} not found`);

/** 404 unless an internal caller, or a partner whose organization participates in the incident. */
export function assertMaySeeIncident(
  caller: Caller,
  incident: { id: string; affectedThirdParties: readonly string[]; participants?: readonly string[] },
): void {
  const org = partnerOrganization(caller);
  if (org !== null && !canSeeIncident(incident, org)) throw incidentNotFound(incident.id);
}
