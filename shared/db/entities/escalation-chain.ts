/** An escalation chain `INC#<incId>` / `ESCCHAIN#<chainId>`, in its incident's item collection. */
import type { EscalationChain } from '../../schemas/escalation.js';
import { escalationKeys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredChain = EscalationChain;

export const escalationChainEntity = defineEntity<StoredChain>({
  entity: 'escalationChain',
  keyOf: (c) => escalationKeys.chain(c.incidentId, c.chainId),
});
