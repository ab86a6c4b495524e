/** Coordination channels (`CHANNEL#<id>` / `#CHANNEL`, listed through gsi1 `CHANNEL`). */
import type { Channel } from '../../schemas/coordination.js';
import { channelIndexKeys, keys } from '../keys.js';
import { defineEntity } from './entity.js';

export const channelEntity = defineEntity<Channel>({
  entity: 'channel',
  keyOf: (c) => keys.channel(c.id),
  indexKeysOf: channelIndexKeys,
});
