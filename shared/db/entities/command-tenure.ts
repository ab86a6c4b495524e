/**
 * An ended command tenure `INC#<incId>` / `ROLE#<seq>`: who held a role from when to when, numbered
 * by the timeline seq of the handover that ended it (`endedSeq`, stored since issue 12; hidden).
 */
import type { CommandTenure } from '../../schemas/command.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredCommandTenure = CommandTenure & { readonly incidentId: string; readonly endedSeq: number };

export const commandTenureEntity = defineEntity<StoredCommandTenure>({
  entity: 'commandTenure',
  keyOf: (t) => keys.commandTenure(t.incidentId, t.endedSeq),
});
