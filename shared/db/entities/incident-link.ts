/**
 * The incident link `ORG#<orgId>` / `INC#<createdAt>#<incId>`: one per organization taking part
 * (affected third party or participant), carrying the summary `GET /incidents?thirdParty=` and a
 * partner's `GET /incidents` list. Rewritten with every incident change (its `updatedAt` follows).
 */
import type { IncidentSummary } from '../../schemas/incidents.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredIncidentLink = IncidentSummary & { readonly organizationId: string };

export const incidentLinkEntity = defineEntity<StoredIncidentLink>({
  entity: 'incidentLink',
  keyOf: (l) => keys.incidentLink(l.organizationId, l.createdAt, l.id),
});
