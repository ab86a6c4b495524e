/** The communication item `INC#<incId>` / `COMM#<n>` (Communication, numbered by the incident's counter). */
import type { Communication } from '../../schemas/incidents.js';
import { keys } from '../keys.js';
import { childNumber } from './children.js';
import { defineEntity } from './entity.js';

export type StoredCommunication = Communication & { readonly incidentId: string };

export const communicationEntity = defineEntity<StoredCommunication>({
  entity: 'communication',
  keyOf: (c) => keys.communication(c.incidentId, childNumber(c.communicationId)),
});
