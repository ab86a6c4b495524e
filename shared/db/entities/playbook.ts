/**
 * Shared playbooks: the head (`PLAYBOOK#<id>` / `#PLAYBOOK`, listed through gsi1 `PLAYBOOK`) and
 * its immutable versions (`V#<n>`, same item collection; activations keep the version they used).
 */
import type { Playbook } from '../../schemas/coordination.js';
import { keys, playbookIndexKeys } from '../keys.js';
import { defineEntity } from './entity.js';

export const playbookEntity = defineEntity<Playbook>({
  entity: 'playbook',
  keyOf: (p) => keys.playbook(p.id),
  indexKeysOf: playbookIndexKeys,
});

export const playbookVersionEntity = defineEntity<Playbook>({
  entity: 'playbookVersion',
  keyOf: (p) => keys.playbookVersion(p.id, p.version),
});
