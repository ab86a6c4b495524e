/** Escalation triggers (`ESCTRIGGER#<id>` / `#ESCTRIGGER`, listed through gsi1 `ESCTRIGGER`). */
import type { EscalationTrigger } from '../../schemas/escalation.js';
import { escalationKeys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredTrigger = EscalationTrigger;

export const escalationTriggerEntity = defineEntity<StoredTrigger>({
  entity: 'escalationTrigger',
  keyOf: (t) => escalationKeys.trigger(t.id),
  indexKeysOf: escalationKeys.triggerIndexKeys,
});
