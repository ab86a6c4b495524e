/**
 * SLA breach (`ORG#<thirdPartyId>` / `SLABREACH#<incidentId>#<metric>`): a contractual SLA the third
 * party missed on an incident, recorded with the agreement update it proposed (one per incident
 * and metric).
 */
import type { SlaBreach } from '../../schemas/agreements.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

export const slaBreachEntity = defineEntity<SlaBreach>({
  entity: 'slaBreach',
  keyOf: (b) => keys.slaBreach(b.thirdPartyId, b.incidentId, b.metric),
});
