/** Indicator item `SHARE#<incId>` / `IND#<indicatorId>` (an observable recorded on an incident, its sightings inside). */
import type { Indicator } from '../../schemas/sharing.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredIndicator = Indicator & { readonly incidentId: string };

export const indicatorEntity = defineEntity<StoredIndicator>({
  entity: 'indicator',
  keyOf: (i) => keys.indicator(i.incidentId, i.indicatorId),
});
