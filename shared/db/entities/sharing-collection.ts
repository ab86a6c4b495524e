/** TAXII collection `COLLECTION#<id>` / `#COLLECTION`, listed through gsi1 `COLLECTION`. */
import type { Collection } from '../../schemas/sharing.js';
import { collectionIndexKeys, keys } from '../keys.js';
import { defineEntity } from './entity.js';

export const collectionEntity = defineEntity<Collection>({
  entity: 'collection',
  keyOf: (c) => keys.collection(c.id),
  indexKeysOf: collectionIndexKeys,
});
