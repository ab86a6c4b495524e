/** The action item `INC#<incId>` / `ACTION#<n>` (Action, numbered by the incident's counter). */
import type { Action } from '../../schemas/incidents.js';
import { keys } from '../keys.js';
import { childNumber } from './children.js';
import { defineEntity } from './entity.js';

export type StoredAction = Action & { readonly incidentId: string };

export const actionEntity = defineEntity<StoredAction>({
  entity: 'action',
  keyOf: (c) => keys.action(c.incidentId, childNumber(c.actionId)),
});
