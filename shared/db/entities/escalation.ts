/** The escalation item `INC#<incId>` / `ESC#<n>` (Escalation, numbered by the incident's counter). */
import type { Escalation } from '../../schemas/incidents.js';
import { keys } from '../keys.js';
import { childNumber } from './children.js';
import { defineEntity } from './entity.js';

export type StoredEscalation = Escalation & { readonly incidentId: string };

export const escalationEntity = defineEntity<StoredEscalation>({
  entity: 'escalation',
  keyOf: (c) => keys.escalation(c.incidentId, childNumber(c.escalationId)),
});
