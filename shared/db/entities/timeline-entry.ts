/** A timeline entry `INC#<incId>` / `TL#<seq>` (append-only, numbered by the incident's `timelineSeq`). */
import type { TimelineEntry } from '../../schemas/incidents.js';
import { keys } from '../keys.js';
import { defineEntity } from './entity.js';

export type StoredTimelineEntry = TimelineEntry & { readonly incidentId: string };

export const timelineEntryEntity = defineEntity<StoredTimelineEntry>({
  entity: 'timeline',
  keyOf: (e) => keys.timeline(e.incidentId, e.seq),
});
